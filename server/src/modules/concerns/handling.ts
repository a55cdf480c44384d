import { concernWorkflow } from '../../../../contracts/concern-workflow.ts';
import type { ConcernTransition } from '../../../../contracts/concern-workflow.ts';
import { assertMayAttempt, assertTarget, assertTransition } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import { committeeInScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { change as write } from '../audit/change.ts';
import { recordAudit } from '../audit/service.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { notifyCommitteeStaff } from '../notify/notices.ts';
import { enqueue } from '../notify/outbox.ts';
import { indexConcern } from '../search/service.ts';
import { concernSubject, dueFrom, flushOutbox, trackingUrl, workflowActor } from './common.ts';
import type { ConcernRow, ConcernStatus, NewEvent } from './queries.ts';
import { seatedMember } from '../members/for-concerns.ts';
import { activeDepartmentOf, replyReviewOf } from '../org/for-others.ts';
import { personOfAccount } from '../auth/for-concerns.ts';
import { addWorkingDays } from '../../lib/working-days.ts';
import { departmentDueWorkingDays } from './common.ts';
import { lastDraft } from './queries.ts';
import { isStudioMember, studioOfCommittee } from '../studios/for-concerns.ts';
import { committeeName, concernFor, insertEvent } from './queries.ts';
import { departmentName } from '../org/for-others.ts';

// A concern in the caller's scope, for the modules whose steps act on one (routing's route step).
export { concernFor };

// The handler's side: accept, ask for information, reply, hand over (within the committee,
// up a level, or — for staff — anywhere in their subtree), extend the deadline. Each change
// writes, in one transaction, the concern, its event, its audit row and its outbox message.
// Who may take which step in which state is the concern's workflow (contracts/concern-workflow.ts),
// the same the console reads to offer its buttons; change() refuses through it.

type Change = {
  set?: Record<string, unknown>;
  events: Omit<NewEvent, 'actorKind'>[];
  notify?: Parameters<typeof enqueue>[2][];
  /** The staff of a committee hear of it (a concern escalated or handed to them). */
  staff?: Parameters<typeof notifyCommitteeStaff>[2];
  detail?: Record<string, unknown>;
};

const settable = new Set([
  'status',
  'handler_account_id',
  'committee_id',
  'studio_id',
  'person_id',
  'due_at',
  'answered_at',
  'service_deed',
  'service_deed_result',
  'service_deed_at',
  'handler_department_id',
  'department_assigned_at',
  'review_reply',
]);

async function actorLabel(q: Queryable, actor: Actor) {
  if (actor.role === 'member') return `${actor.displayName} 委员`;
  if (actor.role === 'department' && actor.departmentId) return departmentName(q, actor.departmentId);
  return (await committeeName(q, actor.scope.committeeId))?.name ?? null;
}

/**
 * One step of the workflow, in the write shape of modules/audit/change.ts: refused (before loading) for a
 * role that can never take it, then for the concern's state and the actor's relation to it;
 * `fn` adds the step's own checks and says what to set, which events, notices and audit detail.
 */
export function change(
  deps: Deps,
  actor: Actor,
  id: string,
  ip: string,
  step: ConcernTransition,
  fn: (q: Queryable, k: ConcernRow, label: string | null) => Promise<Change>,
): Promise<{ id: string; status: ConcernStatus }> {
  const who = workflowActor(actor);
  return write(deps, {
    actor,
    ip,
    assert: () => assertMayAttempt(concernWorkflow, step, who, AppError),
    load: async (q) => {
      const k = await concernFor(q, actor, id, true);
      if (!k) throw new AppError('concerns.not_found');
      assertTransition(concernWorkflow, step, concernSubject(k, deps.clock.now()), who, AppError);
      return k;
    },
    apply: async (q, k) => {
      const label = await actorLabel(q, actor);
      const c = await fn(q, k, label);
      const now = deps.clock.now();
      const set = { ...c.set };
      // Back to `submitted` by any hand-over (transfer, escalation, assignment, routing, a
      // return) leaves the department it was passed to; only toDepartment names a new one.
      if (set.status === 'submitted' && !('handler_department_id' in set)) {
        set.handler_department_id = null;
        set.department_assigned_at = null;
      }
      const cols = Object.keys(set);
      for (const col of cols) if (!settable.has(col)) throw new Error(`not settable: ${col}`);
      const status = (set.status as ConcernStatus | undefined) ?? k.status;
      assertTarget(concernWorkflow, step, k.status, status);
      // The definition says which event a step writes; a step that forgets it is a bug.
      const event = concernWorkflow.transitions[step].event;
      if (event && !c.events.some((e) => e.kind === event))
        throw new Error(`${step} writes no ${event} event`);
      await q.query(
        `update concerns set ${[...cols.map((col, i) => `${col} = $${i + 3}`), 'updated_at = $2'].join(', ')} where id = $1`,
        [id, now, ...cols.map((col) => set[col])],
      );
      await indexConcern(q, id); // a hand-over changes who may find it
      for (const e of c.events)
        await insertEvent(q, deps.ids.uuid(), id, now, {
          // A department's steps count as the office side's (staff), labelled with its name.
          actorKind: actor.role === 'member' ? 'member' : 'staff',
          actorAccountId: actor.accountId,
          actorLabel: label,
          ...e,
        });
      for (const m of c.notify ?? []) await enqueue(q, deps, { committeeId: k.committee_id, ...m });
      if (c.staff) await notifyCommitteeStaff(q, deps, c.staff);
      return { status, detail: c.detail };
    },
    audit: (k, done) => ({
      committeeId: k.committee_id,
      action: concernWorkflow.transitions[step].audit,
      targetType: 'concern',
      targetId: id,
      detail: done.detail,
    }),
    reload: async (_k, done) => {
      await flushOutbox(deps);
      return { id, status: done.status };
    },
  });
}

const smsToCitizen = (deps: Deps, k: ConcernRow, kind: string, text: string) =>
  k.citizen_phone_enc
    ? [
        {
          channel: 'sms' as const,
          kind,
          phoneSealed: k.citizen_phone_enc,
          text: `【连心】${text}查询码 ${k.tracking_code}，详见 ${trackingUrl(deps, k.tracking_code)}`,
          ref: { concernId: k.id },
        },
      ]
    : [];

const toMember = (
  personId: string | null | undefined,
  kind: string,
  key: 'concern.transferred_to_member' | 'concern.assigned_to_member',
  concernId: string,
) => (personId ? [{ channel: 'in_app' as const, kind, to: { personId }, key, ref: { concernId } }] : []);

export function acceptConcern(deps: Deps, actor: Actor, id: string, ip: string) {
  return change(deps, actor, id, ip, 'accept', async (_q, k) => {
    return {
      set: {
        status: k.reopen_count > 0 ? 'reopened' : 'accepted',
        handler_account_id: actor.accountId,
        // A member accepting what reached their studio becomes its member: the page and the
        // tracking page name them, not "unassigned".
        ...(actor.role === 'member' && actor.personId ? { person_id: actor.personId } : {}),
      },
      events: [{ kind: 'accepted' }],
    };
  });
}

/** Whether this actor's reply waits for staff review: a member's or department's, when the committee says so. */
const reviewed = async (q: Queryable, actor: Actor, k: ConcernRow) =>
  (actor.role === 'member' || actor.role === 'department') && (await replyReviewOf(q, k.committee_id));

export async function replyConcern(deps: Deps, actor: Actor, id: string, text: string, ip: string) {
  // Which step it is depends on the committee's setting, read before the change (the step's
  // own transaction re-reads nothing of it: a setting switched meanwhile applies next time).
  const k0 = await concernFor(deps.db, actor, id);
  const review = k0 ? await reviewed(deps.db, actor, k0) : false;
  if (!review)
    return change(deps, actor, id, ip, 'reply', async (_q, k) => ({
      set: { status: 'answered', answered_at: deps.clock.now(), review_reply: null },
      events: [{ kind: 'answered', publicText: text }],
      notify: smsToCitizen(deps, k, 'concern.answered', '您反映的诉求已有答复，请查看并评价。'),
    }));
  return change(deps, actor, id, ip, 'replyForReview', async (_q, k) => {
    return {
      set: { status: 'reply_review', review_reply: text },
      // The citizen's 'answered' step is written when staff approve it.
      events: [{ kind: 'reply_submitted', note: text }],
      staff: {
        committeeId: k.committee_id,
        kind: 'concern.reply_review',
        key: 'concern.reply_review',
        ref: { concernId: k.id, trackingCode: k.tracking_code },
      },
      detail: { review: true },
    };
  });
}

/** Staff approve the reply under review: it reaches the citizen now, in its author's name. */
export function approveReply(deps: Deps, actor: Actor, id: string, ip: string) {
  return change(deps, actor, id, ip, 'approveReply', async (q, k) => {
    const draft = await lastDraft(q, k.id);
    return {
      set: { status: 'answered', answered_at: deps.clock.now(), review_reply: null },
      events: [
        {
          kind: 'answered',
          publicText: k.review_reply,
          // The citizen reads who answered (the member or the department), not who approved it.
          actorLabel: draft?.actor_label ?? null,
          detail: { approvedBy: actor.accountId },
        },
      ],
      notify: smsToCitizen(deps, k, 'concern.answered', '您反映的诉求已有答复，请查看并评价。'),
      detail: { author: draft?.actor_account_id ?? null },
    };
  });
}

/** Staff send the reply back to its author, with why: the concern is in hand again. */
export function sendBackReply(deps: Deps, actor: Actor, id: string, reason: string, ip: string) {
  return change(deps, actor, id, ip, 'sendBackReply', async (q, k) => {
    const draft = await lastDraft(q, k.id);
    const personId = draft?.actor_account_id ? await personOfAccount(q, draft.actor_account_id) : null;
    return {
      set: { status: k.reopen_count > 0 ? 'reopened' : 'accepted' },
      events: [{ kind: 'reply_sent_back', note: reason, detail: { reply: k.review_reply } }],
      notify: personId
        ? [
            {
              channel: 'in_app' as const,
              kind: 'concern.reply_sent_back',
              to: { personId },
              key: 'concern.reply_sent_back' as const,
              ref: { concernId: k.id },
            },
          ]
        : [],
      detail: { reason },
    };
  });
}

/** 交办承办单位: staff pass the concern to a department of its committee, with a deadline and a note. */
export function toDepartment(
  deps: Deps,
  actor: Actor,
  id: string,
  b: { departmentId: string; workingDays?: number; note: string },
  ip: string,
) {
  return change(deps, actor, id, ip, 'toDepartment', async (q, k) => {
    const dep = await activeDepartmentOf(q, b.departmentId, k.committee_id);
    if (!dep)
      throw new AppError('concerns.bad_target', {
        fields: [{ field: 'body.departmentId', problem: 'invalid' }],
      });
    const now = deps.clock.now();
    const dueAt = addWorkingDays(now, b.workingDays ?? departmentDueWorkingDays);
    return {
      set: {
        status: 'submitted',
        handler_department_id: dep.id,
        department_assigned_at: now,
        handler_account_id: null,
        studio_id: null,
        person_id: null,
        due_at: dueAt,
        review_reply: null,
      },
      events: [
        {
          kind: 'department_assigned',
          publicText: `已交办${dep.name}办理`,
          note: b.note,
          detail: { departmentId: dep.id, dueAt: dueAt.toISOString() },
        },
      ],
      detail: { departmentId: dep.id, dueAt: dueAt.toISOString(), note: b.note },
    };
  });
}

/** The department: not ours, within 3 working days of receiving it; staff decide. */
export function askReturn(deps: Deps, actor: Actor, id: string, reason: string, ip: string) {
  return change(deps, actor, id, ip, 'askReturn', async (_q, k) => ({
    set: { status: 'return_requested' },
    events: [{ kind: 'return_requested', note: reason, detail: { departmentId: k.handler_department_id } }],
    staff: {
      committeeId: k.committee_id,
      kind: 'concern.return_requested',
      key: 'concern.return_requested',
      ref: { concernId: k.id, trackingCode: k.tracking_code },
    },
    detail: { departmentId: k.handler_department_id, reason },
  }));
}

/** Staff take a returned concern back: it waits in the committee's pool again, no department. */
export function acceptReturn(deps: Deps, actor: Actor, id: string, ip: string) {
  return change(deps, actor, id, ip, 'acceptReturn', async (_q, k) => ({
    set: { status: 'submitted', handler_account_id: null },
    events: [{ kind: 'return_accepted', detail: { departmentId: k.handler_department_id } }],
    detail: { departmentId: k.handler_department_id },
  }));
}

export function askInfo(deps: Deps, actor: Actor, id: string, text: string, ip: string) {
  return change(deps, actor, id, ip, 'askInfo', async (_q, k) => {
    return {
      set: { status: 'info_requested' },
      events: [{ kind: 'info_requested', publicText: text }],
      notify: smsToCitizen(deps, k, 'concern.info_requested', '办理您的诉求需要补充材料。'),
    };
  });
}

/** Within the same committee: to another member, another studio, or back to the staff pool. */
export function transferConcern(
  deps: Deps,
  actor: Actor,
  id: string,
  b: { personId?: string; studioId?: string; reason: string },
  ip: string,
) {
  return change(deps, actor, id, ip, 'transfer', async (q, k) => {
    const target = await routeWithin(q, k.committee_id, b);
    return {
      set: {
        status: 'submitted',
        handler_account_id: null,
        studio_id: b.studioId ?? null,
        person_id: b.personId ?? null,
      },
      events: [{ kind: 'transferred', note: b.reason, detail: { ...target } }],
      notify: toMember(b.personId, 'concern.routed', 'concern.transferred_to_member', k.id),
      // Back to the pool (no member, no studio): only the committee's staff can pick it up.
      staff:
        b.personId || b.studioId
          ? undefined
          : {
              committeeId: k.committee_id,
              kind: 'concern.returned',
              key: 'concern.returned',
              ref: { concernId: k.id, trackingCode: k.tracking_code },
            },
      detail: { ...target, reason: b.reason },
    };
  });
}

export async function routeWithin(
  q: Queryable,
  committeeId: string,
  b: { personId?: string; studioId?: string },
) {
  const bad = (field: string) =>
    new AppError('concerns.bad_target', { fields: [{ field: `body.${field}`, problem: 'invalid' }] });
  if (b.studioId && !(await studioOfCommittee(q, b.studioId, committeeId))) throw bad('studioId');
  if (b.personId) {
    const ok = b.studioId
      ? await isStudioMember(q, b.studioId, b.personId)
      : Boolean(await seatedMember(q, b.personId, committeeId));
    if (!ok) throw bad('personId');
  }
  return { studioId: b.studioId ?? null, personId: b.personId ?? null };
}

/**
 * The deadline a hand-over to another committee starts: the one staff chose (it must lie
 * ahead), or the standard time from now. Members pass on what they hold, without deciding
 * the other committee's deadline.
 */
function handOverDue(deps: Deps, actor: Actor, dueAt: string | undefined): Date {
  if (dueAt === undefined) return dueFrom(deps.clock.now());
  if (actor.role !== 'admin' && actor.role !== 'staff') throw new AppError('auth.forbidden');
  const at = new Date(dueAt);
  if (Number.isNaN(at.getTime()) || at <= deps.clock.now())
    throw new AppError('concerns.deadline_past', { fields: [{ field: 'body.dueAt', problem: 'invalid' }] });
  return at;
}

/** Up one level: the committee above gets it with a fresh deadline (shown and settable), unassigned. */
export function escalateConcern(
  deps: Deps,
  actor: Actor,
  id: string,
  b: { reason: string; dueAt?: string },
  ip: string,
) {
  const reason = b.reason;
  return change(deps, actor, id, ip, 'escalate', async (_q, k, label) => {
    if (!k.committee_parent_id) throw new AppError('concerns.no_parent');
    const dueAt = handOverDue(deps, actor, b.dueAt);
    return {
      set: {
        status: 'submitted',
        committee_id: k.committee_parent_id,
        studio_id: null,
        person_id: null,
        handler_account_id: null,
        due_at: dueAt,
      },
      events: [
        {
          kind: 'escalated',
          note: reason,
          fromCommitteeId: k.committee_id,
          toCommitteeId: k.committee_parent_id,
          detail: { dueAt: dueAt.toISOString() },
        },
      ],
      staff: {
        committeeId: k.committee_parent_id,
        kind: 'concern.escalated',
        ...(label
          ? { key: 'concern.escalated' as const, params: { from: label } }
          : { key: 'concern.escalated_from_below' as const }),
        ref: { concernId: k.id, trackingCode: k.tracking_code },
        email: {
          subject: `【连心】收到上报的群众诉求：查询码 ${k.tracking_code}`,
          text: `${label ?? '下级'}将一条群众诉求上报至本级，请登录连心平台交办。\n查询码：${k.tracking_code}\n上报原因：${reason}`,
        },
      },
      detail: { from: k.committee_id, to: k.committee_parent_id, reason, dueAt: dueAt.toISOString() },
    };
  });
}

/** Staff route anywhere in their subtree (down to a county, or to their own level). */
export function assignConcern(
  deps: Deps,
  actor: Actor,
  id: string,
  b: { committeeId: string; studioId?: string; personId?: string; reason?: string | null; dueAt?: string },
  ip: string,
) {
  return change(deps, actor, id, ip, 'assign', async (q, k) => {
    // On q, not deps.db: inside the transaction (PGlite has one connection).
    if (!(await committeeInScope(q, actor.scope, b.committeeId)))
      throw new AppError('org.committee_not_found', {
        fields: [{ field: 'body.committeeId', problem: 'invalid' }],
      });
    const target = await routeWithin(q, b.committeeId, b);
    const moved = b.committeeId !== k.committee_id;
    // Within the committee the deadline stays (a dueAt sent along is refused rather than
    // silently dropped: the dialog offers it only for a move to another committee).
    if (!moved && b.dueAt !== undefined)
      throw new AppError('request.invalid', { fields: [{ field: 'body.dueAt', problem: 'invalid' }] });
    const dueAt = moved || !k.due_at ? handOverDue(deps, actor, b.dueAt) : new Date(k.due_at);
    return {
      set: {
        status: 'submitted',
        committee_id: b.committeeId,
        studio_id: target.studioId,
        person_id: target.personId,
        handler_account_id: null,
        due_at: dueAt,
      },
      events: [
        {
          kind: 'assigned',
          note: b.reason ?? null,
          fromCommitteeId: k.committee_id,
          toCommitteeId: b.committeeId,
          detail: { ...target, dueAt: dueAt.toISOString() },
        },
      ],
      notify: toMember(b.personId, 'concern.routed', 'concern.assigned_to_member', k.id),
      // Handed up or down the tree: the receiving committee's staff hear of it.
      staff: moved
        ? {
            committeeId: b.committeeId,
            kind: 'concern.handed_over',
            key: 'concern.handed_over',
            ref: { concernId: k.id, trackingCode: k.tracking_code },
          }
        : undefined,
      detail: {
        from: k.committee_id,
        to: b.committeeId,
        ...target,
        reason: b.reason ?? null,
        ...(moved ? { dueAt: dueAt.toISOString() } : {}),
      },
    };
  });
}

export function extendConcern(
  deps: Deps,
  actor: Actor,
  id: string,
  b: { days: number; reason: string },
  ip: string,
) {
  return change(deps, actor, id, ip, 'extend', async (_q, k) => {
    const from = k.due_at ? new Date(k.due_at) : deps.clock.now();
    const dueAt = dueFrom(from, b.days);
    return {
      set: { due_at: dueAt },
      events: [{ kind: 'extended', note: b.reason, detail: { dueAt: dueAt.toISOString() } }],
      detail: { days: b.days, dueAt: dueAt.toISOString(), reason: b.reason },
    };
  });
}

/**
 * The citizen's full phone, for the one who handles the case: the account that accepted it,
 * or the member it is routed to. Every look, allowed or refused, is in the audit log.
 */
export async function revealPhone(deps: Deps, actor: Actor, id: string, ip: string) {
  assertCan(actor, 'concerns.handle');
  const k = await concernFor(deps.db, actor, id);
  if (!k || !k.citizen_phone_enc) throw new AppError('concerns.not_found');
  const handler =
    k.handler_account_id === actor.accountId || (actor.role === 'member' && k.person_id === actor.personId);
  await recordAudit(deps.db, deps.clock, {
    actorId: actor.accountId,
    actorName: actor.username,
    committeeId: k.committee_id,
    ip,
    action: 'concerns.phone_view',
    targetType: 'concern',
    targetId: id,
    result: handler ? 'ok' : 'denied',
    status: handler ? 200 : 403,
  });
  if (!handler) throw new AppError('concerns.not_handler');
  return { phone: deps.sealer.open(k.citizen_phone_enc) };
}
