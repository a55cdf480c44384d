import { concernStatuses } from './concerns.ts';
import type { ConcernDetail } from './concerns.ts';
import { defineWorkflow } from './workflow.ts';
import type { Grant, WorkflowActor } from './workflow.ts';

// A concern's life (诉求办理): the handler's side (accept, ask for information, reply, hand
// over, extend), the staff's levers (assign, route, deadlines, service deeds) and the
// citizen's moves by tracking code (add information, rate, add a photo, withdraw by erasure).
//
// Handling departments (承办单位): staff pass a concern to a department of its committee
// (`toDepartment`: status back to `submitted`, the department recorded as its handler, a
// deadline in working days). The department accepts (签收) and answers it like a member, or,
// within 3 working days of receiving it, asks to return it (`askReturn` → `return_requested`);
// staff then take it back (`acceptReturn` → `submitted`, no department) or pass it elsewhere
// (`toDepartment`, `assign`). Review (答复审核): when the committee reviews replies, a member's
// or a department's reply goes to `reply_review`; staff approve it (→ `answered`, the citizen
// is told) or send it back with a reason (→ `accepted`/`reopened`, to its author again).
// Staff's own replies never wait for review.

export type ConcernStatus = (typeof concernStatuses)[number];
/** What the rules read of a concern: the server's row and the console's detail both give it. */
export type ConcernSubject = {
  status: ConcernStatus;
  handlerAccountId: string | null;
  handlerDepartmentId?: string | null;
  /** Whether the department may still ask to return it (3 working days from receiving it). */
  returnOpen?: boolean;
};

/** Still waiting for its handler: deadlines and reminders apply, hand-overs are possible. */
export const openStatuses = [
  'submitted',
  'accepted',
  'info_requested',
  'reopened',
  'return_requested',
  'reply_review',
] as const satisfies readonly ConcernStatus[];
const beingHandled = ['accepted', 'reopened'] as const satisfies readonly ConcernStatus[];
/** Hand-overs wait while staff review a reply: the reply is decided first. */
const passable = openStatuses.filter((s) => s !== 'reply_review');

type Rel = 'handler' | 'unclaimedOrHandler' | 'department' | 'departmentMayReturn';
const staff: Grant<Rel> = { roles: ['admin', 'staff'] };
const citizen: Grant<Rel> = { roles: ['citizen'] };
const department: Grant<Rel> = { roles: ['department'], as: 'department' };

