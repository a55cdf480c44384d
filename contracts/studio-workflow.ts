import { studioStatuses } from './studios.ts';
import type { Studio } from './studios.ts';
import { defineWorkflow } from './workflow.ts';
import type { Grant, WorkflowActor } from './workflow.ts';

// A studio's approval before it goes online (严格审批程序): staff submit a draft (or a studio
// sent back), and another account reviews it: approves it, or sends it back with a reason.
// Separation of duties: whoever submitted it may not review it; the reviewer is another staff
// account of the same committee or of one above it (scope brings only those). A very small
// office may waive this for its committee (`separateDuties` off); the review's audit row then
// says it was waived by the committee's setting.

export type StudioStatus = (typeof studioStatuses)[number];
/** What the rules read of a studio: the server's row and the console's detail both give it. */
export type StudioSubject = {
  status: StudioStatus;
  submittedBy: string | null;
  /** The studio's committee's setting: off, the submitter may review their own. */
  separateDuties: boolean;
};

type Rel = 'submitter' | 'dutiesWaived';
const staff = ['admin', 'staff'] as const;
/** Another account; or the submitter too, where the committee waived the separation. */
const reviewer: Grant<Rel>[] = [
  { roles: staff, notAs: 'submitter' },
  { roles: staff, as: 'dutiesWaived' },
];

export const studioWorkflow = defineWorkflow({
  name: 'studios',
  states: studioStatuses,
  relations: {
    submitter: (s: StudioSubject, a: WorkflowActor) => s.submittedBy !== null && s.submittedBy === a.id,
    dutiesWaived: (s: StudioSubject) => !s.separateDuties,
  },
  transitions: {
    submit: {
      from: ['draft', 'rejected'],
      to: ['submitted'],
      by: [{ roles: staff }],
      audit: 'studios.submit',
    },
    approve: { from: ['submitted'], to: ['approved'], by: reviewer, audit: 'studios.approve' },
    reject: { from: ['submitted'], to: ['rejected'], by: reviewer, audit: 'studios.reject' },
  },
  refusals: {
    state: 'studios.bad_state',
    actor: 'auth.forbidden',
    notAs: { submitter: 'studios.same_reviewer' },
  },
});

export type StudioTransition = keyof typeof studioWorkflow.transitions;

/** The console's view of a studio as the rules read it. */
export const studioSubjectOf = (
  s: Pick<Studio, 'status' | 'submittedBy' | 'separateDuties'>,
): StudioSubject => ({
  status: s.status,
  submittedBy: s.submittedBy,
  separateDuties: s.separateDuties,
});

/** Was the separation waived for this review: the submitter reviewed it, allowed by the setting. */
export const dutiesWaivedFor = (s: StudioSubject, a: WorkflowActor): boolean =>
  s.submittedBy !== null && s.submittedBy === a.id && !s.separateDuties;
