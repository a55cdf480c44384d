import type { z } from 'zod';
import type {
  Topic,
  publicTopicBody,
  topicCreateBody,
  topicDeclineBody,
  topicSecondBody,
} from '../../../../contracts/consultations.ts';
import { topicWorkflow } from '../../../../contracts/consultation-workflow.ts';
import type { TopicSubject } from '../../../../contracts/consultation-workflow.ts';
import { allowedTransitions, assertMayAttempt, assertTransition } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { hitLimits } from '../../http/rate-limit.ts';
import { publicCode } from '../../lib/clock.ts';
import { recordAudit } from '../audit/service.ts';
import { assertCan } from '../auth/policy.ts';
import { issueForTopic } from '../common-issues/for-consultations.ts';
import { concernForTopic } from '../concerns/for-consultations.ts';
import { checkSmsCode, consumeSmsCode } from '../notify/codes.ts';
import { createNotice } from '../notify/notices.ts';
import { iso, workflowActor, write } from './common.ts';
import {
  planByCode,
  planItems,
  topicByTracking,
  topicEvidence,
  topicSeconds,
  topicsInScope,
} from './queries.ts';
import type { TopicRow } from './queries.ts';
import { requirePlan } from './plans.ts';

// Topics (议题) from the four sources: 党政点题 (staff enter it with who set it), 政协找题
// (staff, special committees), 委员荐题 (a member recommends it with reasons, others second
// it) and 群众出题 (citizens on the public page of the year's call, with a verified phone; or
// staff raise one from a common issue or concerns, the links kept as evidence).

const subjectOf = (t: TopicRow, actor: Actor): TopicSubject => ({
  status: t.status,
  mine: t.proposer_person_id !== null && t.proposer_person_id === actor.personId,
});

export async function requireTopic(deps: Deps, actor: Actor, id: string, q: Queryable = deps.db) {
  const [row] = await topicsInScope(q, actor.scope, { id });
  if (!row) throw new AppError('consultations.topic_not_found');
  return row;
}

async function toTopics(deps: Deps, actor: Actor, rows: TopicRow[]): Promise<Topic[]> {
  const ids = rows.map((r) => r.id);
  const [seconds, evidence] = ids.length
    ? await Promise.all([topicSeconds(deps.db, ids), topicEvidence(deps.db, ids)])
    : [[], []];
  const who = workflowActor(actor);
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    committeeId: r.committee_id,
    title: r.title,
    background: r.background,
    source: r.source,
    setBy: r.set_by,
    proposerPersonId: r.proposer_person_id,
    proposerName: r.proposer_name,
    reasons: r.reasons,
    fromVerifiedPhone: r.citizen_phone_hash !== null,
    citizenName: r.citizen_name,
    status: r.status,
    answer: r.answer,
    answeredAt: iso(r.answered_at),
    seconds: seconds
      .filter((s) => s.topic_id === r.id)
      .map((s) => ({ personId: s.person_id, name: s.name, reason: s.reason })),
    evidence: evidence
      .filter((e) => e.topic_id === r.id)
      .map((e) => ({ kind: e.kind, id: e.ref_id, label: e.label })),
    createdAt: iso(r.created_at)!,
    actions: allowedTransitions(topicWorkflow, subjectOf(r, actor), who),
  }));
}

export async function listTopics(
  deps: Deps,
  actor: Actor,
  f: { planId?: string; status?: string; source?: string },
) {
  assertCan(actor, 'consultations.read');
  return toTopics(deps, actor, await topicsInScope(deps.db, actor.scope, f));
}

export async function getTopic(deps: Deps, actor: Actor, id: string) {
  assertCan(actor, 'consultations.read');
  return (await toTopics(deps, actor, [await requireTopic(deps, actor, id)]))[0]!;
}

/** The evidence links, each read from its owner in the caller's scope. */
async function evidenceOf(q: Queryable, actor: Actor, b: z.infer<typeof topicCreateBody>) {
  const out: { kind: 'common_issue' | 'concern'; id: string; label: string }[] = [];
  for (const [i, e] of (b.evidence ?? []).entries()) {
    const found =
      e.kind === 'common_issue'
        ? await issueForTopic(q, actor.scope, e.id)
        : await concernForTopic(q, actor.scope, e.id);
    if (!found)
      throw new AppError(e.kind === 'common_issue' ? 'commonIssues.not_found' : 'concerns.not_found', {
        fields: [{ field: `body.evidence.${i}.id`, problem: 'invalid' }],
      });
    out.push({ kind: e.kind, id: e.id, label: found.label });
  }
  return out;
}

