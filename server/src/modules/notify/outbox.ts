import type { NoticeMessage } from '../../../../contracts/notice-texts.ts';
import { noticeText } from '../../../../contracts/notice-texts.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';

// Notifications are written to the outbox in the transaction of the change that causes
// them, so an acknowledged change never loses its message; delivery happens after commit
// and is retried until it succeeds (at least once).
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

/** After this many failed sends a message is left for a person (GET /api/jobs/failed). */
export const outboxMaxAttempts = 8;

/**
 * Sends pending SMS and email. Each message is claimed by bumping its attempt count in a
 * short transaction (skip locked: instances never claim the same row), then sent, then
 * marked sent, so a sent message is never claimed again. In-app messages need no delivery:
 * the notices list reads them.
 */
export async function deliverPending(deps: Deps, batch = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await deps.db.tx((q) =>
    q.query<{
      id: string;
      channel: 'sms' | 'email';
      recipient: string;
      payload: { text: string; subject?: string };
    }>(
      `update outbox set attempts = attempts + 1, last_attempt_at = $3
        where id in (select id from outbox where sent_at is null and channel in ('sms', 'email') and attempts < $1
                      order by created_at limit $2 for update skip locked)
        returning id, channel, recipient, payload`,
      [outboxMaxAttempts, batch, deps.clock.now()],
    ),
  );
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    try {
      if (m.channel === 'email')
        await deps.mail.send({
          to: m.recipient,
          subject: m.payload.subject ?? '',
          text: m.payload.text,
          messageId: `<${m.id}@lianxin.outbox>`,
        });
      else await deps.sms.send(deps.sealer.open(m.recipient), m.payload.text);
      await deps.db.query('update outbox set sent_at = $2, last_error = null where id = $1', [
        m.id,
        deps.clock.now(),
      ]);
      sent++;
    } catch (err) {
      failed++;
      await deps.db.query('update outbox set last_error = $2 where id = $1', [
        m.id,
        String((err as Error).message ?? err).slice(0, 500),
      ]);
    }
  }
  return { sent, failed };
}

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
