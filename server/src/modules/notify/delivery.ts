import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import type { Channel } from './circuits.ts';
import { channels, recordFailure, recordSuccess, takeCircuits } from './circuits.ts';

// Delivery of the outbox's SMS and email, exactly once as far as the transports allow:
// - a sender claims rows for a lease (claimed_until), in a transaction that takes them with
//   `for update skip locked`: concurrent flushes (every reply flushes) split the rows, and a
//   claimed row is left alone by everyone else until it is sent or its lease ends;
// - the row is marked sent right after the transport accepted it, long before the lease ends;
//   a sender that dies in between loses its claim when the lease ends and another sends the
//   row again with the same key (the row id), which the gateway drops as a repeat;
// - a failure is retried with backoff (30 s, 2 min, 10 min, 1 h, 2 h, 4 h, then every 6 h,
//   each ±20 %), and a message is given up only after a day of failures;
// - a transport failing again and again is paused by its circuit (circuits.ts), so an outage
//   costs the messages waiting no attempts.
// In-app messages need no delivery: the notices list reads them.

/** Kinds whose text is dropped from the outbox as soon as the message is sent. */
export const forgottenOnceSent = ['accounts.initial_password'];

/** How long a claim holds; far longer than a send, so a live sender always marks first. */
export const outboxLeaseMs = 5 * 60_000;
/** Failures for this long (from the first one) and the message is left for staff. */
export const giveUpAfterMs = 24 * 3600_000;

const retrySteps = [30_000, 2 * 60_000, 10 * 60_000, 3600_000, 2 * 3600_000, 4 * 3600_000, 6 * 3600_000];

/**
 * Wait after the `attempts`-th failed send of a message. The jitter comes from the row id and
 * the attempt, so messages failed together spread out, and a test can predict each one.
 */
export function retryDelayMs(attempts: number, id: string): number {
  const base = retrySteps[Math.min(Math.max(attempts, 1), retrySteps.length) - 1]!;
  const h = createHash('sha1').update(`${id}:${attempts}`).digest().readUInt32BE(0) / 2 ** 32;
  return Math.round(base * (0.8 + 0.4 * h));
}

type Claimed = {
  id: string;
  channel: Channel;
  recipient: string;
  payload: { text: string; subject?: string };
  attempts: number;
};

async function claim(deps: Deps, now: Date, leaseUntil: Date, batch: number) {
  return deps.db.tx(async (q) => {
    const circuits = await takeCircuits(q, now, outboxLeaseMs);
    const claimed: Claimed[] = [];
    for (const channel of channels) {
      const c = circuits.get(channel)!;
      const limit = c.state === 'closed' ? batch : c.state === 'half_open' ? 1 : 0;
      if (!limit) continue;
      // Longest waiting first, so the probes of a long outage take turns among the messages.
      const rows = await q.query<Claimed>(
        `with due as (
           select id from outbox
            where sent_at is null and given_up_at is null and channel in ('sms', 'email') and channel = $1
              and (next_attempt_at is null or next_attempt_at <= $2)
              and (claimed_until is null or claimed_until <= $2)
            order by coalesce(next_attempt_at, created_at), created_at limit $3 for update skip locked)
         update outbox o set attempts = o.attempts + 1, last_attempt_at = $2, claimed_until = $4
           from due where o.id = due.id
         returning o.id, o.channel, o.recipient, o.payload, o.attempts`,
        [channel, now, limit, leaseUntil],
      );
      // Nothing to probe with: the next flush may probe as soon as a message is due.
      if (c.state === 'half_open' && !rows.length)
        await q.query('update delivery_circuits set open_until = $2 where channel = $1', [channel, now]);
      claimed.push(...rows);
    }
    return { claimed, circuits };
  });
}

async function send(deps: Deps, m: Claimed) {
  if (m.channel === 'email')
    await deps.mail.send({
      to: m.recipient,
      subject: m.payload.subject ?? '',
      text: m.payload.text,
      messageId: `<${m.id}@lianxin.outbox>`,
      key: m.id,
    });
  else await deps.sms.send(deps.sealer.open(m.recipient), m.payload.text, { key: m.id });
}

/** Only while the claim is still this sender's: after its lease the row is another's business. */
async function recordFailed(deps: Deps, m: Claimed, leaseUntil: Date, err: unknown) {
  const now = deps.clock.now();
  await deps.db.query(
    `update outbox set last_error = $2, claimed_until = null,
            first_failed_at = coalesce(first_failed_at, $3),
            next_attempt_at = $4,
            given_up_at = case when coalesce(first_failed_at, $3) <= $5 then $3::timestamptz end
      where id = $1 and sent_at is null and claimed_until = $6`,
    [
      m.id,
      String((err as Error)?.message ?? err).slice(0, 500),
      now,
      new Date(now.getTime() + retryDelayMs(m.attempts, m.id)),
      new Date(now.getTime() - giveUpAfterMs),
      leaseUntil,
    ],
  );
}

/**
 * Sends the SMS and email that are due. Safe to call from any number of places at once
 * (after each commit, the worker, several instances): each row has one sender at a time.
 */
export async function deliverPending(deps: Deps, batch = 50): Promise<{ sent: number; failed: number }> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + outboxLeaseMs);
  const { claimed, circuits } = await claim(deps, now, leaseUntil, batch);
  // Channels whose circuit has failures on record: a success there closes it.
  const dirty = new Set(channels.filter((c) => circuits.get(c)!.failures > 0));
  const paused = new Set<Channel>();
  const released: string[] = [];
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    if (paused.has(m.channel) || deps.clock.now() >= leaseUntil) {
      released.push(m.id);
      continue;
    }
    try {
      await send(deps, m);
    } catch (err) {
      failed++;
      await recordFailed(deps, m, leaseUntil, err);
      dirty.add(m.channel);
      if (await recordFailure(deps.db, m.channel, deps.clock.now())) paused.add(m.channel);
      continue;
    }
    // A failure here (the database gone) leaves the row claimed: after the lease it is sent
    // again under the same key, which the transport drops.
    // A message carrying a secret (an initial password) keeps no text once it is delivered.
    await deps.db.query(
      `update outbox set sent_at = $2, claimed_until = null, last_error = null,
              payload = case when kind = any($3::text[]) then payload - 'text' else payload end
        where id = $1 and sent_at is null`,
      [m.id, deps.clock.now(), forgottenOnceSent],
    );
    sent++;
    if (dirty.has(m.channel)) {
      await recordSuccess(deps.db, m.channel, deps.clock.now());
      dirty.delete(m.channel);
    }
  }
  // Not tried (the circuit opened meanwhile): handed back without spending an attempt.
  if (released.length)
    await deps.db.query(
      `update outbox set claimed_until = null, attempts = attempts - 1
        where id = any($1::uuid[]) and sent_at is null and claimed_until = $2`,
      [released, leaseUntil],
    );
  return { sent, failed };
}
