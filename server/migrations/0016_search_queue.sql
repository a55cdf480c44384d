-- New concerns wait here to be indexed for search by a background loop (search/queue.ts),
-- instead of being indexed inside the citizen's submission. Indexing a concern segments its
-- text and writes ~300 entries into three GIN indexes: in the submission that was a quarter of
-- the database's work, and now and then one citizen's request paid for flushing a GIN
-- pending list for everyone (bench:concerns, issue 3). In batches of a few hundred it costs
-- about two thirds as much. A queued row is written in the submission's own statement, so no
-- concern is ever left out; staff find a new concern about a second after it arrives.
create table search_queue (
  kind text not null check (kind in ('concern')),
  ref_id uuid not null,
  queued_at timestamptz not null,
  primary key (kind, ref_id)
);
