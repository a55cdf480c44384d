import { z } from 'zod';
import { id, isoDateTime, limits } from './common.ts';

// In-app notices (the console's bell) and the admins' view of work that could not be done:
// background jobs that used up their retries and messages the outbox gave up on.

export const noticeListQuery = z.strictObject({
  unread: z.enum(['1', '0', 'true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
});

export const notice = z.object({
  id,
  kind: z.string(),
  /** Its text in contracts/notice-texts.ts; null for a notice stored as a title only. */
  key: z.string().nullable(),
  /** Values of the text's `{name}`s. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The text in the caller's language (Accept-Language). */
  title: z.string(),
  /** What it is about: concernId, trackingCode … (strings only). */
  ref: z.record(z.string(), z.string()),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export type Notice = z.infer<typeof notice>;
export const noticeList = z.object({
  items: z.array(notice),
  unread: z.number().int(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const noticeIdParams = z.strictObject({ id });
export const noticeRead = z.object({ id, readAt: isoDateTime });
export const noticesReadAll = z.object({ marked: z.number().int() });

export const failedKinds = ['job', 'message'] as const;
export const failedItem = z.object({
  id,
  /** job: a background job out of retries; message: an SMS or email the outbox gave up on. */
  type: z.enum(failedKinds),
  kind: z.string(),
  channel: z.enum(['sms', 'email']).nullable(),
  committeeId: id.nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  /** When it was last due or tried. */
  lastTriedAt: isoDateTime.nullable(),
});
export const failedQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(50),
});
/** A transport whose circuit is open: messages wait (not given up) until it answers again. */
export const deliveryOutage = z.object({
  channel: z.enum(['sms', 'email']),
  /** The first failure of the run. */
  since: isoDateTime,
  /** SMS/email still waiting to be sent on that channel. */
  waiting: z.number().int(),
});
export const failedList = z.object({
  /** Transports down right now; shown above the list. */
  outages: z.array(deliveryOutage),
  items: z.array(failedItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const retried = z.object({ id, type: z.enum(failedKinds) });
