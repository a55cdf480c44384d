import type { z } from 'zod';
import type {
  Plan,
  planApproveBody,
  planCreateBody,
  planItemBody,
} from '../../../../contracts/consultations.ts';
import { planWorkflow, topicWorkflow } from '../../../../contracts/consultation-workflow.ts';
import { allowedTransitions, assertMayAttempt, assertTransition } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { publicCode } from '../../lib/clock.ts';
import { assertCan } from '../auth/policy.ts';
import { departmentNames, sectorNames, specialCommitteeNames } from '../org/for-audit.ts';
import { activeDepartmentOf, sectorUsable, specialCommitteeUsable } from '../org/for-others.ts';
import { requireCommittee } from '../org/service.ts';
import { createNotice } from '../notify/notices.ts';
import { day, iso, workflowActor, write } from './common.ts';
import { itemInScope, planItems, plansInScope, topicsInScope } from './queries.ts';
import type { PlanRow } from './queries.ts';

// The annual consultation plan (年度协商计划): opened in Q4 as the year's call for topics
// (its public code is the QR code of 群众出题), filled with chosen topics, each with its form,
// lead special committee, sectors, month and invited departments; approved (who, when, the
// document) and published once every other topic of the year has been answered.

export const topicCallUrl = (deps: Deps, code: string) => `${deps.settings.publicBaseUrl}/ct/${code}`;

export async function requirePlan(deps: Deps, actor: Actor, id: string, q: Queryable = deps.db) {
  const [row] = await plansInScope(q, actor.scope, { id });
  if (!row) throw new AppError('consultations.plan_not_found');
  return row;
}

function summaryOf(deps: Deps, r: PlanRow) {
  return {
    id: r.id,
    committeeId: r.committee_id,
    committeeName: r.committee_name,
    year: r.year,
    title: r.title,
    status: r.status,
    publicCode: r.public_code,
    topicCallUrl: topicCallUrl(deps, r.public_code),
    approvedByName: r.approved_by_name,
    approvedOn: day(r.approved_on),
    documentRef: r.document_ref,
    publishedAt: iso(r.published_at),
    topicCount: r.topic_count,
    unansweredCount: r.unanswered_count,
  };
}

export async function listPlans(deps: Deps, actor: Actor, f: { committeeId?: string }) {
  assertCan(actor, 'consultations.read');
  return (await plansInScope(deps.db, actor.scope, f)).map((r) => summaryOf(deps, r));
}

export async function getPlan(deps: Deps, actor: Actor, id: string): Promise<Plan> {
  assertCan(actor, 'consultations.read');
  const row = await requirePlan(deps, actor, id);
  const items = await planItems(deps.db, id);
  const ids = (f: (i: (typeof items)[number]) => (string | null)[]) => [
    ...new Set(items.flatMap(f).filter((x): x is string => Boolean(x))),
  ];
  const [specials, sectors, departments] = await Promise.all([
    specialCommitteeNames(
      deps.db,
      ids((i) => [i.lead_special_committee_id]),
    ),
    sectorNames(
      deps.db,
      ids((i) => i.sector_ids),
    ),
    departmentNames(
      deps.db,
      ids((i) => i.department_ids),
    ),
  ]);
  const names = (m: Map<string, string>, list: string[]) => list.map((x) => m.get(x) ?? '');
  return {
    ...summaryOf(deps, row),
    items: items.map((i) => ({
      id: i.id,
      topicId: i.topic_id,
      topicTitle: i.topic_title,
      topicSource: i.topic_source,
      form: i.form,
      leadSpecialCommitteeId: i.lead_special_committee_id,
      leadName: (i.lead_special_committee_id && specials.get(i.lead_special_committee_id)) || i.lead_text,
      sectorIds: i.sector_ids,
      sectorNames: names(sectors, i.sector_ids),
      plannedMonth: i.planned_month,
      departmentIds: i.department_ids,
      departmentNames: names(departments, i.department_ids),
      consultationId: i.consultation_id,
    })),
    actions: allowedTransitions(planWorkflow, row, workflowActor(actor)),
  };
}

