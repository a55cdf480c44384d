import { z } from 'zod';
import { auditActions, auditGroups } from './audit-texts.ts';
import { id, isoDate, optionalText, pageQuery } from './common.ts';

const results = ['ok', 'denied', 'invalid', 'failed'] as const;

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The target's name as its module gives it (a studio's name, a concern's 查询码), if known. */
  targetName: z.string().nullable(),
  committeeName: z.string().nullable(),
  result: z.enum(results),
  status: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

/** The filters of the log and of its export; dates are China Standard Time, both ends included. */
export const auditFilters = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The operator's login or display name, as the log shows it (prefix). */
  actor: optionalText(64),
  /** The committee and the committees below it. */
  committeeId: id.optional(),
  group: z.enum(Object.keys(auditGroups) as [keyof typeof auditGroups]).optional(),
  action: z.enum(Object.keys(auditActions) as [keyof typeof auditActions]).optional(),
  result: z.enum(results).optional(),
};
export const auditQuery = z.strictObject({ ...auditFilters, ...pageQuery });
export type AuditQuery = z.infer<typeof auditQuery>;
export const auditExportQuery = z.strictObject(auditFilters);
export type AuditFilters = z.infer<typeof auditExportQuery>;

export const auditPage = z.object({
  items: z.array(auditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
