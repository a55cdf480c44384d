-- A roster export prepared in the background: a province's roster takes seconds to write, and
-- the page shows how far it is (rows written of rows) instead of a button that seems frozen,
-- then offers the file. The file holds names and work units, so it is sealed (AES-GCM, as
-- persons.phone_enc), readable by its requester only, and forgotten an hour after it was made.
create table roster_exports (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  account_id uuid not null,
  -- running → done | failed
  status text not null check (status in ('running', 'done', 'failed')),
  phase text not null check (phase in ('reading', 'writing', 'packing', 'finished')),
  row_count integer not null default 0,
  written integer not null default 0,
  file_sealed text,
  error_code text,
  -- A runner that stopped (a crash, a restart) stops beating: the page is told it was interrupted.
  heartbeat_at timestamptz not null,
  created_at timestamptz not null,
  finished_at timestamptz
);
create index roster_exports_created_at on roster_exports (created_at);
