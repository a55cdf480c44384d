import { z } from 'zod';
import { pageQuery } from './common.ts';

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: z.enum(['ok', 'denied', 'invalid', 'failed']),
  status: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditQuery = z.strictObject({
  action: z.string().max(64).optional(),
  result: z.enum(['ok', 'denied', 'invalid', 'failed']).optional(),
  ...pageQuery,
});
export const auditPage = z.object({
  items: z.array(auditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
