import type { Queryable } from '../db/db.ts';
import type { Deps } from '../deps.ts';
import type { Clock } from '../lib/clock.ts';
import { randomIds } from '../lib/clock.ts';

// The queue itself: a `jobs` table. The work lives in the modules, as handlers by kind.

export type Job = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  run_at: Date;
};

/**
 * A handler runs inside the transaction that marks its job done: what it writes to the
 * database commits together with the completion, or not at all (and the job is retried).
 * Anything leaving the system goes through the outbox, written on the same `q`.
 */
export type JobHandler = (ctx: { q: Queryable; deps: Deps; job: Job }) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export type NewJob = {
  kind: string;
  payload?: Record<string, unknown>;
  runAt?: Date;
  /** Enqueueing the same key again is a no-op: one job per key, ever (until pruned). */
  key?: string;
  maxAttempts?: number;
  /** Whose work it is: admins of that committee's subtree see it if it fails for good. */
  committeeId?: string | null;
};

/** Usable on a transaction's `q`: the job exists if and only if the caller's change commits. */
export async function enqueue(
  q: Queryable,
  clock: Clock,
  j: NewJob,
): Promise<{ id: string; created: boolean }> {
  const now = clock.now();
  const id = randomIds.uuid();
  const rows = await q.query<{ id: string }>(
    `insert into jobs (id, kind, payload, dedupe_key, run_at, max_attempts, created_at, committee_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (dedupe_key) do nothing returning id`,
    [
      id,
      j.kind,
      JSON.stringify(j.payload ?? {}),
      j.key ?? null,
      j.runAt ?? now,
      j.maxAttempts ?? 5,
      now,
      j.committeeId ?? null,
    ],
  );
  if (rows[0]) return { id: rows[0].id, created: true };
  const [prev] = await q.query<{ id: string }>('select id from jobs where dedupe_key = $1', [j.key]);
  return { id: prev!.id, created: false };
}

/** Wait before the next attempt after `attempts` failed ones: 30 s, 1, 2, 4 … min, at most 1 h. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/** How long a claim holds before another runner may take the job over (a crashed runner). */
export const leaseMs = 5 * 60_000;

/** The job was claimed again by another runner after this one's lease ran out. */
class LeaseLost extends Error {}

export type RunResult = { claimed: number; done: number; failed: number; gaveUp: number };

/**
 * Claims up to `limit` due jobs (skip locked: concurrent runners split them, never share
 * one), runs each by kind and marks it done; a failure records last_error and schedules a
 * retry with backoff, until max_attempts, after which the job stays as it is for a person.
 * A runner whose lease ran out before it finished commits nothing: the runner that took the
 * job over is the one whose work counts.
 */
export async function runDueJobs(
  deps: Deps,
  handlers: JobHandlers,
  { limit = 20 }: { limit?: number } = {},
): Promise<RunResult> {
  const now = deps.clock.now();
  const claimed = await deps.db.tx((q) =>
    q.query<Job>(
      `update jobs set attempts = attempts + 1, locked_until = $2
        where id in (select id from jobs
                      where done_at is null and run_at <= $1 and attempts < max_attempts
                        and (locked_until is null or locked_until <= $1)
                      order by run_at, id limit $3 for update skip locked)
        returning id, kind, payload, attempts, max_attempts, run_at`,
      [now, new Date(now.getTime() + leaseMs), limit],
    ),
  );
  const out: RunResult = { claimed: claimed.length, done: 0, failed: 0, gaveUp: 0 };
  for (const job of claimed) {
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await deps.db.tx(async (q) => {
        await handler({ q, deps, job });
        // Still ours only if nobody claimed it since (attempts moves with every claim): a
        // runner slower than its lease was overtaken, and its work rolls back with this.
        const mine = await q.query(
          `update jobs set done_at = $2, locked_until = null, last_error = null
            where id = $1 and attempts = $3 and done_at is null returning id`,
          [job.id, deps.clock.now(), job.attempts],
        );
        if (!mine.length) throw new LeaseLost();
      });
      out.done++;
    } catch (err) {
      if (err instanceof LeaseLost) continue;
      out.failed++;
      const last = job.attempts >= job.max_attempts;
      if (last) out.gaveUp++;
      await deps.db.query(
        `update jobs set last_error = $2, locked_until = null, run_at = $3
          where id = $1 and attempts = $4 and done_at is null`,
        [
          job.id,
          String((err as Error)?.message ?? err).slice(0, 1000),
          last ? job.run_at : new Date(deps.clock.now().getTime() + backoffMs(job.attempts)),
          job.attempts,
        ],
      );
    }
  }
  return out;
}

/** Jobs done more than `keepMs` ago are deleted (their dedupe keys with them). */
export async function pruneDoneJobs(deps: Deps, keepMs = 7 * 86400_000): Promise<number> {
  const rows = await deps.db.query(
    'delete from jobs where done_at is not null and done_at < $1 returning id',
    [new Date(deps.clock.now().getTime() - keepMs)],
  );
  return rows.length;
}
