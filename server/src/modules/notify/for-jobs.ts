import type { Queryable } from '../../db/db.ts';

// What the failed-work admin (modules/jobs) reads and resets of the outbox: SMS and email
// messages the outbox stopped retrying.

/**
 * The failed messages as rows of the jobs module's union (`id, type, kind, channel,
 * committee_id, attempts, last_error, created_at, last_tried_at, path`), `max` being the SQL
 * expression of the attempts after which delivery stops.
 */
export const failedMessagesSql = (max: string) =>
  `select o.id, 'message', o.kind, o.channel, o.committee_id, o.attempts, o.last_error,
          o.created_at, o.last_attempt_at, c.path
     from outbox o left join committees c on c.id = o.committee_id
    where o.sent_at is null and o.channel in ('sms', 'email') and o.attempts >= ${max}`;

/** Every SMS and email message, failed or not: `id, committee_id`. */
export const deliverableMessagesSql = `select id, committee_id from outbox where channel in ('sms', 'email')`;

/** A fresh set of attempts for a message (the delivery loop picks it up again). */
export async function resetMessageAttempts(q: Queryable, id: string) {
  await q.query('update outbox set attempts = 0 where id = $1', [id]);
}
