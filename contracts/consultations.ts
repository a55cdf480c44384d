import { z } from 'zod';
import { id, isoDate, limits, longText, optionalLongText, optionalText, phone, text } from './common.ts';

// Consultations (协商): topics (议题) from four sources, the annual plan (年度协商计划), the
// consultations held on them, and their outcomes (协商成果) answered by departments.

export const topicSources = ['party_government', 'committee', 'member', 'citizen'] as const;
export const topicStatuses = ['proposed', 'chosen', 'not_chosen'] as const;
export const planStatuses = ['draft', 'approved', 'published'] as const;
/** 专题协商 / 界别协商 / 对口协商 / 提案办理协商 / 微协商 / 网络议政. */
export const consultationForms = [
  'special',
  'sector',
  'counterpart',
  'proposal_handling',
  'micro',
  'online',
] as const;
export const consultationModes = ['on_site', 'online', 'both'] as const;
export const consultationStatuses = ['draft', 'scheduled', 'closed'] as const;
export const minutesStatuses = ['none', 'draft', 'amending', 'locked'] as const;
export const participantRoles = ['member', 'expert', 'department_leader', 'citizen_rep'] as const;
export const participantReplies = ['pending', 'accepted', 'declined'] as const;
export const outcomeStatuses = ['assigned', 'answered', 'in_progress', 'done', 'not_done'] as const;
export const answerResults = ['adopted', 'partly', 'not_adopted'] as const;

export type TopicSource = (typeof topicSources)[number];
export type ConsultationForm = (typeof consultationForms)[number];
export type OutcomeStatus = (typeof outcomeStatuses)[number];

const dateTime = z.iso.datetime({ offset: true });
const month = z.number().int().min(1).max(12);

// --- Topics (议题) ---

export const topicEvidence = z.object({
  kind: z.enum(['common_issue', 'concern']),
  id,
  label: z.string(),
});

export const topic = z.object({
  id,
  planId: id,
  committeeId: id,
  title: z.string(),
  background: z.string().nullable(),
  source: z.enum(topicSources),
  setBy: z.string().nullable(),
  proposerPersonId: id.nullable(),
  proposerName: z.string().nullable(),
  reasons: z.string().nullable(),
  /** A citizen's topic shows that it came from a verified phone, never the phone itself. */
  fromVerifiedPhone: z.boolean(),
  citizenName: z.string().nullable(),
  status: z.enum(topicStatuses),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  seconds: z.array(z.object({ personId: id, name: z.string(), reason: z.string().nullable() })),
  evidence: z.array(topicEvidence),
  createdAt: z.string(),
  /** The transitions the caller may take now (contracts/consultation-workflow.ts). */
  actions: z.array(z.string()),
});
export type Topic = z.infer<typeof topic>;
export const topicList = z.object({ items: z.array(topic) });
export const topicListQuery = z.strictObject({
  planId: id.optional(),
  status: z.enum(topicStatuses).optional(),
  source: z.enum(topicSources).optional(),
});

export const topicCreateBody = z.strictObject({
  planId: id,
  title: text(limits.name),
  background: optionalLongText(4000),
  source: z.enum(topicSources),
  /** 党政点题: who set it (required for that source). */
  setBy: optionalText(limits.name),
  /** 委员荐题: why (required for that source), and 群众出题 raised by staff. */
  reasons: optionalLongText(2000),
  /** Staff raising a topic from a common issue or concerns: the links kept as its evidence. */
  evidence: z
    .array(z.strictObject({ kind: z.enum(['common_issue', 'concern']), id }))
    .max(50)
    .optional(),
});
export const topicSecondBody = z.strictObject({ reason: optionalLongText(limits.reason) });
export const topicDeclineBody = z.strictObject({ reason: longText(limits.reason) });

/** 群众出题 from the public page of the year's call for topics (QR code). */
export const publicTopicBody = z.strictObject({
  title: text(limits.name),
  reasons: longText(2000),
  name: optionalText(limits.personName),
  phone,
  smsCode: z.string().regex(/^\d{6}$/, { message: 'invalid_format' }),
  consent: z.literal(true),
  submitKey: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
});
export const publicTopicSubmitted = z.object({ trackingCode: z.string() });
export const publicTopicCall = z.object({
  committeeName: z.string(),
  year: z.number().int(),
  title: z.string(),
  open: z.boolean(),
});
export const publicTopicTrack = z.object({
  title: z.string(),
  status: z.enum(topicStatuses),
  answer: z.string().nullable(),
  plannedMonth: z.number().int().nullable(),
});
export const publicCodeParams = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9]{4,32}$/) });

// --- The annual plan (年度协商计划) ---

