import { commonIssueJobHandlers, commonIssueRecurringJobs } from '../modules/common-issues/jobs.ts';
import { concernJobHandlers, concernRecurringJobs } from '../modules/concerns/deadlines.ts';
import type { JobHandlers } from './queue.ts';
import type { Recurring } from './worker.ts';

// Every module's background work, by kind: what main.ts's worker and the tests' runJobs run.
export const jobHandlers: JobHandlers = { ...concernJobHandlers, ...commonIssueJobHandlers };
export const recurringJobs: Recurring[] = [...concernRecurringJobs, ...commonIssueRecurringJobs];
