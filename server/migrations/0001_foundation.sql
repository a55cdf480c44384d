-- Foundation: committee tree, sectors, special committees, departments, members,
-- accounts and sessions, the append-only audit log, idempotency keys.
create extension if not exists pg_trgm;

create table committees (
  id uuid primary key,
  parent_id uuid references committees (id),
  level text not null check (level in ('national', 'province', 'city', 'county')),
  region_code char(6) not null unique,        -- GB/T 2260
  name text not null,                         -- 政协衡水市委员会
  region_name text not null,                  -- 衡水市
  path text not null unique,                  -- region codes from the root: 130000/131100/131121
  created_at timestamptz not null default now()
);
create index committees_path_idx on committees (path text_pattern_ops);
create index committees_parent_idx on committees (parent_id);

create table sectors (
  id uuid primary key,
  committee_id uuid references committees (id), -- null: the national list of 34
  name text not null,
  sort_order int not null default 0,
  retired_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index sectors_name_idx on sectors (coalesce(committee_id::text, ''), name);

create table special_committees (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  name text not null,
  sort_order int not null default 0,
  retired_at timestamptz,
  created_at timestamptz not null default now(),
  unique (committee_id, name)
);

create table departments (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  name text not null,
  kind text not null check (kind in ('government', 'party', 'judicial', 'people_org', 'enterprise', 'other')),
  contact_name text,
  contact_phone text,                          -- office line, not personal data
  retired_at timestamptz,
  created_at timestamptz not null default now(),
  unique (committee_id, name)
);

create table persons (
  id uuid primary key,
  name text not null,
  name_pinyin text not null,                   -- sort key: Chinese order is pinyin order
  name_initials text not null,                 -- zls for 张丽霜
  gender text not null check (gender in ('male', 'female')),
  ethnicity text,
  birth_month text,                            -- YYYY-MM as offices record it
  party text,                                  -- 政治面貌
  phone_enc text,                              -- AES-256-GCM
  phone_hash text unique,                      -- HMAC, to find the same person again
  phone_masked text,                           -- 138****5678
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index persons_pinyin_idx on persons (name_pinyin);
create index persons_name_trgm_idx on persons using gin (name gin_trgm_ops);

create table memberships (
  id uuid primary key,
  person_id uuid not null references persons (id),
  committee_id uuid not null references committees (id),
  sector_id uuid references sectors (id),
  special_committee_id uuid references special_committees (id),
  work_unit_post text not null,                -- 工作单位及职务
  position text not null default 'member'
    check (position in ('chair', 'vice_chair', 'secretary_general', 'standing', 'member')),
  status text not null default 'active' check (status in ('active', 'retired')),
  joined_on date,
  retired_on date,
  retire_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (person_id, committee_id)
);
create index memberships_committee_idx on memberships (committee_id, status);
create index memberships_sector_idx on memberships (sector_id);
create index memberships_special_idx on memberships (special_committee_id);
create index memberships_unit_trgm_idx on memberships using gin (work_unit_post gin_trgm_ops);

create table accounts (
  id uuid primary key,
  username text not null unique,               -- lower case
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'staff', 'member')),
  committee_id uuid not null references committees (id), -- scope: this committee and below
  person_id uuid references persons (id),
  require_totp boolean not null default false,
  totp_secret_enc text,
  totp_enabled boolean not null default false,
  must_change_password boolean not null default true,
  failed_logins int not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sessions (
  id_hash text primary key,                    -- sha256 of the cookie value
  account_id uuid not null references accounts (id),
  stage text not null check (stage in ('totp', 'totp_setup', 'password_change', 'full')),
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null
);
create index sessions_account_idx on sessions (account_id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id uuid,
  actor_name text,
  committee_id uuid,                           -- whose subtree may read this row
  ip text,
  action text not null,                        -- auth.login, members.create, ...
  target_type text,
  target_id text,
  result text not null check (result in ('ok', 'denied', 'invalid', 'failed')),
  status int,
  detail jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_committee_idx on audit_log (committee_id, at desc);

-- Append-only: the log cannot be edited or deleted through SQL either.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

create table idempotency_keys (
  actor text not null,                         -- account id, or ip for anonymous callers
  key text not null,
  method text not null,
  path text not null,
  status int,                                  -- null while the first attempt is running
  body text,
  created_at timestamptz not null,
  primary key (actor, key)
);
