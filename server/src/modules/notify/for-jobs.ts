import type { Queryable } from '../../db/db.ts';
import { outboxMaxAttempts } from './outbox.ts';

// What notify offers the failed-work view (modules/jobs): the SMS and email the outbox stopped
// retrying, in the columns of that view's union, and a fresh set of attempts for one of them.

/** SMS/email given up on: id, type, kind, channel, committee_id, attempts, last_error, created_at, last_tried_at, path. */
export function failedMessagesSql(params: unknown[]) {
  const max = params.push(outboxMaxAttempts);
  return `select o.id, 'message' as type, o.kind, o.channel, o.committee_id, o.attempts, o.last_error,
             o.created_at, o.last_attempt_at as last_tried_at, c.path
        from outbox o left join committees c on c.id = o.committee_id
       where o.sent_at is null and o.channel in ('sms', 'email') and o.attempts >= $${max}`;
}

/** Every SMS/email message, failed or not: id, committee_id. */
export const messagesSql = `select id, committee_id from outbox where channel in ('sms', 'email')`;

export async function retryMessage(q: Queryable, id: string) {
  await q.query('update outbox set attempts = 0 where id = $1', [id]);
}
