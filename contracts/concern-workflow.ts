import { concernStatuses } from './concerns.ts';
import type { ConcernDetail } from './concerns.ts';
import { defineWorkflow } from './workflow.ts';
import type { Grant, WorkflowActor } from './workflow.ts';

// A concern's life (诉求办理): the handler's side (accept, ask for information, reply, hand
// over, extend), the staff's levers (assign, route, deadlines, service deeds) and the
// citizen's moves by tracking code (add information, rate, add a photo, withdraw by erasure).

export type ConcernStatus = (typeof concernStatuses)[number];
/** What the rules read of a concern: the server's row and the console's detail both give it. */
export type ConcernSubject = { status: ConcernStatus; handlerAccountId: string | null };

/** Still waiting for its handler: deadlines and reminders apply, hand-overs are possible. */
export const openStatuses = [
  'submitted',
  'accepted',
  'info_requested',
  'reopened',
] as const satisfies readonly ConcernStatus[];
const beingHandled = ['accepted', 'reopened'] as const satisfies readonly ConcernStatus[];

type Rel = 'handler' | 'unclaimedOrHandler';
const staff: Grant<Rel> = { roles: ['admin', 'staff'] };
const citizen: Grant<Rel> = { roles: ['citizen'] };

export const concernWorkflow = defineWorkflow({
  name: 'concerns',
  states: concernStatuses,
  relations: {
    /** Members act on what they accepted; staff of the committee may step in. */
    handler: (k: ConcernSubject, a: WorkflowActor) => k.handlerAccountId === a.id,
    /** A concern nobody accepted yet may be handed on by the member it reached. */
    unclaimedOrHandler: (k: ConcernSubject, a: WorkflowActor) =>
      k.handlerAccountId === null || k.handlerAccountId === a.id,
  },
  transitions: {
    // A concern reopened by an unsatisfied citizen goes back to 'reopened' when accepted again.
    accept: {
      from: ['submitted'],
      to: ['accepted', 'reopened'],
      by: [{ roles: ['admin', 'staff', 'member'] }],
      event: 'accepted',
      audit: 'concerns.accept',
    },
    reply: {
      from: beingHandled,
      to: ['answered'],
      by: [staff, { roles: ['member'], as: 'handler' }],
      event: 'answered',
      audit: 'concerns.reply',
    },
    askInfo: {
      from: beingHandled,
      to: ['info_requested'],
      by: [staff, { roles: ['member'], as: 'handler' }],
      event: 'info_requested',
      audit: 'concerns.ask_info',
    },
    transfer: {
      from: openStatuses,
      to: ['submitted'],
      by: [staff, { roles: ['member'], as: 'unclaimedOrHandler' }],
      event: 'transferred',
      audit: 'concerns.transfer',
    },
    escalate: {
      from: openStatuses,
      to: ['submitted'],
      by: [staff, { roles: ['member'], as: 'unclaimedOrHandler' }],
      event: 'escalated',
      audit: 'concerns.escalate',
    },
    assign: {
      from: openStatuses,
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
    route: { from: openStatuses, to: ['submitted'], by: [staff], event: 'assigned', audit: 'concerns.route' },
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
export const subjectOf = (k: Pick<ConcernDetail, 'status' | 'handlerAccountId'>): ConcernSubject => ({
  status: k.status,
  handlerAccountId: k.handlerAccountId,
});
