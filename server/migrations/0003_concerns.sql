-- Concerns (诉求): what a citizen raises through a studio's or a member's QR code, routed to
-- a committee (and maybe a studio and a member), handled to an answer, rated by the citizen.
-- Every step is a concern_event; every message to the outside world is an outbox row written
-- in the same transaction as the change that caused it.
create table concerns (
  id uuid primary key,
  tracking_code text not null unique,               -- 查询码: the citizen's only key to it
  submit_key text unique,                           -- de-duplicates a re-posted H5 form
  committee_id uuid not null references committees (id), -- the level handling it now
  studio_id uuid references studios (id),
  person_id uuid references persons (id),           -- the member it is routed to
  handler_account_id uuid references accounts (id), -- who accepted it
  category text not null,
  body text not null check (char_length(body) between 1 and 2000),
  place text,
  status text not null default 'submitted'
    check (status in ('submitted', 'accepted', 'info_requested', 'answered', 'reopened', 'closed')),
  reopen_count int not null default 0 check (reopen_count between 0 and 1),
  rating text check (rating in ('satisfied', 'basic', 'unsatisfied')),
  rating_comment text,
  citizen_phone_enc text,                           -- AES-256-GCM; null when anonymous
  citizen_phone_hash text,                          -- keyed hash: rate limits, "my concerns"
  citizen_phone_masked text,
  consent boolean not null default false,           -- agreed to the personal-data notice
  consent_at timestamptz,
  due_at timestamptz,                               -- set on routing, extendable by staff
  submitted_at timestamptz not null,
  answered_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null,
  check (citizen_phone_enc is null or consent)
);
create index concerns_committee_idx on concerns (committee_id, status);
create index concerns_person_idx on concerns (person_id, status);
create index concerns_studio_idx on concerns (studio_id, status);
create index concerns_due_idx on concerns (due_at) where status not in ('answered', 'closed');

create table concern_events (
  id uuid primary key,
  seq bigint generated always as identity,         -- order of steps taken in the same instant
  concern_id uuid not null references concerns (id),
  at timestamptz not null,
  kind text not null,
  actor_kind text not null check (actor_kind in ('citizen', 'member', 'staff', 'system')),
  actor_account_id uuid references accounts (id),
  actor_label text,                                 -- what the citizen sees: 委员 张三 / 政协XX县委员会
  public_text text,                                 -- shown on the tracking page
  note text,                                        -- internal: reasons for transfers, extensions
  from_committee_id uuid references committees (id),
  to_committee_id uuid references committees (id),
  detail jsonb not null default '{}'
);
create index concern_events_concern_idx on concern_events (concern_id, at);

-- Messages leave through the outbox: written with the change, sent after commit, retried.
create table outbox (
  id uuid primary key,
  kind text not null,                               -- concern.answered, concern.routed …
  channel text not null check (channel in ('sms', 'in_app', 'email')),
  recipient text not null,                          -- sms: sealed phone; in_app: person id
  payload jsonb not null,
  created_at timestamptz not null,
  sent_at timestamptz,
  attempts int not null default 0,
  last_error text
);
create index outbox_pending_idx on outbox (created_at) where sent_at is null;
create index outbox_recipient_idx on outbox (channel, recipient, created_at);

-- One-time codes sent by SMS: only a keyed hash of phone and code is kept.
create table sms_codes (
  id uuid primary key,
  phone_hash text not null,
  code_hash text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  attempts int not null default 0,
  used_at timestamptz
);
create index sms_codes_phone_idx on sms_codes (phone_hash, created_at desc);

-- Fixed-window counters shared by every app instance (per IP, per phone …).
create table rate_limits (
  bucket text not null,
  window_start timestamptz not null,
  count int not null,
  primary key (bucket, window_start)
);
