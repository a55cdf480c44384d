-- In-app notices for accounts and for "the staff of a committee", read per account; an
-- optional email address on accounts (staff notices that matter also go by email); the
-- committee a job or an outbox row belongs to, so admins below the root see their own
-- failed work and nobody else's.
-- in_app rows only: whom `recipient` names (a person, an account, or a committee's staff).
alter table outbox add column audience text check (audience in ('person', 'account', 'committee_staff'));
update outbox set audience = 'person' where channel = 'in_app';
alter table outbox add column committee_id uuid references committees (id);
alter table outbox add column last_attempt_at timestamptz;
create index outbox_failed_idx on outbox (created_at) where sent_at is null and attempts > 0;

-- A notice to the staff of a committee is one row, read by each of its accounts on its own.
create table notice_reads (
  outbox_id uuid not null references outbox (id),
  account_id uuid not null references accounts (id),
  read_at timestamptz not null,
  primary key (account_id, outbox_id)
);

alter table jobs add column committee_id uuid references committees (id);
create index jobs_failed_idx on jobs (created_at) where done_at is null and last_error is not null;

-- Staff addresses are work addresses, not citizens' personal data: stored as given.
alter table accounts add column email text check (email is null or char_length(email) <= 254);
