import type { z } from 'zod';
import type {
  endorseBody,
  outcomeAnswerBody,
  outcomeCreateBody,
  outcomeProgressBody,
} from '../../../../contracts/consultations.ts';
import { outcomeWorkflow } from '../../../../contracts/consultation-workflow.ts';
import { assertMayAttempt, assertTarget, assertTransition } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { assertCan } from '../auth/policy.ts';
import { activeDepartmentOf } from '../org/for-others.ts';
import { workflowActor, write } from './common.ts';
import { consultationStep } from './meetings.ts';
import { outcomesOf } from './outcome-view.ts';
import { outcomesInScope } from './queries.ts';
import type { OutcomeRow } from './queries.ts';

// Outcomes (协商成果): each addressed to a handling department of the consultation's committee
// with a deadline; the department (role `department`, the same accounts concerns pass work to)
// answers in writing — adopted / partly / not, with what will be done and by when — and
// reports progress until done or not done; staff record leaders' endorsements (批示).

export async function listOutcomes(
  deps: Deps,
  actor: Actor,
  f: { status?: string; consultationId?: string },
) {
  assertCan(actor, 'consultations.outcomes');
  return outcomesOf(deps, actor, f);
}

async function requireOutcome(deps: Deps, actor: Actor, id: string, q: Queryable): Promise<OutcomeRow> {
  const [row] = await outcomesInScope(
    q,
    actor.scope,
    { id, departmentId: actor.role === 'department' ? actor.departmentId : null },
    true,
  );
  if (!row) throw new AppError('consultations.outcome_not_found');
  return row;
}

async function reloadOne(deps: Deps, actor: Actor, id: string) {
  return (await outcomesOf(deps, actor, { id }))[0]!;
}

export async function addOutcome(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof outcomeCreateBody>,
  ip: string,
) {
  return consultationStep(deps, actor, id, ip, {
    transition: 'addOutcome',
    check: async (row, q) => {
      if (!(await activeDepartmentOf(q, b.departmentId, row.committee_id)))
        throw new AppError('org.department_not_found', {
          fields: [{ field: 'body.departmentId', problem: 'invalid' }],
        });
    },
    apply: async (q, row) => {
      const oid = deps.ids.uuid();
      const now = deps.clock.now();
      await q.query(
        `insert into consultation_outcomes (id, consultation_id, committee_id, position, text, department_id, due_on,
           created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [oid, id, row.committee_id, row.outcome_count, b.text, b.departmentId, b.dueOn, now],
      );
      return oid;
    },
    detail: (_r, oid) => ({ outcomeId: oid, departmentId: b.departmentId, dueOn: b.dueOn }),
  });
}

function outcomeStep<Done>(
  deps: Deps,
  actor: Actor,
  id: string,
  ip: string,
  transition: keyof typeof outcomeWorkflow.transitions,
  s: { apply: (q: Queryable, row: OutcomeRow) => Promise<Done>; detail?: () => Record<string, unknown> },
) {
  const who = workflowActor(actor);
  assertCan(actor, 'consultations.outcomes');
  assertMayAttempt(outcomeWorkflow, transition, who, AppError);
  return write(deps, actor, ip, {
    action: outcomeWorkflow.transitions[transition].audit,
    target: 'consultation_outcome',
    load: async (q) => {
      const row = await requireOutcome(deps, actor, id, q);
      assertTransition(
        outcomeWorkflow,
        transition,
        { status: row.status, departmentId: row.department_id },
        who,
        AppError,
      );
      return row;
    },
    apply: s.apply,
    detail: s.detail,
    targetId: () => id,
    reload: () => reloadOne(deps, actor, id),
  });
}

/** The department's written answer (政府答题). */
export const answerOutcome = (
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof outcomeAnswerBody>,
  ip: string,
) =>
  outcomeStep(deps, actor, id, ip, 'answer', {
    apply: async (q) => {
      const now = deps.clock.now();
      await q.query(
        `update consultation_outcomes set status = 'answered', answer_result = $2, answer_text = $3, answer_plan = $4,
           answer_by_date = $5, answered_at = $6, answered_by = $7, updated_at = $6 where id = $1`,
        [id, b.result, b.text, b.plan ?? null, b.byDate ?? null, now, actor.accountId],
      );
    },
    detail: () => ({ result: b.result }),
  });

/** Follow-up: progress with a note, until done, or not done with the reason (the note). */
export const reportProgress = (
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof outcomeProgressBody>,
  ip: string,
) =>
  outcomeStep(deps, actor, id, ip, 'progress', {
    apply: async (q, row) => {
      assertTarget(outcomeWorkflow, 'progress', row.status, b.status);
      const progress = b.status === 'done' ? 100 : b.progress;
      const now = deps.clock.now();
      await q.query(
        `update consultation_outcomes set status = $2, progress = $3, updated_at = $4 where id = $1`,
        [id, b.status, progress, now],
      );
      await q.query(
        `insert into consultation_outcome_progress (id, outcome_id, status, progress, note, by_account, at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [deps.ids.uuid(), id, b.status, progress, b.note, actor.accountId, now],
      );
    },
    detail: () => ({ status: b.status, progress: b.progress }),
  });

export const endorseOutcome = (
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof endorseBody>,
  ip: string,
) =>
  outcomeStep(deps, actor, id, ip, 'endorse', {
    apply: async (q) => {
      await q.query(
        `insert into consultation_endorsements (id, outcome_id, level, leader_name, endorsed_on, text, recorded_by, at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [deps.ids.uuid(), id, b.level, b.leaderName, b.endorsedOn, b.text, actor.accountId, deps.clock.now()],
      );
    },
    detail: () => ({ level: b.level, leaderName: b.leaderName }),
  });
