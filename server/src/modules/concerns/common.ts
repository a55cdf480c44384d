import { isOpen } from '../../../../contracts/concern-workflow.ts';
import { handOverDueDays } from '../../../../contracts/concerns.ts';
import type { ConcernSubject } from '../../../../contracts/concern-workflow.ts';
import type { WorkflowActor } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { AuditEntry } from '../audit/service.ts';
import type { Actor } from '../../http/actor.ts';
import { deliverPending } from '../notify/outbox.ts';
import { addWorkingDays } from '../../lib/working-days.ts';
import type { ConcernRow } from './queries.ts';

// Shared by the citizen and the handler sides of the concern path.

/** Days a committee has to answer from routing or a hand-over (办理时限), before any extension. */
export const dueDays = handOverDueDays;
export const dueFrom = (now: Date, days = dueDays) => new Date(now.getTime() + days * 86400_000);

export const trackingUrl = (deps: Deps, code: string) => `${deps.settings.publicBaseUrl}/t/${code}`;

// Statuses in which a concern still waits for its handler (deadlines and reminders apply):
// defined with the concern's workflow.
export { isOpen, openStatuses } from '../../../../contracts/concern-workflow.ts';

/** Working days a handling department has to answer, unless staff give another deadline. */
export const departmentDueWorkingDays = 10;
/** Working days, from receiving it, in which a department may ask to return a concern. */
export const returnWorkingDays = 3;

/** Until when the department may ask to return it; null when no department holds it. */
export const returnUntil = (k: Pick<ConcernRow, 'handler_department_id' | 'department_assigned_at'>) =>
  k.handler_department_id && k.department_assigned_at
    ? addWorkingDays(new Date(k.department_assigned_at), returnWorkingDays)
    : null;

/** A concern and an account as the workflow reads them, at this moment. */
export const concernSubject = (
  k: Pick<ConcernRow, 'status' | 'handler_account_id'> &
    Partial<Pick<ConcernRow, 'handler_department_id' | 'department_assigned_at'>>,
  now: Date = new Date(),
): ConcernSubject => {
  const until = returnUntil({
    handler_department_id: k.handler_department_id ?? null,
    department_assigned_at: k.department_assigned_at ?? null,
  });
  return {
    status: k.status,
    handlerAccountId: k.handler_account_id,
    handlerDepartmentId: k.handler_department_id ?? null,
    returnOpen: until !== null && now < until,
  };
};
export const workflowActor = (actor: Actor): WorkflowActor => ({
  id: actor.accountId,
  role: actor.role,
  departmentId: actor.departmentId,
});

export const isOverdue = (status: string, dueAt: Date | string | null, now: Date) =>
  isOpen(status) && dueAt !== null && new Date(dueAt) < now;

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** China Standard Time as people write it: 2026年11月23日 09:00. */
export const localTime = (d: Date | string) => {
  const s = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 4)}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11, 16)}`;
};

export function audit(
  deps: Deps,
  q: Queryable,
  e: Omit<AuditEntry, 'result' | 'status' | 'targetType'>,
): Promise<void> {
  return recordAudit(q, deps.clock, { ...e, targetType: 'concern', result: 'ok', status: 200 });
}

/**
 * After commit: try to send what the change put in the outbox. A failure here loses
 * nothing (the rows stay pending for the next delivery run), so it never fails the request.
 */
export async function flushOutbox(deps: Deps): Promise<void> {
  try {
    await deliverPending(deps);
  } catch {
    // left pending in the outbox; retried by the next delivery
  }
}