export async function createPlan(deps: Deps, actor: Actor, b: z.infer<typeof planCreateBody>, ip: string) {
  assertCan(actor, 'consultations.manage');
  const committee = await requireCommittee(deps, actor, b.committeeId);
  return write(deps, actor, ip, {
    action: 'consultations.plan_create',
    target: 'consultation_plan',
    load: async () => ({ committee_id: committee.id }),
    apply: async (q) => {
      const taken = await q.query('select 1 from consultation_plans where committee_id = $1 and year = $2', [
        b.committeeId,
        b.year,
      ]);
      if (taken.length)
        throw new AppError('consultations.plan_exists', {
          fields: [{ field: 'body.year', problem: 'invalid' }],
        });
      const id = deps.ids.uuid();
      const now = deps.clock.now();
      await q.query(
        `insert into consultation_plans (id, committee_id, year, title, public_code, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [id, b.committeeId, b.year, b.title, publicCode(10), actor.accountId, now],
      );
      return id;
    },
    detail: () => ({ year: b.year }),
    targetId: (_r, id) => id,
    reload: (_r, id) => getPlan(deps, actor, id),
  });
}

/** Each id must name an active entry of the plan's committee (refused by the field at fault). */
async function assertChoices(q: Queryable, committeeId: string, b: z.infer<typeof planItemBody>) {
  const bad = (
    field: string,
    code: 'org.special_committee_not_found' | 'org.sector_not_found' | 'org.department_not_found',
  ) => new AppError(code, { fields: [{ field, problem: 'invalid' }] });
  if (b.leadSpecialCommitteeId && !(await specialCommitteeUsable(q, b.leadSpecialCommitteeId, committeeId)))
    throw bad('body.leadSpecialCommitteeId', 'org.special_committee_not_found');
  for (const s of b.sectorIds)
    if (!(await sectorUsable(q, s, committeeId))) throw bad('body.sectorIds', 'org.sector_not_found');
  for (const d of b.departmentIds)
    if (!(await activeDepartmentOf(q, d, committeeId)))
      throw bad('body.departmentIds', 'org.department_not_found');
}

/** Puts a proposed topic of the plan's year into the plan: the topic is then `chosen`. */
export async function addPlanItem(
  deps: Deps,
  actor: Actor,
  planId: string,
  b: z.infer<typeof planItemBody>,
  ip: string,
) {
  const who = workflowActor(actor);
  assertCan(actor, 'consultations.manage');
  return write(deps, actor, ip, {
    action: 'consultations.plan_item_add',
    target: 'consultation_plan',
    load: async (q) => {
      const plan = await requirePlan(deps, actor, planId, q);
      assertTransition(planWorkflow, 'edit', plan, who, AppError);
      const [topic] = await topicsInScope(q, actor.scope, { id: b.topicId, planId });
      if (!topic)
        throw new AppError('consultations.topic_not_found', {
          fields: [{ field: 'body.topicId', problem: 'invalid' }],
        });
      assertTransition(topicWorkflow, 'choose', { status: topic.status, mine: false }, who, AppError);
      await assertChoices(q, plan.committee_id, b);
      return { ...plan, topic };
    },
    apply: async (q, { topic }) => {
      const [pos] = await q.query<{ n: number }>(
        'select count(*)::int as n from consultation_plan_items where plan_id = $1',
        [planId],
      );
      const id = deps.ids.uuid();
      await q.query(
        `insert into consultation_plan_items (id, plan_id, topic_id, form, lead_special_committee_id, lead_text,
           sector_ids, planned_month, department_ids, position)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          planId,
          b.topicId,
          b.form,
          b.leadSpecialCommitteeId ?? null,
          b.leadText ?? null,
          b.sectorIds,
          b.plannedMonth,
          b.departmentIds,
          pos!.n,
        ],
      );
      await q.query(`update consultation_topics set status = 'chosen', updated_at = $2 where id = $1`, [
        b.topicId,
        deps.clock.now(),
      ]);
      if (topic.proposer_person_id)
        await createNotice(q, deps, {
          kind: 'consultation.topic_chosen',
          to: { personId: topic.proposer_person_id },
          key: 'consultation.topic_chosen',
          params: { title: topic.title },
          ref: { topicId: topic.id, planId },
          committeeId: topic.committee_id,
        });
      return id;
    },
    detail: (_r, itemId) => ({ topicId: b.topicId, itemId, form: b.form }),
    targetId: () => planId,
    reload: () => getPlan(deps, actor, planId),
  });
}

