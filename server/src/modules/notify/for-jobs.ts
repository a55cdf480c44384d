import type { Queryable } from '../../db/db.ts';
import { outages } from './circuits.ts';

// What notify offers the failed-work view (modules/jobs): the SMS and email the outbox gave up
// on, in the columns of that view's union, a fresh start for one of them, and the transports
// that are down right now.

/** SMS/email given up on: id, type, kind, channel, committee_id, attempts, last_error, created_at, last_tried_at, path. */
export function failedMessagesSql(_params: unknown[]) {
  return `select o.id, 'message' as type, o.kind, o.channel, o.committee_id, o.attempts, o.last_error,
             o.created_at, o.last_attempt_at as last_tried_at, c.path
        from outbox o left join committees c on c.id = o.committee_id
       where o.sent_at is null and o.given_up_at is not null`;
}

/** Every SMS/email message, failed or not: id, committee_id. */
export const messagesSql = `select id, committee_id from outbox where channel in ('sms', 'email')`;

/** Back in the queue, due now, with a new day of retries. */
export async function retryMessage(q: Queryable, id: string, now: Date) {
  await q.query(
    `update outbox set attempts = 0, given_up_at = null, first_failed_at = null, next_attempt_at = $2,
            claimed_until = null
      where id = $1 and sent_at is null`,
    [id, now],
  );
}

/** Transports whose circuit is open: since when, and how many messages wait for them. */
export const deliveryOutages = (q: Queryable) => outages(q);
