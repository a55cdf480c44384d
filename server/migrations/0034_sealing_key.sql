-- The key that seals personal data never sits in the database; its fingerprint does, so a
-- start with another key (an empty DATA_DIR that would generate a new one, a wrong
-- SECRET_KEY) stops with a clear message instead of answering 500 on every reveal. One row.
-- The algorithm is chosen at install (SEAL_ALGORITHM) and kept here with the key.
create table sealing_key (
  id int primary key default 1 check (id = 1),
  fingerprint text not null,
  algorithm text not null check (algorithm in ('aes-256-gcm', 'sm4')),
  recorded_at timestamptz not null,
  -- A rotation in progress (npm run key:rotate): the key being moved to, and per set of
  -- sealed columns the last row done ({"persons.phone": "<id>"}; "*" when the set is done).
  -- The app refuses to start until it is finished.
  rotating_to text,
  rotating_algorithm text check (rotating_algorithm in ('aes-256-gcm', 'sm4')),
  rotation_progress jsonb not null default '{}',
  rotation_started_at timestamptz
);
