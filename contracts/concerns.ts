import { z } from 'zod';
import {
  id,
  isoDate,
  isoDateTime,
  limits,
  longText,
  optionalLongText,
  optionalText,
  phone,
} from './common.ts';

// Concerns (诉求): raised by citizens from a studio's or a member's QR code, handled by
// members and committee staff, rated by the citizen. Citizens' phones never leave the server
// except masked, and unmasked only to the handler (audited).

export const concernLimits = {
  body: 2000,
  place: 200,
  reply: 2000,
  comment: 500,
  photos: 6,
  photoBytes: 10 * 1024 * 1024,
} as const;

export const concernCategories = [
  'livelihood',
  'education',
  'health',
  'employment',
  'environment',
  'transport',
  'agriculture',
  'business',
  'governance',
  'other',
] as const;
export const concernCategoryLabels: Record<(typeof concernCategories)[number], string> = {
  livelihood: '民生保障',
  education: '教育',
  health: '医疗卫生',
  employment: '就业创业',
  environment: '生态环境',
  transport: '交通出行',
  agriculture: '三农',
  business: '营商环境',
  governance: '基层治理',
  other: '其他',
};

export const concernStatuses = [
  'submitted',
  'accepted',
  'info_requested',
  'answered',
  'reopened',
  'closed',
  'withdrawn',
  'return_requested',
  'reply_review',
] as const;
export const concernStatusLabels: Record<(typeof concernStatuses)[number], string> = {
  submitted: '已提交，待受理',
  accepted: '已受理，办理中',
  info_requested: '待补充材料',
  answered: '已答复，待评价',
  reopened: '重新办理中',
  closed: '已办结',
  withdrawn: '已撤回（应本人要求删除个人信息）',
  // What the citizen reads while staff decide on a return or review an answer: still in hand.
  return_requested: '办理中',
  reply_review: '已拟答复，审核中',
};

export const ratings = ['satisfied', 'basic', 'unsatisfied'] as const;
export const ratingLabels: Record<(typeof ratings)[number], string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export const eventKinds = [
  'submitted',
  'routed',
  'accepted',
  'info_requested',
  'info_added',
  'answered',
  'rated',
  'reopened',
  'closed',
  'transferred',
  'escalated',
  'assigned',
  'extended',
  'deadline_set',
  'service_deed',
  'withdrawn',
  'department_assigned',
] as const;
export const eventKindLabels: Record<(typeof eventKinds)[number], string> = {
  submitted: '提交诉求',
  routed: '已转交',
  accepted: '已受理',
  info_requested: '请补充材料',
  info_added: '已补充材料',
  answered: '已答复',
  rated: '已评价',
  reopened: '重新办理',
  closed: '已办结',
  transferred: '已转交',
  escalated: '已上报上级政协',
  assigned: '已交办',
  extended: '办理期限已延长',
  deadline_set: '办理期限已调整',
  service_deed: '已列为帮办实事',
  withdrawn: '已撤回',
  department_assigned: '已交办承办单位',
};
/** Steps the system records for the handlers (deadline reminders); not on the tracking page. */
export const internalEventKinds = [
  'due_soon',
  'overdue',
  'return_requested',
  'return_accepted',
  'reply_submitted',
  'reply_sent_back',
] as const;
export const internalEventKindLabels: Record<(typeof internalEventKinds)[number], string> = {
  due_soon: '办理期限将至（已提醒）',
  overdue: '已超期（已提醒）',
  return_requested: '承办单位申请退回',
  return_accepted: '已同意退回',
  reply_submitted: '答复已提交，待审核',
  reply_sent_back: '答复已退回修改',
};

const trackingCode = z.string().regex(/^[A-Za-z0-9]{6,16}$/, { message: 'invalid_format' });

/**
 * A tracking code as staff type it when a citizen reads it out: case, spaces, dashes and
 * full-width forms do not matter (kq7m-z2p9 xa is KQ7MZ2P9XA). Null when it cannot be one.
 */