/** A member recommends a topic (委员荐题); staff enter one from any source. */
export async function createTopic(deps: Deps, actor: Actor, b: z.infer<typeof topicCreateBody>, ip: string) {
  assertCan(actor, 'consultations.propose');
  const member = actor.role === 'member';
  if (member && b.source !== 'member')
    throw new AppError('auth.forbidden', { fields: [{ field: 'body.source', problem: 'invalid' }] });
  if (b.source === 'party_government' && !b.setBy)
    throw new AppError('consultations.set_by_required', {
      fields: [{ field: 'body.setBy', problem: 'required' }],
    });
  if ((b.source === 'member' || b.source === 'citizen') && !b.reasons)
    throw new AppError('consultations.reasons_required', {
      fields: [{ field: 'body.reasons', problem: 'required' }],
    });
  // A citizens' topic raised by staff stands on what citizens said: the links are its evidence.
  if (b.source === 'citizen' && !b.evidence?.length)
    throw new AppError('consultations.evidence_required', {
      fields: [{ field: 'body.evidence', problem: 'required' }],
    });
  if (b.source === 'member' && !actor.personId)
    throw new AppError('auth.forbidden', { fields: [{ field: 'body.source', problem: 'invalid' }] });
  return write(deps, actor, ip, {
    action: 'consultations.topic_create',
    target: 'consultation_topic',
    load: async (q) => {
      const plan = await requirePlan(deps, actor, b.planId, q);
      // Topics are collected for a plan still being drawn up.
      if (plan.status !== 'draft') throw new AppError('consultations.call_closed');
      return plan;
    },
    apply: async (q, plan) => {
      const evidence = await evidenceOf(q, actor, b);
      const id = deps.ids.uuid();
      const now = deps.clock.now();
      await q.query(
        `insert into consultation_topics (id, committee_id, plan_id, title, background, source, set_by,
           proposer_person_id, reasons, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
        [
          id,
          plan.committee_id,
          plan.id,
          b.title,
          b.background ?? null,
          b.source,
          b.source === 'party_government' ? b.setBy : null,
          b.source === 'member' ? actor.personId : null,
          b.reasons ?? null,
          actor.accountId,
          now,
        ],
      );
      for (const e of evidence)
        await q.query(
          `insert into consultation_topic_evidence (topic_id, kind, ref_id, label) values ($1, $2, $3, $4)
           on conflict do nothing`,
          [id, e.kind, e.id, e.label],
        );
      return id;
    },
    detail: (_r, id) => ({ source: b.source, topicId: id, evidence: b.evidence?.length ?? 0 }),
    targetId: (_r, id) => id,
    reload: (_r, id) => getTopic(deps, actor, id),
  });
}

/** Another member seconds a member's (or any) proposed topic (附议). */
export async function secondTopic(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof topicSecondBody>,
  ip: string,
) {
  const who = workflowActor(actor);
  assertMayAttempt(topicWorkflow, 'second', who, AppError);
  return write(deps, actor, ip, {
    action: topicWorkflow.transitions.second.audit,
    target: 'consultation_topic',
    load: async (q) => {
      const t = await requireTopic(deps, actor, id, q);
      assertTransition(topicWorkflow, 'second', subjectOf(t, actor), who, AppError);
      if (!actor.personId) throw new AppError('auth.forbidden');
      return t;
    },
    apply: async (q) => {
      await q.query(
        `insert into consultation_topic_seconds (topic_id, person_id, reason, created_at) values ($1, $2, $3, $4)
         on conflict (topic_id, person_id) do update set reason = excluded.reason`,
        [id, actor.personId, b.reason ?? null, deps.clock.now()],
      );
    },
    targetId: () => id,
    reload: () => getTopic(deps, actor, id),
  });
}

/** A topic not chosen is answered to whoever proposed it, with the reason. */
export async function declineTopic(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof topicDeclineBody>,
  ip: string,
) {
  const who = workflowActor(actor);
  assertCan(actor, 'consultations.manage');
  assertMayAttempt(topicWorkflow, 'decline', who, AppError);
  return write(deps, actor, ip, {
    action: topicWorkflow.transitions.decline.audit,
    target: 'consultation_topic',
    load: async (q) => {
      const t = await requireTopic(deps, actor, id, q);
      assertTransition(topicWorkflow, 'decline', subjectOf(t, actor), who, AppError);
      return t;
    },
    apply: async (q, t) => {
      const now = deps.clock.now();
      await q.query(
        `update consultation_topics set status = 'not_chosen', answer = $2, answered_at = $3, updated_at = $3 where id = $1`,
        [id, b.reason, now],
      );
      // The member who recommended it is told in the same transaction; a citizen reads the
      // answer by their tracking code.
      if (t.proposer_person_id)
        await createNotice(q, deps, {
          kind: 'consultation.topic_not_chosen',
          to: { personId: t.proposer_person_id },
          key: 'consultation.topic_not_chosen',
          params: { title: t.title },
          ref: { topicId: id, planId: t.plan_id },
          committeeId: t.committee_id,
        });
    },
    detail: () => ({ reason: b.reason }),
    targetId: () => id,
    reload: () => getTopic(deps, actor, id),
  });
}

// --- 群众出题: the public page of the year's call (no account, a verified phone). ---

export async function topicCall(deps: Deps, code: string) {
  const plan = await planByCode(deps.db, code);
  if (!plan) throw new AppError('consultations.plan_not_found');
  return {
    committeeName: plan.committee_name,
    year: plan.year,
    title: plan.title,
    open: plan.status === 'draft',
  };
}

/**
 * A citizen's topic: rate limited per address and, once the code proved the phone, per phone;
 * the phone is sealed (AES-GCM) with a keyed hash to count it, and never shown. A retried post
 * with the same submit key answers the first one's tracking code.
 */
export async function submitPublicTopic(
  deps: Deps,
  code: string,
  b: z.infer<typeof publicTopicBody>,
  ip: string,
) {
  await hitLimits(deps, [{ bucket: `topic-submit:ip:${ip}`, max: 10, windowSeconds: 3600 }]);
  const plan = await planByCode(deps.db, code);
  if (!plan) throw new AppError('consultations.plan_not_found');
  if (plan.status !== 'draft') throw new AppError('consultations.call_closed');
  if (b.submitKey) {
    const [seen] = await deps.db.query<{ tracking_code: string }>(
      'select tracking_code from consultation_topics where submit_key = $1',
      [b.submitKey],
    );
    if (seen) return { trackingCode: seen.tracking_code };
  }
  const codeId = await checkSmsCode(deps, b.phone, b.smsCode);
  const phoneHash = deps.sealer.hash(b.phone);
  await hitLimits(deps, [{ bucket: `topic-submit:phone:${phoneHash}`, max: 3, windowSeconds: 86400 }]);
  const id = deps.ids.uuid();
  const trackingCode = publicCode(12);
  const now = deps.clock.now();
  await deps.db.tx(async (q) => {
    await consumeSmsCode(q, deps, codeId);
    await q.query(
      `insert into consultation_topics (id, committee_id, plan_id, title, source, reasons, citizen_phone_enc,
         citizen_phone_hash, citizen_name, tracking_code, submit_key, created_at, updated_at)
       values ($1, $2, $3, $4, 'citizen', $5, $6, $7, $8, $9, $10, $11, $11)`,
      [
        id,
        plan.committee_id,
        plan.id,
        b.title,
        b.reasons,
        deps.sealer.seal(b.phone),
        phoneHash,
        b.name ?? null,
        trackingCode,
        b.submitKey ?? null,
        now,
      ],
    );
    await recordAudit(q, deps.clock, {
      committeeId: plan.committee_id,
      ip,
      action: 'consultations.topic_submit_public',
      targetType: 'consultation_topic',
      targetId: id,
      result: 'ok',
      status: 200,
    });
  });
  return { trackingCode };
}

/** What a citizen sees of their topic by its tracking code: chosen (and when), or the answer. */
export async function trackPublicTopic(deps: Deps, code: string) {
  const t = await topicByTracking(deps.db, code);
  if (!t) throw new AppError('consultations.topic_not_found');
  const item =
    t.status === 'chosen'
      ? (await planItems(deps.db, t.plan_id)).find((i) => i.topic_id === t.id)
      : undefined;
  return { title: t.title, status: t.status, answer: t.answer, plannedMonth: item?.planned_month ?? null };
}