/** Takes a topic out of a draft plan: it is proposed again, to be chosen or answered. */
export async function removePlanItem(deps: Deps, actor: Actor, planId: string, itemId: string, ip: string) {
  assertCan(actor, 'consultations.manage');
  return write(deps, actor, ip, {
    action: 'consultations.plan_item_remove',
    target: 'consultation_plan',
    load: async (q) => {
      const plan = await requirePlan(deps, actor, planId, q);
      assertTransition(planWorkflow, 'edit', plan, workflowActor(actor), AppError);
      const item = await itemInScope(q, actor.scope, itemId);
      if (!item || item.plan_id !== planId) throw new AppError('consultations.topic_not_found');
      return { ...plan, topic_id: item.topic_id };
    },
    apply: async (q, row) => {
      await q.query('delete from consultation_plan_items where id = $1', [itemId]);
      await q.query(`update consultation_topics set status = 'proposed', updated_at = $2 where id = $1`, [
        row.topic_id,
        deps.clock.now(),
      ]);
    },
    detail: (row) => ({ topicId: row.topic_id }),
    targetId: () => planId,
    reload: () => getPlan(deps, actor, planId),
  });
}

export async function approvePlan(
  deps: Deps,
  actor: Actor,
  planId: string,
  b: z.infer<typeof planApproveBody>,
  ip: string,
) {
  assertCan(actor, 'consultations.manage');
  assertMayAttempt(planWorkflow, 'approve', workflowActor(actor), AppError);
  return write(deps, actor, ip, {
    action: planWorkflow.transitions.approve.audit,
    target: 'consultation_plan',
    load: async (q) => {
      const plan = await requirePlan(deps, actor, planId, q);
      assertTransition(planWorkflow, 'approve', plan, workflowActor(actor), AppError);
      return plan;
    },
    apply: async (q) => {
      await q.query(
        `update consultation_plans set status = 'approved', approved_by_name = $2, approved_on = $3, document_ref = $4,
           approved_by = $5, updated_at = $6 where id = $1`,
        [planId, b.approvedByName, b.approvedOn, b.documentRef, actor.accountId, deps.clock.now()],
      );
    },
    detail: () => ({
      approvedByName: b.approvedByName,
      approvedOn: b.approvedOn,
      documentRef: b.documentRef,
    }),
    targetId: () => planId,
    reload: () => getPlan(deps, actor, planId),
  });
}

/** Published once no topic of the year waits: each is in the plan or answered to its proposer. */
export async function publishPlan(deps: Deps, actor: Actor, planId: string, ip: string) {
  assertCan(actor, 'consultations.manage');
  assertMayAttempt(planWorkflow, 'publish', workflowActor(actor), AppError);
  return write(deps, actor, ip, {
    action: planWorkflow.transitions.publish.audit,
    target: 'consultation_plan',
    load: async (q) => {
      const plan = await requirePlan(deps, actor, planId, q);
      assertTransition(planWorkflow, 'publish', plan, workflowActor(actor), AppError);
      if (plan.unanswered_count > 0)
        throw new AppError('consultations.topics_unanswered', { vars: { n: plan.unanswered_count } });
      return plan;
    },
    apply: async (q) => {
      const now = deps.clock.now();
      await q.query(
        `update consultation_plans set status = 'published', published_at = $2, updated_at = $2 where id = $1`,
        [planId, now],
      );
    },
    targetId: () => planId,
    reload: () => getPlan(deps, actor, planId),
  });
}