export function trackingCodeKey(typed: string): string | null {
  const compact = typed.normalize('NFKC').replace(/[\s\-‐‑‒–—―_·.]/g, '');
  return /^[A-Za-z0-9]{6,16}$/.test(compact) ? compact.toUpperCase() : null;
}
const publicCode = z.string().regex(/^[A-Za-z0-9]{4,16}$/, { message: 'invalid_format' });
const smsCode = z.string().regex(/^\d{6}$/, { message: 'invalid_format' });

export const trackingParams = z.strictObject({ trackingCode });
export const concernIdParams = z.strictObject({ id });

// Citizen side -------------------------------------------------------------------------

export const smsCodeBody = z.strictObject({ phone });
export const smsCodeSent = z.object({ ok: z.literal(true), expiresInSeconds: z.number().int() });

/** Through a studio's code, a member's code, or both (the citizen picked a studio member). */
export const concernSubmitBody = z.strictObject({
  studioCode: publicCode.optional(),
  memberCode: publicCode.optional(),
  category: z.enum(concernCategories),
  text: longText(concernLimits.body),
  place: optionalText(concernLimits.place),
  phone: phone.optional(),
  smsCode: smsCode.optional(),
  consent: z.boolean().optional(),
});
export type ConcernSubmit = z.infer<typeof concernSubmitBody>;

export const concernSubmitted = z.object({ trackingCode: z.string(), status: z.enum(concernStatuses) });

export const publicConcernStep = z.object({
  at: isoDateTime,
  kind: z.enum(eventKinds),
  label: z.string(),
  actor: z.string().nullable(),
  text: z.string().nullable(),
});
export const publicConcern = z.object({
  trackingCode: z.string(),
  category: z.enum(concernCategories),
  text: z.string(),
  place: z.string().nullable(),
  status: z.enum(concernStatuses),
  statusLabel: z.string(),
  routedTo: z.string(),
  submittedAt: isoDateTime,
  dueAt: isoDateTime.nullable(),
  rating: z.enum(ratings).nullable(),
  canRate: z.boolean(),
  canAddInfo: z.boolean(),
  hasPhone: z.boolean(),
  photos: z.array(
    z.object({
      seq: z.number().int(),
      width: z.number().int(),
      height: z.number().int(),
      url: z.string(),
      thumbUrl: z.string(),
    }),
  ),
  steps: z.array(publicConcernStep),
});
export type PublicConcern = z.infer<typeof publicConcern>;

export const ratingBody = z.strictObject({
  rating: z.enum(ratings),
  comment: optionalLongText(concernLimits.comment),
});
export const infoBody = z.strictObject({ text: longText(concernLimits.body) });

// Member and staff side ---------------------------------------------------------------

