-- Common issues (共性问题): concerns of one committee grouped by the text engine
-- (modules/text) and checked by staff. The engine's grouping lives in memory and is rebuilt
-- from these tables; staff decisions are an append-only log replayed by every later run, so
-- a concern staff detached is never pulled back in.
create table common_issues (
  id text primary key,                              -- the engine's group id (g-<first concern>)
  committee_id uuid not null references committees (id),
  title text not null,
  key_terms jsonb not null default '[]',            -- heaviest words of the group, for people
  representative_ids jsonb not null default '[]',   -- the one or two most typical concerns
  concern_count int not null default 0,
  studio_count int not null default 0,
  status text not null default 'proposed' check (status in ('proposed', 'confirmed')),
  notified_at timestamptz,                          -- staff told once it grew past the threshold
  report_draft_id uuid,                             -- the opinion-report draft started from it
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index common_issues_committee_idx on common_issues (committee_id, concern_count desc);

create table common_issue_concerns (
  concern_id uuid primary key references concerns (id),
  issue_id text not null references common_issues (id) on update cascade,
  committee_id uuid not null references committees (id),
  studio_id uuid references studios (id),           -- the studio it came through (counts "spans studios")
  placed_at timestamptz not null
);
create index common_issue_concerns_issue_idx on common_issue_concerns (issue_id);

create table common_issue_decisions (
  id uuid primary key,
  seq bigint generated always as identity,          -- replay order
  committee_id uuid not null references committees (id),
  decision jsonb not null,                          -- modules/text/decisions.ts: Decision
  account_id uuid references accounts (id),
  at timestamptz not null
);
create index common_issue_decisions_committee_idx on common_issue_decisions (committee_id, seq);

-- How far placing new concerns has got (submitted_at of the last one placed): the next run
-- starts a little before it and skips what is already placed.
create table common_issue_marks (
  name text primary key,
  placed_until timestamptz not null
);
create index if not exists concerns_submitted_idx on concerns (submitted_at);

-- Bumped by every change to a committee's common issues, so an instance whose in-memory index
-- is older reloads it from the tables.
create table common_issue_versions (
  committee_id uuid primary key references committees (id),
  version bigint not null
);

-- The opinion report (社情民意信息) is a later capability; a draft started from a common issue
-- is stored now so the link exists when that capability lands.
create table opinion_report_drafts (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  title text not null,
  common_issue_id text references common_issues (id) on update cascade,
  created_by uuid references accounts (id),
  created_at timestamptz not null
);
alter table common_issues add constraint common_issues_report_draft_fk
  foreign key (report_draft_id) references opinion_report_drafts (id);

-- Routing models learned from staff decisions (modules/text/routing-model.ts state), per committee.
create table text_models (
  committee_id uuid not null references committees (id),
  kind text not null,
  state jsonb not null,
  examples int not null default 0,
  updated_at timestamptz not null,
  primary key (committee_id, kind)
);
