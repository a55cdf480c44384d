-- Tamper-evident audit: each row carries the SM3 hash (pgcrypto's digest, from OpenSSL) of
-- the previous row's hash and of its own content, so an edited, deleted or inserted row
-- breaks the chain even when a superuser drops the append-only trigger. A trigger computes
-- it at insert, whatever writes the row (single inserts, writeTogether's statements), under
-- the lock of audit_chain's one row: concurrent transactions chain one after another, and a
-- rolled-back one leaves no hole. `npm run audit:verify` recomputes the hashes in Node.
create extension if not exists pgcrypto;

alter table audit_log add column chain_seq bigint;
alter table audit_log add column prev_hash text;
alter table audit_log add column hash text;
create unique index audit_log_chain_seq_idx on audit_log (chain_seq);

-- The head: the last position and hash. Also copied outside the database (each backup's
-- manifest, the log at start), where a rewritten chain cannot follow.
create table audit_chain (
  id int primary key default 1 check (id = 1),
  seq bigint not null,
  hash text not null,
  algorithm text not null check (algorithm in ('sm3', 'sha256'))
);
insert into audit_chain (id, seq, hash, algorithm) values (1, 0, repeat('0', 64), 'sm3');
-- SM3 where the server's OpenSSL has it (Debian's and PGlite's do); SHA-256 otherwise.
do $$
begin
  perform digest('x', 'sm3');
exception when others then
  update audit_chain set algorithm = 'sha256';
end $$;

-- What is hashed: the row's fields in a fixed order, as PostgreSQL renders them (jsonb's text
-- is canonical: keys sorted, one spelling per number). verify selects the same expression.
create function audit_row_content(r audit_log) returns text language sql immutable as $$
  select jsonb_build_array(r.chain_seq, (extract(epoch from r.at) * 1000000)::bigint, r.actor_id, r.actor_name,
    r.committee_id, r.ip, r.action, r.target_type, r.target_id, r.result, r.status, r.detail)::text
$$;

create function audit_log_chain() returns trigger language plpgsql as $$
declare
  h audit_chain%rowtype;
begin
  select * into h from audit_chain where id = 1 for update;
  new.chain_seq := h.seq + 1;
  new.prev_hash := h.hash;
  new.hash := encode(digest(h.hash || E'\n' || audit_row_content(new), h.algorithm), 'hex');
  update audit_chain set seq = new.chain_seq, hash = new.hash where id = 1;
  return new;
end $$;

-- Rows written before the chain, chained now in id order (the append-only trigger set aside
-- for this one update).
alter table audit_log disable trigger audit_log_no_update;
do $$
declare
  r audit_log;
  h audit_chain%rowtype;
begin
  for r in select * from audit_log order by id loop
    select * into h from audit_chain where id = 1;
    r.chain_seq := h.seq + 1;
    r.prev_hash := h.hash;
    r.hash := encode(digest(h.hash || E'\n' || audit_row_content(r), h.algorithm), 'hex');
    update audit_log set chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash where id = r.id;
    update audit_chain set seq = r.chain_seq, hash = r.hash where id = 1;
  end loop;
end $$;
alter table audit_log enable trigger audit_log_no_update;

create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain();
