import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { JobHandlers } from '../../jobs/queue.ts';
import type { Recurring } from '../../jobs/worker.ts';
import { localDate } from '../../lib/local-date.ts';
import { departmentAccountIds } from '../auth/for-consultations.ts';
import { createNotice, notifyCommitteeStaff } from '../notify/notices.ts';
import { day } from './common.ts';

// Overdue answers (政府答题逾期) as the `consultations.outcome_check` job: an outcome still
// unanswered after its answer date (Beijing) reminds the department's accounts and the staff
// of the consultation's committee, once per answer date, in the job's transaction (the notice
// and the mark together, so a crash between them sends nothing twice).

export const outcomeCheckKind = 'consultations.outcome_check';

export async function remindOverdueOutcomes(q: Queryable, deps: Deps, limit = 500): Promise<number> {
  const today = localDate(deps.clock.now());
  const rows = await q.query<{
    id: string;
    consultation_id: string;
    committee_id: string;
    department_id: string;
    due_on: Date | string;
  }>(
    `select id, consultation_id, committee_id, department_id, due_on from consultation_outcomes
      where status = 'assigned' and due_on < $1 and overdue_notified_for is distinct from due_on
      order by due_on, id limit $2 for update skip locked`,
    [today, limit],
  );
  for (const o of rows) {
    const due = day(o.due_on)!;
    const ref = { outcomeId: o.id, consultationId: o.consultation_id };
    for (const accountId of await departmentAccountIds(q, o.department_id))
      await createNotice(q, deps, {
        kind: 'consultation.outcome_overdue',
        to: { accountId },
        key: 'consultation.outcome_overdue',
        params: { due },
        ref,
        committeeId: o.committee_id,
      });
    await notifyCommitteeStaff(q, deps, {
      committeeId: o.committee_id,
      kind: 'consultation.outcome_overdue',
      key: 'consultation.outcome_overdue_staff',
      params: { due },
      ref,
    });
    await q.query('update consultation_outcomes set overdue_notified_for = due_on where id = $1', [o.id]);
  }
  return rows.length;
}

export const consultationJobHandlers: JobHandlers = {
  [outcomeCheckKind]: async ({ q, deps }) => {
    await remindOverdueOutcomes(q, deps);
  },
};

/** Once an hour is enough for a deadline counted in days. */
export const consultationRecurringJobs: Recurring[] = [{ kind: outcomeCheckKind, everyMs: 3600_000 }];
