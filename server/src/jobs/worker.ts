import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.ts';
import { every } from '../lib/every.ts';
import { enqueue, pruneDoneJobs, runDueJobs } from './queue.ts';
import type { JobHandlers } from './queue.ts';

/** A job enqueued once per period; the key (kind + period start) makes every instance agree. */
export type Recurring = { kind: string; everyMs: number };

/**
 * Enqueues the recurring jobs of the current period (idempotent: one per period across all
 * instances), then runs what is due.
 */
export async function jobTick(deps: Deps, handlers: JobHandlers, recurring: Recurring[] = [], limit = 20) {
  const now = deps.clock.now().getTime();
  for (const r of recurring) {
    const start = new Date(Math.floor(now / r.everyMs) * r.everyMs);
    await enqueue(deps.db, deps.clock, {
      kind: r.kind,
      runAt: start,
      key: `${r.kind}@${start.toISOString()}`,
      maxAttempts: 3,
    });
  }
  return runDueJobs(deps, handlers, { limit });
}

export function startJobWorker(
  deps: Deps,
  handlers: JobHandlers,
  intervalMs = 15_000,
  opts: { recurring?: Recurring[]; log?: FastifyBaseLogger; onTick?: (at: 'start' | 'end') => void } = {},
) {
  let ticks = 0;
  return every(
    intervalMs,
    async () => {
      opts.onTick?.('start');
      try {
        const r = await jobTick(deps, handlers, opts.recurring);
        if (r.claimed) opts.log?.info(r, 'jobs run');
        if (r.gaveUp) opts.log?.error(r, 'jobs gave up after their last attempt');
        if (++ticks % 240 === 1) await pruneDoneJobs(deps);
      } finally {
        // The loop is alive (a failed tick too: it is retried): what /api/health/ready asks.
        opts.onTick?.('end');
      }
    },
    (err) => opts.log?.error({ err }, 'job worker tick failed'),
  );
}
