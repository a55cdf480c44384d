import type { Outcome } from '../../../../contracts/consultations.ts';
import { outcomeWorkflow } from '../../../../contracts/consultation-workflow.ts';
import { allowedTransitions } from '../../../../contracts/workflow.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { localDate } from '../../lib/local-date.ts';
import { day, iso, workflowActor } from './common.ts';
import { endorsementsOf, outcomeHistory, outcomesInScope } from './queries.ts';

// Outcomes as the console shows them: with their answer, follow-up history, endorsements and
// the transitions the caller may take. A department's account sees only its own.

export async function outcomesOf(
  deps: Deps,
  actor: Actor,
  f: { id?: string; consultationId?: string; status?: string },
): Promise<Outcome[]> {
  const rows = await outcomesInScope(deps.db, actor.scope, {
    ...f,
    departmentId:
      actor.role === 'department' ? (actor.departmentId ?? '00000000-0000-0000-0000-000000000000') : null,
  });
  const ids = rows.map((r) => r.id);
  const [history, endorsements] = ids.length
    ? await Promise.all([outcomeHistory(deps.db, ids), endorsementsOf(deps.db, ids)])
    : [[], []];
  const today = localDate(deps.clock.now());
  const who = workflowActor(actor);
  return rows.map((r) => ({
    id: r.id,
    consultationId: r.consultation_id,
    consultationTitle: r.consultation_title,
    committeeId: r.committee_id,
    position: r.position,
    text: r.text,
    departmentId: r.department_id,
    departmentName: r.department_name,
    dueOn: day(r.due_on)!,
    // Overdue: no written answer by the deadline (Beijing date).
    overdue: r.status === 'assigned' && day(r.due_on)! < today,
    status: r.status,
    answerResult: r.answer_result,
    answerText: r.answer_text,
    answerPlan: r.answer_plan,
    answerByDate: day(r.answer_by_date),
    answeredAt: iso(r.answered_at),
    progress: r.progress,
    history: history
      .filter((h) => h.outcome_id === r.id)
      .map((h) => ({ status: h.status, progress: h.progress, note: h.note, at: iso(h.at)! })),
    endorsements: endorsements
      .filter((e) => e.outcome_id === r.id)
      .map((e) => ({
        level: e.level,
        leaderName: e.leader_name,
        endorsedOn: day(e.endorsed_on)!,
        text: e.text,
      })),
    actions: allowedTransitions(outcomeWorkflow, { status: r.status, departmentId: r.department_id }, who),
  }));
}
