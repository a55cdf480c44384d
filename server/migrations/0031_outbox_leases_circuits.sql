-- Delivery exactly once and patient retries (notify/outbox.ts: deliverPending).
-- A sender claims a message for a lease (claimed_until): no other sender takes it until the
-- lease ends, so two flushes never send the same row; a sender that died loses its claim
-- when the lease runs out and the row is sent again, with the same idempotency key (the row
-- id) for the gateway to drop. Retries back off per row (next_attempt_at); a message is
-- given up (given_up_at) only after a day of failures, counted from first_failed_at.
alter table outbox add column claimed_until timestamptz;
alter table outbox add column next_attempt_at timestamptz;
alter table outbox add column first_failed_at timestamptz;
alter table outbox add column given_up_at timestamptz;

-- Rows the old rule (eight attempts) had given up on stay given up; rows still being retried
-- keep going under the new rule, from their last failure.
update outbox set given_up_at = coalesce(last_attempt_at, created_at)
 where sent_at is null and channel in ('sms', 'email') and attempts >= 8;
update outbox set first_failed_at = coalesce(last_attempt_at, created_at)
 where sent_at is null and channel in ('sms', 'email') and attempts > 0;

-- What the delivery loop looks for: undelivered SMS and email still being retried.
create index outbox_due_idx on outbox (created_at)
 where sent_at is null and given_up_at is null and channel in ('sms', 'email');
drop index outbox_delivery_idx;
create index outbox_given_up_idx on outbox (given_up_at) where sent_at is null and given_up_at is not null;

-- One circuit per transport, shared by every instance: after several failures in a row the
-- channel is paused until open_until (an outage does not burn the messages' attempts), then
-- one message probes it. down_since is the first failure of the run, shown to staff.
create table delivery_circuits (
  channel text primary key check (channel in ('sms', 'email')),
  failures int not null default 0,                  -- consecutive failed sends
  down_since timestamptz,
  open_until timestamptz,
  updated_at timestamptz
);
insert into delivery_circuits (channel) values ('sms'), ('email');
