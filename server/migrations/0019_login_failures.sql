-- Failed logins under names that have no account, counted like an account's failed_logins,
-- so the fifth wrong password locks an unknown name exactly as it locks an account and the
-- answers (401, then 423) do not tell which names exist. Keyed by the lower-cased username.
create table login_failures (
  username text primary key,
  failures integer not null,
  locked_until timestamptz,
  updated_at timestamptz not null
);
create index login_failures_updated_at on login_failures (updated_at);

-- Both counts are forgotten a day after the last failure (the unknown names' rows so that
-- guessed names do not pile up; the accounts' so that both behave alike).
alter table accounts add column last_failed_login_at timestamptz;
