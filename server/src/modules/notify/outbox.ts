import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';

// Notifications are written to the outbox in the transaction of the change that causes
// them, so an acknowledged change never loses its message; delivery happens after commit
// and is retried until it succeeds (at least once).
export type OutboxMessage =
  | { channel: 'sms'; kind: string; phoneSealed: string; text: string; ref?: Record<string, string> }
  | { channel: 'in_app'; kind: string; personId: string; title: string; ref?: Record<string, string> };

export async function enqueue(q: Queryable, deps: Deps, m: OutboxMessage): Promise<void> {
  const recipient = m.channel === 'sms' ? m.phoneSealed : m.personId;
  const payload = m.channel === 'sms' ? { text: m.text, ...m.ref } : { title: m.title, ...m.ref };
  await q.query(
    `insert into outbox (id, kind, channel, recipient, payload, created_at) values ($1, $2, $3, $4, $5, $6)`,
    [deps.ids.uuid(), m.kind, m.channel, recipient, JSON.stringify(payload), deps.clock.now()],
  );
}

const maxAttempts = 8;

/**
 * Sends pending SMS. Each message is claimed by bumping its attempt count in a short
 * transaction (skip locked: instances never claim the same row), then sent, then marked.
 * In-app messages need no delivery: the member's notification list reads them.
 */
export async function deliverPending(deps: Deps, batch = 50): Promise<{ sent: number; failed: number }> {
  const claimed = await deps.db.tx((q) =>
    q.query<{ id: string; recipient: string; payload: { text: string } }>(
      `update outbox set attempts = attempts + 1
        where id in (select id from outbox where sent_at is null and channel = 'sms' and attempts < $1
                      order by created_at limit $2 for update skip locked)
        returning id, recipient, payload`,
      [maxAttempts, batch],
    ),
  );
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    try {
      await deps.sms.send(deps.sealer.open(m.recipient), m.payload.text);
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

export async function notificationsFor(deps: Deps, personId: string, limit = 50) {
  const rows = await deps.db.query<{
    id: string;
    kind: string;
    payload: { title: string; concernId?: string };
    created_at: Date;
  }>(
    `select id, kind, payload, created_at from outbox where channel = 'in_app' and recipient = $1
      order by created_at desc limit $2`,
    [personId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.payload.title,
    concernId: r.payload.concernId ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
