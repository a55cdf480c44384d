import type { NoticeMessage } from '../../../../contracts/notice-texts.ts';
import { noticeText } from '../../../../contracts/notice-texts.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';

// Notifications are written to the outbox in the transaction of the change that causes
// them, so an acknowledged change never loses its message; delivery happens after commit,
// once per message (delivery.ts), retried for a day before a person is asked to look.
type Common = {
  kind: string;
  ref?: Record<string, string>;
  /** Whose subtree the row belongs to (who may see it in the failed-deliveries view). */
  committeeId?: string | null;
};
/** Whom an in-app notice is for: a person (a member), an account, or a committee's staff. */
export type NoticeTo =
  | { personId: string }
  | { accountId: string }
  /** Every staff and admin account of that committee; each reads it on its own. */
  | { committeeStaff: string };
export type OutboxMessage = Common &
  (
    | { channel: 'sms'; phoneSealed: string; text: string }
    | ({ channel: 'in_app'; to: NoticeTo } & NoticeMessage)
    | { channel: 'email'; to: string; subject: string; text: string }
  );

type Address = {
  recipient: string;
  audience: string | null;
  payload: object;
  key: string | null;
  params: object | null;
};

function addressOf(m: OutboxMessage): Address {
  if (m.channel === 'sms')
    return {
      recipient: m.phoneSealed,
      audience: null,
      payload: { text: m.text, ...m.ref },
      key: null,
      params: null,
    };
  if (m.channel === 'email')
    return {
      recipient: m.to,
      audience: null,
      payload: { subject: m.subject, text: m.text, ...m.ref },
      key: null,
      params: null,
    };
  // A notice is read from its key in the reader's language; the Chinese title stays in the
  // payload too, for a version that predates message_key (a rollback) to show something.
  const params = m.params ?? {};
  const n = { payload: { title: noticeText(m.key, params, 'zh-CN'), ...m.ref }, key: m.key, params };
  const to = m.to;
  if ('personId' in to) return { recipient: to.personId, audience: 'person', ...n };
  if ('accountId' in to) return { recipient: to.accountId, audience: 'account', ...n };
  return { recipient: to.committeeStaff, audience: 'committee_staff', ...n };
}

export async function enqueue(q: Queryable, deps: Deps, m: OutboxMessage): Promise<void> {
  const a = addressOf(m);
  await q.query(
    `insert into outbox (id, kind, channel, recipient, audience, committee_id, payload, message_key, message_params, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      deps.ids.uuid(),
      m.kind,
      m.channel,
      a.recipient,
      a.audience,
      m.committeeId ?? null,
      JSON.stringify(a.payload),
      a.key,
      a.params && JSON.stringify(a.params),
      deps.clock.now(),
    ],
  );
}

// Sending (leases, retries, circuits) lives in delivery.ts; callers import it from here.
export { deliverPending, outboxLeaseMs } from './delivery.ts';

/**
 * A citizen's erasure: SMS about these concerns that were not sent yet are dropped (they
 * would go to a number we no longer hold), and sent ones lose the sealed number.
 */
export async function redactSmsFor(q: Queryable, concernIds: string[]): Promise<void> {
  if (!concernIds.length) return;
  await q.query(
    `delete from outbox where channel = 'sms' and sent_at is null and payload->>'concernId' = any($1::text[])`,
    [concernIds],
  );
  await q.query(
    `update outbox set recipient = '(erased)', payload = payload - 'text'
      where channel = 'sms' and payload->>'concernId' = any($1::text[])`,
    [concernIds],
  );
}