export const concernSummary = z.object({
  id,
  trackingCode: z.string(),
  category: z.enum(concernCategories),
  excerpt: z.string(),
  status: z.enum(concernStatuses),
  committeeId: id,
  committeeName: z.string(),
  studioId: id.nullable(),
  studioName: z.string().nullable(),
  personId: id.nullable(),
  personName: z.string().nullable(),
  submittedAt: isoDateTime,
  dueAt: isoDateTime.nullable(),
  overdue: z.boolean(),
  reopenCount: z.number().int(),
});
export const concernList = z.object({
  items: z.array(concernSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const inboxBuckets = ['new', 'in_progress', 'overdue', 'all'] as const;
export const inboxQuery = z.strictObject({
  bucket: z.enum(inboxBuckets).default('all'),
  /** Only the concerns of this studio (one the member serves in). */
  studioId: id.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
});
export const inbox = concernList.extend({
  counts: z.object({ new: z.number().int(), inProgress: z.number().int(), overdue: z.number().int() }),
});
export const concernListQuery = z.strictObject({
  status: z.enum(concernStatuses).optional(),
  committeeId: id.optional(),
  studioId: id.optional(),
  category: z.enum(concernCategories).optional(),
  /** Submitted on or after this day (China time). */
  from: isoDate.optional(),
  /** Submitted on or before this day (China time). */
  to: isoDate.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  serviceDeed: z.enum(['true', 'false']).optional(),
  /** Keyword: a tracking code (as read out), or words of the text (the search index). */
  q: optionalText(limits.query),
  /** Open, not yet overdue, due on one of the next `dueSoonDays` China days (today included). */
  dueSoon: z.enum(['true', 'false']).optional(),
  /** Open, and no studio, member or handler has it: the staff must route it. */
  unassigned: z.enum(['true', 'false']).optional(),
  /**
   * Open, handed by the committee (`committeeId`, else the caller's own) up or down to another
   * committee, and still there: the cases it follows.
   */
  followed: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
});

/** "Due soon" (the list's `dueSoon` filter): today and the next two days, China time. */
export const dueSoonDays = 3;

export const concernEvent = z.object({
  id,
  at: isoDateTime,
  kind: z.enum([...eventKinds, ...internalEventKinds]),
  actorKind: z.enum(['citizen', 'member', 'staff', 'system']),
  actorLabel: z.string().nullable(),
  publicText: z.string().nullable(),
  note: z.string().nullable(),
  fromCommitteeId: id.nullable(),
  toCommitteeId: id.nullable(),
  /** Who took the step, by the name of their account (the office's side reads it, not the citizen). */
  actorName: z.string().nullable(),
  fromCommitteeName: z.string().nullable(),
  toCommitteeName: z.string().nullable(),
  /** Whom a hand-over named: studio, member, handling department. */
  toStudioName: z.string().nullable(),
  toPersonName: z.string().nullable(),
  toDepartmentName: z.string().nullable(),
});
/** How the reader's side passed a concern on, and to whom (the read-only view's banner). */
export const concernFollowing = z.object({
  via: z.enum(['escalated', 'assigned', 'transferred']),
  to: z.string().nullable(),
});
export const concernDetail = concernSummary.extend({
  /**
   * handle: the reader may act on it (the workflow then says which steps); follow: the reader
   * passed it on and reads its progress, with no step to take (write scope is the holder's).
   */
  access: z.enum(['handle', 'follow']),
  following: concernFollowing.nullable(),
  /** The account that accepted it, by name. */
  handlerName: z.string().nullable(),
  text: z.string(),
  place: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  handlerAccountId: id.nullable(),
  /** The handling department it is passed to (承办单位), if any. */
  handlerDepartmentId: id.nullable(),
  handlerDepartmentName: z.string().nullable(),
  /** Until when the department may ask to return it (3 working days from receiving it). */
  returnUntil: isoDateTime.nullable(),
  /** The answer waiting for staff review (reply_review), shown to staff and its author. */
  reviewReply: z.string().nullable(),
  rating: z.enum(ratings).nullable(),
  ratingComment: z.string().nullable(),
  /** Marked a service deed (帮办实事) by staff, with what was done. */
  serviceDeed: z.object({ result: z.string(), at: isoDateTime }).nullable(),
  photos: z.array(
    z.object({
      id,
      seq: z.number().int(),
      width: z.number().int(),
      height: z.number().int(),
      url: z.string(),
      thumbUrl: z.string(),
    }),
  ),
  events: z.array(concernEvent),
});
export type ConcernDetail = z.infer<typeof concernDetail>;

export const replyBody = z.strictObject({ text: longText(concernLimits.reply) });
export const askInfoBody = z.strictObject({ text: longText(concernLimits.reply) });
/** Hand over within the committee: to another member, another studio, or back to staff. */
export const transferBody = z.strictObject({
  personId: id.optional(),
  studioId: id.optional(),
  reason: longText(limits.reason),
});
/**
 * A hand-over to another committee starts its deadline afresh: `dueAt` sets it (in the future),
 * else it is the standard time from now (escalationDueDays), as the dialog shows.
 */
export const escalateBody = z.strictObject({
  reason: longText(limits.reason),
  dueAt: z.iso.datetime({ offset: true }).optional(),
});
/** Days the receiving committee has when a hand-over gives no deadline (办理时限). */
export const handOverDueDays = 15;
/** Staff route a concern to any committee in their subtree, and a studio or member there. */
export const assignBody = z.strictObject({
  committeeId: id,
  studioId: id.optional(),
  personId: id.optional(),
  reason: optionalLongText(limits.reason),
  /** The new deadline when it moves to another committee (else handOverDueDays from now); kept otherwise. */
  dueAt: z.iso.datetime({ offset: true }).optional(),
});
export const extendBody = z.strictObject({
  days: z.number().int().min(1).max(60),
  reason: longText(limits.reason),
});
export const setDeadlineBody = z.strictObject({
  dueAt: z.iso.datetime({ offset: true }),
  reason: longText(limits.reason),
});
export const serviceDeedBody = z.strictObject({ result: longText(concernLimits.reply) });
export const concernPhone = z.object({ phone: z.string() });
/** Staff pass a concern to a handling department of its committee, with a deadline and a note. */
export const toDepartmentBody = z.strictObject({
  departmentId: id,
  /** Working days to answer (Monday to Friday, China time); the committee's default when absent. */
  workingDays: z.number().int().min(1).max(60).optional(),
  note: longText(limits.reason),
});
/** A department asks to return a concern that is not theirs: why, in words. */
export const askReturnBody = z.strictObject({ reason: longText(limits.reason) });
/** Staff send a reply back to its author for another try: why. */
export const sendBackBody = z.strictObject({ reason: longText(limits.reason) });
/** Most concerns one batch takes: a page of the staff list at its largest. */
export const concernBatchMax = 100;
const batchIds = z.array(id).min(1).max(concernBatchMax);
/**
 * Staff pass many concerns at once (the list's checkboxes): each is its own step, with its own
 * history and audit row, exactly as if taken on its page; one refused does not stop the others.
 */
export const concernBatchBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('assign'),
    ids: batchIds,
    committeeId: id,
    studioId: id.optional(),
    personId: id.optional(),
    reason: optionalLongText(limits.reason),
    dueAt: z.iso.datetime({ offset: true }).optional(),
  }),
  z.strictObject({
    action: z.literal('escalate'),
    ids: batchIds,
    reason: longText(limits.reason),
    dueAt: z.iso.datetime({ offset: true }).optional(),
  }),
]);
/** Each concern's outcome, in the order asked: its new state, or why it was refused (both languages). */
export const concernBatchResult = z.object({
  results: z.array(
    z.union([
      z.object({ id, ok: z.literal(true), status: z.enum(concernStatuses) }),
      z.object({
        id,
        ok: z.literal(false),
        code: z.string(),
        messages: z.object({ 'zh-CN': z.string(), en: z.string() }),
      }),
    ]),
  ),
});

/** What a handler's write on a concern answers: the concern and the state it is in now. */
export const concernActed = z.object({ id, status: z.enum(concernStatuses) });

export const photoParams = z.strictObject({ trackingCode, seq: z.coerce.number().int().min(1).max(99) });
export const concernPhotoParams = z.strictObject({ id, photoId: id });
export const photoUploaded = z.object({
  seq: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
});

/** A concern a member heard in person (reception day, visit), recorded with the citizen's consent. */
export const receptionBody = z.strictObject({
  studioId: id,
  /** Staff recording for a member name the member; a member records for themself. */
  personId: id.optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  category: z.enum(concernCategories),
  text: longText(concernLimits.body),
  place: optionalText(concernLimits.place),
  citizenName: optionalText(50),
  phone: phone.optional(),
  /** Must be true: the citizen agreed to have it recorded (refused with a message otherwise). */
  consent: z.boolean(),
});
export type ReceptionBody = z.infer<typeof receptionBody>;
export const receptionRecorded = z.object({ id, trackingCode: z.string(), status: z.enum(concernStatuses) });
