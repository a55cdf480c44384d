import { noticeTexts } from '../../../../contracts/notice-texts.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { JobHandlers } from '../../jobs/queue.ts';
import { keptForMs } from './h5-photos.ts';
import type { Recurring } from '../../jobs/worker.ts';
import { departmentAccountsOf, personOfAccountSql } from '../auth/for-concerns.ts';
import { createNotice, notifyCommitteeStaff } from '../notify/notices.ts';
import { convenorsOf } from '../studios/for-concerns.ts';
import { localTime, trackingUrl } from './common.ts';
import { openStatusesSql } from './queries.ts';
import { insertEvent } from './queries.ts';

// Deadline reminders (办理时限提醒), run as the `concerns.deadline_check` job. A sweep finds
// open concerns whose deadline is within a day (reminder) or past (overdue notice) and, per
// concern in the job's transaction, writes the in-app notice(s), a system event and the
// due_at the notice was for: each notice goes out once per deadline, however often the
// sweep runs; a new deadline (extension, escalation, reopening) earns its own notices.
// A handling department's accounts hear of the concerns passed to it, as a member would.
// The staff of the handling committee hear of every overdue concern (in-app and by email:
// supervision, 督办 — and nobody else may hear of a concern no member holds), and of a
// concern due soon when no member would.

export const deadlineCheckKind = 'concerns.deadline_check';
export const remindBeforeMs = 24 * 3600_000;

type Due = {
  id: string;
  tracking_code: string;
  committee_id: string;
  due_at: Date;
  person_id: string | null;
  studio_id: string | null;
  handler_person_id: string | null;
  handler_department_id: string | null;
  stage: 'due_soon' | 'overdue';
};

/** Who hears of it: the member it is routed to and whoever accepted it; else the studio's convenors. */
async function recipients(q: Queryable, k: Due): Promise<string[]> {
  const ids = new Set([k.person_id, k.handler_person_id].filter((x): x is string => Boolean(x)));
  if (!ids.size && k.studio_id) for (const personId of await convenorsOf(q, k.studio_id)) ids.add(personId);
  return [...ids];
}

const memberKeys = { due_soon: 'concern.due_soon', overdue: 'concern.overdue' } as const;
const staffKeys = { due_soon: 'concern.due_soon_unassigned', overdue: 'concern.overdue_staff' } as const;

export async function checkDeadlines(
  q: Queryable,
  deps: Deps,
  limit = 500,
): Promise<{ dueSoon: number; overdue: number }> {
  const now = deps.clock.now();
  const soon = new Date(now.getTime() + remindBeforeMs);
  const rows = await q.query<Due>(
    `select k.id, k.tracking_code, k.committee_id, k.due_at, k.person_id, k.studio_id,
            ${personOfAccountSql('k.handler_account_id')} as handler_person_id, k.handler_department_id,
            case when k.due_at <= $1 then 'overdue' else 'due_soon' end as stage
       from concerns k
      where k.status in ${openStatusesSql} and k.due_at is not null
        and ((k.due_at <= $1 and k.overdue_notified_for is distinct from k.due_at)
          or (k.due_at > $1 and k.due_at <= $2 and k.due_reminded_for is distinct from k.due_at))
      order by k.due_at, k.id limit $3
      for update of k skip locked`,
    [now, soon, limit],
  );
  const out = { dueSoon: 0, overdue: 0 };
  for (const k of rows) {
    const due = new Date(k.due_at);
    const kind = k.stage === 'overdue' ? 'concern.overdue' : 'concern.due_soon';
    const ref = { concernId: k.id, trackingCode: k.tracking_code };
    const members = await recipients(q, k);
    for (const personId of members)
      await createNotice(q, deps, {
        kind,
        to: { personId },
        key: memberKeys[k.stage],
        ref,
        committeeId: k.committee_id,
      });
    // A concern passed to a handling department: each of its accounts hears of the deadline.
    const department = k.handler_department_id ? await departmentAccountsOf(q, k.handler_department_id) : [];
    for (const accountId of department)
      await createNotice(q, deps, {
        kind,
        to: { accountId },
        key: memberKeys[k.stage],
        ref,
        committeeId: k.committee_id,
      });
    if (k.stage === 'overdue' || !(members.length + department.length))
      await notifyCommitteeStaff(q, deps, {
        committeeId: k.committee_id,
        kind,
        key: staffKeys[k.stage],
        ref,
        email:
          k.stage === 'overdue'
            ? {
                subject: `【连心】诉求已超期：查询码 ${k.tracking_code}`,
                text: `${noticeTexts['concern.overdue_staff']['zh-CN']}。\n查询码：${k.tracking_code}\n办理期限：${localTime(due)}\n进度：${trackingUrl(deps, k.tracking_code)}\n请登录连心平台督办。`,
              }
            : undefined,
      });
    await insertEvent(q, deps.ids.uuid(), k.id, now, {
      kind: k.stage,
      actorKind: 'system',
      detail: { dueAt: due.toISOString() },
    });
    // An overdue notice also stands for the reminder it may have skipped (worker down).
    await q.query(
      k.stage === 'overdue'
        ? 'update concerns set overdue_notified_for = $2, due_reminded_for = $2 where id = $1'
        : 'update concerns set due_reminded_for = $2 where id = $1',
      [k.id, due],
    );
    if (k.stage === 'overdue') out.overdue++;
    else out.dueSoon++;
  }
  return out;
}

export const concernJobHandlers: JobHandlers = {
  [deadlineCheckKind]: async ({ q, deps }) => {
    await checkDeadlines(q, deps);
    // And the photos kept for an H5 form that was never sent (h5-photos.ts) go after a day.
    await q.query('delete from concern_photo_drafts where created_at < $1', [
      new Date(deps.clock.now().getTime() - keptForMs),
    ]);
  },
};

/** The sweep runs every ten minutes (one job per period across all instances). */
export const concernRecurringJobs: Recurring[] = [{ kind: deadlineCheckKind, everyMs: 10 * 60_000 }];