export const planItem = z.object({
  id,
  topicId: id,
  topicTitle: z.string(),
  topicSource: z.enum(topicSources),
  form: z.enum(consultationForms),
  leadSpecialCommitteeId: id.nullable(),
  leadName: z.string().nullable(),
  sectorIds: z.array(id),
  sectorNames: z.array(z.string()),
  plannedMonth: z.number().int(),
  departmentIds: z.array(id),
  departmentNames: z.array(z.string()),
  consultationId: id.nullable(),
});
export type PlanItem = z.infer<typeof planItem>;

export const plan = z.object({
  id,
  committeeId: id,
  committeeName: z.string(),
  year: z.number().int(),
  title: z.string(),
  status: z.enum(planStatuses),
  publicCode: z.string(),
  topicCallUrl: z.string(),
  approvedByName: z.string().nullable(),
  approvedOn: z.string().nullable(),
  documentRef: z.string().nullable(),
  publishedAt: z.string().nullable(),
  topicCount: z.number().int(),
  unansweredCount: z.number().int(),
  items: z.array(planItem),
  actions: z.array(z.string()),
});
export type Plan = z.infer<typeof plan>;
export const planSummary = plan.omit({ items: true, actions: true });
export const planList = z.object({ items: z.array(planSummary) });
export const planListQuery = z.strictObject({ committeeId: id.optional() });
export const planCreateBody = z.strictObject({
  committeeId: id,
  year: z.number().int().min(2000).max(2100),
  title: text(limits.name),
});
export const planItemBody = z.strictObject({
  topicId: id,
  form: z.enum(consultationForms),
  leadSpecialCommitteeId: id.nullable().optional(),
  /** The lead body in words, where it is not one of the committee's special committees. */
  leadText: optionalText(limits.name),
  sectorIds: z.array(id).max(40).default([]),
  plannedMonth: month,
  departmentIds: z.array(id).max(40).default([]),
});
export const planItemParams = z.strictObject({ id, itemId: id });
export const planApproveBody = z.strictObject({
  approvedByName: text(limits.name),
  approvedOn: isoDate,
  documentRef: text(limits.name),
});

// --- Consultations (协商) ---

export const agendaItemBody = z.strictObject({
  title: text(limits.name),
  durationMinutes: z.number().int().min(1).max(600),
  speaker: optionalText(limits.name),
});
const consultationFields = {
  title: text(limits.name),
  kind: z.enum(consultationForms),
  mode: z.enum(consultationModes),
  startsAt: dateTime,
  endsAt: dateTime,
  place: optionalText(200),
  hostPersonId: id.nullable().optional(),
  hostName: optionalText(limits.personName),
  agenda: z.array(agendaItemBody).max(50).default([]),
};
export const consultationCreateBody = z.strictObject({
  committeeId: id,
  planItemId: id.nullable().optional(),
  studioId: id.nullable().optional(),
  ...consultationFields,
});
export const consultationUpdateBody = z.strictObject({
  title: consultationFields.title.optional(),
  mode: consultationFields.mode.optional(),
  startsAt: dateTime.optional(),
  endsAt: dateTime.optional(),
  place: consultationFields.place,
  hostPersonId: consultationFields.hostPersonId,
  hostName: consultationFields.hostName,
  agenda: z.array(agendaItemBody).max(50).optional(),
});

export const participant = z.object({
  id,
  role: z.enum(participantRoles),
  personId: id.nullable(),
  departmentId: id.nullable(),
  name: z.string(),
  viaStudioName: z.string().nullable(),
  reply: z.enum(participantReplies),
  declineReason: z.string().nullable(),
  repliedAt: z.string().nullable(),
  signedInAt: z.string().nullable(),
  signInMethod: z.enum(['door_code', 'staff']).nullable(),
});
export const inviteBody = z
  .strictObject({
    participants: z
      .array(
        z.strictObject({
          role: z.enum(participantRoles),
          personId: id.optional(),
          departmentId: id.optional(),
          /** Experts and citizens' representatives have no seat: their name is given. */
          name: optionalText(limits.personName),
        }),
      )
      .max(200)
      .default([]),
    /** Every member of these studios, invited together. */
    studioIds: z.array(id).max(20).default([]),
  })
  .refine((b) => b.participants.length + b.studioIds.length > 0, {
    message: 'required',
    path: ['participants'],
  });
export const invitationReplyBody = z.strictObject({
  reply: z.enum(['accepted', 'declined']),
  reason: optionalLongText(limits.reason),
});
export const doorSignInBody = z.strictObject({ doorCode: z.string().regex(/^[A-Za-z0-9]{4,32}$/) });
export const participantParams = z.strictObject({ id, participantId: id });
export const minutesBody = z.strictObject({ text: longText(20000) });
export const minutesOpenBody = z.strictObject({ amendHours: z.number().int().min(1).max(720) });
export const closeBody = z.strictObject({
  attendeeCount: z.number().int().min(0).max(100000),
  contributionCount: z.number().int().min(0).max(100000),
});
export const amendmentFields = ['title', 'place', 'minutes', 'attendeeCount', 'contributionCount'] as const;
export const amendmentBody = z.strictObject({
  field: z.enum(amendmentFields),
  value: longText(20000),
  reason: longText(limits.reason),
});
export const outcomeCreateBody = z.strictObject({
  text: longText(4000),
  departmentId: id,
  dueOn: isoDate,
});

