-- Routing suggestions and the decisions staff take on them; concerns heard in person at a
-- reception; a citizen's erasure request.

-- The committee's editable tables (category → sectors, keyword → sector). A committee
-- without a row inherits the nearest ancestor's, and the root the default in code.
create table routing_rules (
  committee_id uuid primary key references committees (id),
  rules jsonb not null,
  updated_by uuid references accounts (id),
  updated_at timestamptz not null
);

-- What the rule set suggested at intake (sectors, studios, members, each with reasons).
alter table concerns add column routing jsonb;
alter table concerns add column sector_id uuid references sectors (id);

-- Every accept or override, with what was suggested and what was chosen: the training data
-- of a learned scorer later (issue 4), and the record of who routed what.
create table routing_decisions (
  id uuid primary key,
  seq bigint generated always as identity,          -- order of decisions taken in the same instant
  concern_id uuid not null references concerns (id),
  committee_id uuid not null references committees (id),
  suggested jsonb not null,
  chosen jsonb not null,
  accepted boolean not null,
  account_id uuid not null references accounts (id),
  at timestamptz not null
);
create index routing_decisions_concern_idx on routing_decisions (concern_id, at);
create index routing_decisions_committee_idx on routing_decisions (committee_id, at);

-- Where a concern came from: a QR code (H5/API) or a member's reception day or visit.
alter table concerns add column channel text not null default 'qr' check (channel in ('qr', 'reception'));
alter table concerns add column occurred_at timestamptz;          -- reception: when it was heard
alter table concerns add column citizen_name_enc text;            -- AES-256-GCM, optional
alter table concerns add column recorded_by uuid references accounts (id);

-- Erasure at the citizen's request: personal data gone, the marker says when; open concerns
-- are withdrawn (a status of their own, so statistics can tell them apart).
alter table concerns add column erased_at timestamptz;
alter table concerns drop constraint concerns_status_check;
alter table concerns add constraint concerns_status_check
  check (status in ('submitted', 'accepted', 'info_requested', 'answered', 'reopened', 'closed', 'withdrawn'));
create index concerns_phone_hash_idx on concerns (citizen_phone_hash) where citizen_phone_hash is not null;
