-- Background jobs on a PostgreSQL table: enqueued inside the caller's transaction, claimed
-- with `for update skip locked` so several app instances never run one job twice at once,
-- retried with backoff until max_attempts. Time comes from the app's clock, never now().
create table jobs (
  id uuid primary key,
  kind text not null,                               -- concerns.deadline_check …
  payload jsonb not null default '{}',
  dedupe_key text unique,                           -- enqueueing the same key twice makes one job
  run_at timestamptz not null,                      -- not before this instant
  attempts int not null default 0,                  -- claims so far
  max_attempts int not null default 5 check (max_attempts >= 1),
  locked_until timestamptz,                         -- lease of the runner that claimed it
  last_error text,
  created_at timestamptz not null,
  done_at timestamptz
);
create index jobs_due_idx on jobs (run_at) where done_at is null;
create index jobs_done_idx on jobs (done_at) where done_at is not null;

-- Deadline reminders: the due_at each notice was sent for, so a notice goes out once per
-- deadline, and again (once) when staff extend the deadline or a level above takes it over.
alter table concerns add column due_reminded_for timestamptz;
alter table concerns add column overdue_notified_for timestamptz;
