import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from './deps.ts';
import type { JobHandlers } from './jobs/queue.ts';
import { startJobWorker } from './jobs/worker.ts';
import type { Recurring } from './jobs/worker.ts';
import { commonIssueJobHandlers, commonIssueRecurringJobs } from './modules/common-issues/jobs.ts';
import { concernJobHandlers, concernRecurringJobs } from './modules/concerns/deadlines.ts';
import { consultationJobHandlers, consultationRecurringJobs } from './modules/consultations/reminders.ts';
import { startOutboxWorker } from './modules/notify/worker.ts';
import { learnRoutingJob } from './modules/routing/learned.ts';
import { startSearchIndexer } from './modules/search/queue.ts';

// Composition root of the background work, as app.ts is of HTTP: what the modules provide
// (job kinds, recurring jobs, their own loops) is listed here and handed to jobs/, which
// knows no module. main.ts runs it in-process (PGlite) or background-thread.ts in a thread.

// Every module's background work, by kind: what the worker and the tests' runJobs run.
export const jobHandlers: JobHandlers = {
  ...concernJobHandlers,
  ...commonIssueJobHandlers,
  ...consultationJobHandlers,
  'concerns.routing_learn': learnRoutingJob,
};
export const recurringJobs: Recurring[] = [
  ...concernRecurringJobs,
  ...commonIssueRecurringJobs,
  ...consultationRecurringJobs,
  // Routing learns from staff decisions within a minute of them.
  { kind: 'concerns.routing_learn', everyMs: 60_000 },
];

/** The background loops: the job queue (every 15 s), the outbox and search indexing. */
export const jobIntervalMs = 15_000;

/** onTick: told after each run of the job queue (the readiness probe's heartbeat). */
export function startBackground(
  deps: Deps,
  log: FastifyBaseLogger,
  opts: { onTick?: (at: 'start' | 'end') => void } = {},
) {
  const outbox = startOutboxWorker(deps, log);
  const jobs = startJobWorker(deps, jobHandlers, jobIntervalMs, {
    recurring: recurringJobs,
    log,
    onTick: opts.onTick,
  });
  const indexer = startSearchIndexer(deps, log);
  return {
    /** One run of the job queue now, not an interval later. */
    tickJobs: () => jobs.tick(),
    stop() {
      outbox.stop();
      jobs.stop();
      indexer.stop();
    },
  };
}
