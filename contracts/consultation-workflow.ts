import {
  consultationStatuses,
  minutesStatuses,
  outcomeStatuses,
  planStatuses,
  topicStatuses,
} from './consultations.ts';
import { defineWorkflow } from './workflow.ts';
import type { Grant, WorkflowActor } from './workflow.ts';

// The consultation loop's workflows (协商), one definition each, read by the server (which
// refuses) and the console (which shows the buttons):
//
//   topic (议题)          proposed → chosen (put into the year's plan) | not_chosen (answered to
//                         its proposer with the reason); members second a proposed topic.
//   plan (年度协商计划)    draft → approved (who, when, the document) → published; a plan is
//                         published only once every topic of its year is chosen or answered.
//   consultation (协商)   draft → scheduled (invitations out) → closed (with its record);
//                         a closed one changes only by a recorded amendment.
//   minutes (纪要)        none → draft → amending (participants amend until a set time) → locked.
//   outcome (协商成果)     assigned to a department → answered in writing → in_progress →
//                         done | not_done (with the reason); staff record endorsements (批示).

type Subject<S extends string> = { status: S };

const staff = ['admin', 'staff'] as const;

/** What the topic rules read: its state, and whether the caller is the member who recommended it. */
export type TopicSubject = Subject<(typeof topicStatuses)[number]> & { mine: boolean };
const staffOnly = [{ roles: staff }];

export const topicWorkflow = defineWorkflow({
  name: 'consultation-topics',
  states: topicStatuses,
  relations: {
    proposer: (t: TopicSubject) => t.mine,
  },
  transitions: {
    second: {
      from: ['proposed'],
      by: [{ roles: ['member'], notAs: 'proposer' }],
      audit: 'consultations.topic_second',
    },
    choose: { from: ['proposed'], to: ['chosen'], by: staffOnly, audit: 'consultations.plan_item_add' },
    decline: {
      from: ['proposed'],
      to: ['not_chosen'],
      by: staffOnly,
      audit: 'consultations.topic_decline',
    },
  },
  refusals: {
    state: 'consultations.topic_bad_state',
    actor: 'auth.forbidden',
    notAs: { proposer: 'consultations.own_topic' },
  },
});

export const planWorkflow = defineWorkflow({
  name: 'consultation-plans',
  states: planStatuses,
  relations: {},
  transitions: {
    edit: { from: ['draft'], by: staffOnly, audit: 'consultations.plan_item_add' },
    approve: { from: ['draft'], to: ['approved'], by: staffOnly, audit: 'consultations.plan_approve' },
    publish: {
      from: ['approved'],
      to: ['published'],
      by: staffOnly,
      audit: 'consultations.plan_publish',
    },
  },
  refusals: { state: 'consultations.plan_bad_state', actor: 'auth.forbidden' },
});

/** What the consultation rules read: its state, and whether the caller convenes its studio. */
export type ConsultationSubject = {
  status: (typeof consultationStatuses)[number];
  /** A micro-consultation's studio is convened by the caller (a member may record it). */
  convenor: boolean;
};
type CRel = 'convenor';
const staffOrConvenor: Grant<CRel>[] = [{ roles: staff }, { roles: ['member'], as: 'convenor' }];

export const consultationWorkflow = defineWorkflow({
  name: 'consultations',
  states: consultationStatuses,
  relations: { convenor: (c: ConsultationSubject) => c.convenor },
  transitions: {
    edit: { from: ['draft', 'scheduled'], by: staffOrConvenor, audit: 'consultations.update' },
    invite: { from: ['draft', 'scheduled'], by: staffOnly, audit: 'consultations.invite' },
    schedule: { from: ['draft'], to: ['scheduled'], by: staffOnly, audit: 'consultations.schedule' },
    signIn: { from: ['scheduled'], by: staffOnly, audit: 'consultations.sign_in' },
    addOutcome: {
      from: ['draft', 'scheduled'],
      by: staffOrConvenor,
      audit: 'consultations.outcome_add',
    },
    close: { from: ['scheduled'], to: ['closed'], by: staffOrConvenor, audit: 'consultations.close' },
    amend: { from: ['closed'], by: staffOnly, audit: 'consultations.amend' },
  },
  refusals: { state: 'consultations.bad_state', actor: 'auth.forbidden' },
});

export const minutesWorkflow = defineWorkflow({
  name: 'consultation-minutes',
  states: minutesStatuses,
  relations: {},
  transitions: {
    draft: { from: ['none', 'draft'], to: ['draft'], by: staffOnly, audit: 'consultations.minutes_draft' },
    openAmending: {
      from: ['draft'],
      to: ['amending'],
      by: staffOnly,
      audit: 'consultations.minutes_open',
    },
    // Participants amend while the window is open (the service checks they took part).
    amend: {
      from: ['amending'],
      by: [{ roles: ['member', 'admin', 'staff'] }],
      audit: 'consultations.minutes_amend',
    },
    lock: { from: ['amending'], to: ['locked'], by: staffOnly, audit: 'consultations.minutes_lock' },
  },
  refusals: { state: 'consultations.minutes_bad_state', actor: 'auth.forbidden' },
});

/** What the outcome rules read: its state and the department it is addressed to. */
export type OutcomeSubject = { status: (typeof outcomeStatuses)[number]; departmentId: string };
type ORel = 'addressee';
const addressee: Grant<ORel> = { roles: ['department'], as: 'addressee' };

export const outcomeWorkflow = defineWorkflow({
  name: 'consultation-outcomes',
  states: outcomeStatuses,
  relations: {
    addressee: (o: OutcomeSubject, a: WorkflowActor) =>
      Boolean(a.departmentId) && o.departmentId === a.departmentId,
  },
  transitions: {
    answer: { from: ['assigned'], to: ['answered'], by: [addressee], audit: 'consultations.outcome_answer' },
    progress: {
      from: ['answered', 'in_progress'],
      to: ['in_progress', 'done', 'not_done'],
      by: [addressee, { roles: staff }],
      audit: 'consultations.outcome_progress',
    },
    endorse: {
      from: ['assigned', 'answered', 'in_progress', 'done', 'not_done'],
      by: staffOnly,
      audit: 'consultations.endorse',
    },
  },
  refusals: { state: 'consultations.outcome_bad_state', actor: 'auth.forbidden' },
});
