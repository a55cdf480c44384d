import type { Queryable } from '../../db/db.ts';

// One circuit per transport (SMS gateway, mail server), kept in the database so every
// instance sees the same one. Closed: messages go out. After `circuitFailures` failed sends in
// a row it opens: nobody sends on that channel until open_until, so an outage costs the
// messages no attempts. Then it is half-open: one sender takes one message as a probe (and
// holds the circuit for a lease while it tries); success closes it, failure opens it again
// for twice as long, up to `circuitMaxOpenMs`.

export type Channel = 'sms' | 'email';
export const channels: readonly Channel[] = ['sms', 'email'];

/** Failed sends in a row that open a channel's circuit. */
export const circuitFailures = 5;
export const circuitFirstOpenMs = 60_000;
export const circuitMaxOpenMs = 10 * 60_000;

export type CircuitState = 'closed' | 'open' | 'half_open';
type CircuitRow = { channel: Channel; failures: number; down_since: Date | null; open_until: Date | null };

function stateOf(c: CircuitRow, now: Date): CircuitState {
  if (c.failures < circuitFailures) return 'closed';
  return c.open_until && new Date(c.open_until) > now ? 'open' : 'half_open';
}

/**
 * Inside the claim transaction: each channel's state. Reading takes no lock, so flushes on a
 * healthy channel never wait for one another; a half-open channel is taken by a conditional
 * update that one transaction wins (the others find it held once the winner commits), which
 * holds it for `probeLeaseMs` while the winner sends its one probe. A loser sees it 'open'.
 */
export async function takeCircuits(
  q: Queryable,
  now: Date,
  probeLeaseMs: number,
): Promise<Map<Channel, { state: CircuitState; failures: number }>> {
  const rows = await q.query<CircuitRow>(
    `select channel, failures, down_since, open_until from delivery_circuits where channel in ('sms', 'email')`,
  );
  const out = new Map<Channel, { state: CircuitState; failures: number }>(
    channels.map((c) => [c, { state: 'closed', failures: 0 }]),
  );
  for (const r of rows) {
    let state = stateOf(r, now);
    if (state === 'half_open') {
      const won = await q.query(
        `update delivery_circuits set open_until = $2, updated_at = $3
          where channel = $1 and failures >= $4 and (open_until is null or open_until <= $3)
          returning channel`,
        [r.channel, new Date(now.getTime() + probeLeaseMs), now, circuitFailures],
      );
      if (!won.length) state = 'open';
    }
    out.set(r.channel, { state, failures: r.failures });
  }
  return out;
}

/** A failed send: one more in the run; returns whether the circuit is open now. */
export async function recordFailure(q: Queryable, channel: Channel, now: Date): Promise<boolean> {
  const [r] = await q.query<{ failures: number }>(
    `insert into delivery_circuits as c (channel, failures, down_since, open_until, updated_at)
     values ($1, 1, $2, null, $2)
     on conflict (channel) do update set
       failures = c.failures + 1,
       down_since = coalesce(c.down_since, excluded.down_since),
       open_until = case when c.failures + 1 >= $3
         then $2::timestamptz + make_interval(secs => least($4::float8 * power(2, c.failures + 1 - $3), $5::float8))
         else c.open_until end,
       updated_at = excluded.updated_at
     returning failures`,
    [channel, now, circuitFailures, circuitFirstOpenMs / 1000, circuitMaxOpenMs / 1000],
  );
  return (r?.failures ?? 0) >= circuitFailures;
}

/**
 * A successful send closes the circuit. When it had been open (this was the probe), the
 * messages that waited out the outage are due now rather than at the end of their backoff.
 */
export async function recordSuccess(q: Queryable, channel: Channel, now: Date): Promise<void> {
  const [was] = await q.query<{ failures: number }>(
    `update delivery_circuits c set failures = 0, down_since = null, open_until = null, updated_at = $2
       from (select failures from delivery_circuits where channel = $1 for update) old
      where c.channel = $1 and old.failures > 0
      returning old.failures`,
    [channel, now],
  );
  if (was && was.failures >= circuitFailures)
    await q.query(
      `update outbox set next_attempt_at = $2
        where sent_at is null and given_up_at is null and channel = $1 and next_attempt_at > $2`,
      [channel, now],
    );
}

/** Channels whose circuit is open or probing: since when they fail, and how many messages wait. */
export async function outages(q: Queryable): Promise<{ channel: Channel; since: Date; waiting: number }[]> {
  return q.query(
    `select c.channel, c.down_since as since,
            (select count(*) from outbox o
              where o.sent_at is null and o.given_up_at is null and o.channel in ('sms', 'email')
                and o.channel = c.channel)::int as waiting
       from delivery_circuits c
      where c.failures >= $1 and c.down_since is not null
      order by c.channel`,
    [circuitFailures],
  );
}
