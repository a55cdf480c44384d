-- The delivery loop (notify/outbox.ts: deliverPending, run after every write that enqueues
-- and by the worker) looks for unsent SMS and email in created_at order. In-app rows are
-- never "sent" (the notices list reads them), so they stayed in outbox_pending_idx for good
-- and the loop walked all of them to find none: 18 ms per call with 20,000 concerns stored,
-- growing with every concern (bench:concerns). An index of only what can be delivered stays
-- small; the old one has no other reader.
create index outbox_delivery_idx on outbox (created_at) where sent_at is null and channel in ('sms', 'email');
drop index outbox_pending_idx;
