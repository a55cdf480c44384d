-- A roster import too big to answer in its request runs in the background; this row is what
-- the office's page polls (phase, rows checked) and what it reads at the end: the counts, the
-- first problems and their total, and the bad rows as an .xlsx to download. Problems and the
-- bad-rows file hold names and phones, so both are sealed (AES-GCM, as persons.phone_enc).
-- A failed small import gets a row too, for its bad-rows file. Rows are forgotten after a week.
create table roster_imports (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  account_id uuid not null,
  dry_run boolean not null,
  -- running → done | invalid (problems found, nothing imported) | failed (an error, nothing imported)
  status text not null check (status in ('running', 'done', 'invalid', 'failed')),
  phase text not null check (phase in ('checking', 'writing', 'finished')),
  row_count integer not null,
  checked integer not null default 0,
  problem_count integer not null default 0,
  result jsonb,
  problems_sealed text,
  bad_rows_sealed text,
  error_code text,
  -- A runner that stopped (a crash, a restart) stops beating: the page is told it was interrupted.
  heartbeat_at timestamptz not null,
  created_at timestamptz not null,
  finished_at timestamptz
);
create index roster_imports_created_at on roster_imports (created_at);
