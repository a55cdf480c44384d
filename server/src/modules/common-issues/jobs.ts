import type { JobHandlers } from '../../jobs/queue.ts';
import type { Recurring } from '../../jobs/worker.ts';
import { placeJob } from './placing.ts';
import { rebuildJob } from './rebuild-job.ts';

export const commonIssueJobHandlers: JobHandlers = {
  'common_issues.place': placeJob,
  'common_issues.rebuild': rebuildJob,
};

/** New concerns join common issues within a minute of arriving. */
export const commonIssueRecurringJobs: Recurring[] = [{ kind: 'common_issues.place', everyMs: 60_000 }];