export const concernWorkflow = defineWorkflow({
  name: 'concerns',
  states: concernStatuses,
  relations: {
    /** Members act on what they accepted; staff of the committee may step in. */
    handler: (k: ConcernSubject, a: WorkflowActor) => k.handlerAccountId === a.id,
    /** A concern nobody accepted yet may be handed on by the member it reached. */
    unclaimedOrHandler: (k: ConcernSubject, a: WorkflowActor) =>
      k.handlerAccountId === null || k.handlerAccountId === a.id,
    /** A department acts on what is passed to it, and only on that. */
    department: (k: ConcernSubject, a: WorkflowActor) =>
      Boolean(k.handlerDepartmentId) && k.handlerDepartmentId === a.departmentId,
    departmentMayReturn: (k: ConcernSubject, a: WorkflowActor) =>
      Boolean(k.handlerDepartmentId) && k.handlerDepartmentId === a.departmentId && k.returnOpen === true,
  },
  transitions: {
    // A concern reopened by an unsatisfied citizen goes back to 'reopened' when accepted again.
    accept: {
      from: ['submitted'],
      to: ['accepted', 'reopened'],
      by: [{ roles: ['admin', 'staff', 'member'] }, department],
      event: 'accepted',
      audit: 'concerns.accept',
    },
    reply: {
      from: beingHandled,
      to: ['answered'],
      by: [staff, { roles: ['member'], as: 'handler' }, department],
      event: 'answered',
      audit: 'concerns.reply',
    },
    /**
     * The same reply when the committee reviews replies (its setting, read by the server):
     * a member's or department's answer waits for staff in reply_review. The console offers
     * `reply`; the server takes this step instead when the setting is on.
     */
    replyForReview: {
      from: beingHandled,
      to: ['reply_review'],
      by: [{ roles: ['member'], as: 'handler' }, department],
      event: 'reply_submitted',
      audit: 'concerns.reply',
    },
    askInfo: {
      from: beingHandled,
      to: ['info_requested'],
      by: [staff, { roles: ['member'], as: 'handler' }, department],
      event: 'info_requested',
      audit: 'concerns.ask_info',
    },
    /** 交办承办单位: to a department of the concern's committee, with a deadline and a note. */
    toDepartment: {
      from: passable,
      to: ['submitted'],
      by: [staff],
      event: 'department_assigned',
      audit: 'concerns.to_department',
    },
    /** Not theirs: within 3 working days of receiving it, with a reason. */
    askReturn: {
      from: ['submitted', 'accepted'],
      to: ['return_requested'],
      by: [{ roles: ['department'], as: 'departmentMayReturn' }],
      event: 'return_requested',
      audit: 'concerns.ask_return',
    },
    /** Staff take it back from the department (or pass it elsewhere with toDepartment/assign). */
    acceptReturn: {
      from: ['return_requested'],
      to: ['submitted'],
      by: [staff],
      event: 'return_accepted',
      audit: 'concerns.accept_return',
    },
    /** The reply under review reaches the citizen. */
    approveReply: {
      from: ['reply_review'],
      to: ['answered'],
      by: [staff],
      event: 'answered',
      audit: 'concerns.approve_reply',
    },
    /** Back to its author, with a reason. */
    sendBackReply: {
      from: ['reply_review'],
      to: ['accepted', 'reopened'],
      by: [staff],
      event: 'reply_sent_back',
      audit: 'concerns.send_back_reply',
    },
    transfer: {
      from: passable,
      to: ['submitted'],
      by: [staff, { roles: ['member'], as: 'unclaimedOrHandler' }],
      event: 'transferred',
      audit: 'concerns.transfer',
    },
    escalate: {
      from: passable,
      to: ['submitted'],
      by: [staff, { roles: ['member'], as: 'unclaimedOrHandler' }],
      event: 'escalated',
      audit: 'concerns.escalate',
    },
    assign: {
      from: passable,
      to: ['submitted'],
      by: [staff],
      event: 'assigned',
      audit: 'concerns.assign',
    },
    extend: { from: openStatuses, by: [staff], event: 'extended', audit: 'concerns.extend' },
    deadline: { from: openStatuses, by: [staff], event: 'deadline_set', audit: 'concerns.set_deadline' },
    // Recognised whenever the work was done, also after closing; a withdrawn concern was
    // erased at the citizen's request, so there is nothing left to credit.
    serviceDeed: {
      from: concernStatuses.filter((s) => s !== 'withdrawn'),
      by: [staff],
      event: 'service_deed',
      audit: 'concerns.service_deed',
    },
    /** 精准对接: the suggestion accepted or a choice made; assigns it like `assign`. */
    route: { from: passable, to: ['submitted'], by: [staff], event: 'assigned', audit: 'concerns.route' },
    addInfo: {
      from: ['info_requested'],
      to: ['accepted', 'reopened'],
      by: [citizen],
      event: 'info_added',
      audit: 'concerns.add_info',
    },
    // "Not satisfied" sends it back to the handler once; the second answer is final.
    rate: {
      from: ['answered'],
      to: ['closed', 'reopened'],
      by: [citizen],
      event: 'rated',
      audit: 'concerns.rate',
    },
    addPhoto: { from: openStatuses, by: [citizen], audit: 'concerns.add_photo' },
    /** Erasing their data withdraws what is still open; the rest keeps its state. */
    withdraw: {
      from: openStatuses,
      to: ['withdrawn'],
      by: [citizen],
      event: 'withdrawn',
      audit: 'concerns.citizen_erase',
    },
  },
  refusals: { state: 'concerns.bad_state', actor: 'auth.forbidden' },
});

export type ConcernTransition = keyof typeof concernWorkflow.transitions;

/** The citizen, acting by tracking code: no account. */
export const citizenActor: WorkflowActor = { id: null, role: 'citizen' };

export const isOpen = (s: string): boolean => (openStatuses as readonly string[]).includes(s);

/** The console's view of a concern as the rules read it. */
export const subjectOf = (
  k: Pick<ConcernDetail, 'status' | 'handlerAccountId'> &
    Partial<Pick<ConcernDetail, 'handlerDepartmentId' | 'returnUntil'>>,
  now: Date = new Date(),
): ConcernSubject => ({
  status: k.status,
  handlerAccountId: k.handlerAccountId,
  handlerDepartmentId: k.handlerDepartmentId ?? null,
  returnOpen: k.returnUntil ? now < new Date(k.returnUntil) : false,
});
