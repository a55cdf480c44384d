import { commonIssueJobHandlers, commonIssueRecurringJobs } from '../modules/common-issues/jobs.ts';
import { concernJobHandlers, concernRecurringJobs } from '../modules/concerns/deadlines.ts';
import { learnRoutingJob } from '../modules/routing/learned.ts';
import type { JobHandlers } from './queue.ts';
import type { Recurring } from './worker.ts';

// Every module's background work, by kind: what main.ts's worker and the tests' runJobs run.
export const jobHandlers: JobHandlers = {
  ...concernJobHandlers,
  ...commonIssueJobHandlers,
  'concerns.routing_learn': learnRoutingJob,
};
export const recurringJobs: Recurring[] = [
  ...concernRecurringJobs,
  ...commonIssueRecurringJobs,
  // Routing learns from staff decisions within a minute of them.
  { kind: 'concerns.routing_learn', everyMs: 60_000 },
];