export const outcome = z.object({
  id,
  consultationId: id,
  consultationTitle: z.string(),
  committeeId: id,
  position: z.number().int(),
  text: z.string(),
  departmentId: id,
  departmentName: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  status: z.enum(outcomeStatuses),
  answerResult: z.enum(answerResults).nullable(),
  answerText: z.string().nullable(),
  answerPlan: z.string().nullable(),
  answerByDate: z.string().nullable(),
  answeredAt: z.string().nullable(),
  progress: z.number().int(),
  history: z.array(
    z.object({ status: z.string(), progress: z.number().int(), note: z.string(), at: z.string() }),
  ),
  endorsements: z.array(
    z.object({ level: z.string(), leaderName: z.string(), endorsedOn: z.string(), text: z.string() }),
  ),
  actions: z.array(z.string()),
});
export type Outcome = z.infer<typeof outcome>;
export const outcomeList = z.object({ items: z.array(outcome) });
export const outcomeListQuery = z.strictObject({
  status: z.enum(outcomeStatuses).optional(),
  consultationId: id.optional(),
});
export const outcomeAnswerBody = z
  .strictObject({
    result: z.enum(answerResults),
    text: longText(4000),
    /** What will be done, and by when: required unless it is not adopted. */
    plan: optionalLongText(2000),
    byDate: isoDate.nullable().optional(),
  })
  .refine((b) => b.result === 'not_adopted' || Boolean(b.plan), { message: 'required', path: ['plan'] })
  .refine((b) => b.result === 'not_adopted' || Boolean(b.byDate), {
    message: 'required',
    path: ['byDate'],
  });
export const outcomeProgressBody = z.strictObject({
  status: z.enum(['in_progress', 'done', 'not_done']),
  progress: z.number().int().min(0).max(100),
  note: longText(2000),
});
export const endorseBody = z.strictObject({
  level: text(limits.name),
  leaderName: text(limits.personName),
  endorsedOn: isoDate,
  text: longText(2000),
});

export const consultation = z.object({
  id,
  committeeId: id,
  committeeName: z.string(),
  planItemId: id.nullable(),
  topicId: id.nullable(),
  studioId: id.nullable(),
  studioName: z.string().nullable(),
  title: z.string(),
  kind: z.enum(consultationForms),
  mode: z.enum(consultationModes),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  hostPersonId: id.nullable(),
  hostName: z.string().nullable(),
  status: z.enum(consultationStatuses),
  doorCode: z.string().nullable(),
  doorUrl: z.string().nullable(),
  minutes: z.string().nullable(),
  minutesStatus: z.enum(minutesStatuses),
  amendUntil: z.string().nullable(),
  attendeeCount: z.number().int().nullable(),
  contributionCount: z.number().int().nullable(),
  signedInCount: z.number().int(),
  citizenCount: z.number().int().nullable(),
  citizenNames: z.string().nullable(),
  consensus: z.string().nullable(),
  followUp: z.string().nullable(),
  closedAt: z.string().nullable(),
  agenda: z.array(
    z.object({ title: z.string(), durationMinutes: z.number().int(), speaker: z.string().nullable() }),
  ),
  participants: z.array(participant),
  outcomes: z.array(outcome),
  amendments: z.array(
    z.object({
      field: z.string(),
      before: z.string().nullable(),
      after: z.string().nullable(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
  actions: z.array(z.string()),
  minutesActions: z.array(z.string()),
  /** The caller's own invitation, if they are invited. */
  myParticipantId: id.nullable(),
});
export type Consultation = z.infer<typeof consultation>;
export const consultationSummary = consultation.pick({
  id: true,
  committeeId: true,
  committeeName: true,
  studioName: true,
  title: true,
  kind: true,
  mode: true,
  startsAt: true,
  endsAt: true,
  place: true,
  status: true,
  minutesStatus: true,
  signedInCount: true,
});
export const consultationList = z.object({ items: z.array(consultationSummary) });
export const consultationListQuery = z.strictObject({
  committeeId: id.optional(),
  kind: z.enum(consultationForms).optional(),
  status: z.enum(consultationStatuses).optional(),
});

/** A studio convenor's micro-consultation (微协商), recorded from a phone in one form. */
export const microBody = z.strictObject({
  studioId: id,
  title: text(limits.name),
  heldAt: dateTime,
  place: optionalText(200),
  memberIds: z.array(id).max(50).default([]),
  citizenCount: z.number().int().min(0).max(10000),
  citizenNames: optionalLongText(1000),
  consensus: longText(4000),
  followUp: longText(2000),
});
