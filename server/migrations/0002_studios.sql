-- Studios (委员工作室): committee-owned places, offline or online, with members, the
-- committee's standards checklist, an approval workflow and a duty roster.
create table studios (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  name text not null,
  kind text not null check (kind in ('regional', 'sector', 'themed', 'industry_chain', 'online')),
  sector_id uuid references sectors (id),
  address text,
  lat double precision,
  lng double precision,
  lead_person_id uuid references persons (id),      -- 负责人 / 召集人
  intro text,
  services text,                                    -- what its members can help with
  opening_hours text,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'rejected')),
  review_reason text,
  reviewed_by uuid references accounts (id),
  reviewed_at timestamptz,
  submitted_at timestamptz,
  public_code text not null unique,                 -- in the QR code: survives a rename
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index studios_committee_idx on studios (committee_id, status);

create table studio_members (
  studio_id uuid not null references studios (id),
  person_id uuid not null references persons (id),
  role text not null default 'member' check (role in ('convenor', 'member')),
  joined_at timestamptz not null,
  primary key (studio_id, person_id)
);
create index studio_members_person_idx on studio_members (person_id);

-- The committee's checklist, e.g. 五有: 有场所、有标准、有制度、有活动、有台账.
create table studio_standards (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  name text not null,
  sort_order int not null default 0,
  unique (committee_id, name)
);
create table studio_standard_checks (
  studio_id uuid not null references studios (id),
  standard_id uuid not null references studio_standards (id),
  met boolean not null,
  note text,
  primary key (studio_id, standard_id)
);

-- Recurring reception days (the 15th of each month; every Tuesday) and one-off slots.
-- Times are local (China Standard Time, UTC+8, no daylight saving).
create table duty_rules (
  id uuid primary key,
  studio_id uuid not null references studios (id),
  freq text not null check (freq in ('monthly', 'weekly')),
  day int not null,                                  -- 1–31 of the month, or 1–7 (Mon–Sun)
  start_time text not null,                          -- HH:MM
  end_time text not null,
  person_ids uuid[] not null default '{}',
  valid_from date not null,
  valid_to date,
  note text,
  created_at timestamptz not null
);
create index duty_rules_studio_idx on duty_rules (studio_id);

create table duty_slots (
  id uuid primary key,
  studio_id uuid not null references studios (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  person_ids uuid[] not null default '{}',
  note text,
  created_at timestamptz not null
);
create index duty_slots_studio_idx on duty_slots (studio_id, starts_at);

-- Members get a public code too, for their own QR card.
alter table persons add column public_code text unique;
