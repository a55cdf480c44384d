import { z } from 'zod';
import { id, limits, text } from './common.ts';

/** A handling department's account (承办单位) belongs to one department of its committee. */
export const roles = ['admin', 'staff', 'member', 'department'] as const;
export type Role = (typeof roles)[number];

export { passwordStrongEnough } from './limits.ts';

export const loginBody = z.strictObject({
  username: text(limits.username),
  password: z.string().min(1).max(limits.password),
});

export const sessionStage = z.enum(['totp', 'totp_setup', 'password_change', 'full']);
export type SessionStage = z.infer<typeof sessionStage>;

export const sessionAccount = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  committeeId: id,
  committeeName: z.string(),
  personId: id.nullable(),
  departmentId: id.nullable(),
  departmentName: z.string().nullable(),
  totpEnabled: z.boolean(),
});

export const sessionBody = z.object({
  stage: sessionStage,
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number().int(),
  account: sessionAccount,
});
export type SessionBody = z.infer<typeof sessionBody>;

export const totpBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: 'invalid_format' }),
});
export const totpSetupBody = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(limits.password),
  newPassword: z.string().min(8).max(limits.password),
});

export const account = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  committeeId: id,
  committeeName: z.string(),
  personId: id.nullable(),
  departmentId: id.nullable(),
  departmentName: z.string().nullable(),
  email: z.string().nullable(),
  requireTotp: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof account>;

/** Work address for staff notices by email; '' or null clears it. */
const accountEmail = z
  .union([
    z.literal('').transform(() => null),
    z.null(),
    z
      .string()
      .trim()
      .max(254)
      .pipe(z.email({ message: 'email' })),
  ])
  .optional();

export const accountCreateBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(limits.username)
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'invalid_format' }),
  displayName: text(limits.personName),
  role: z.enum(roles),
  committeeId: id,
  personId: id.nullable().optional(),
  /** Required for role 'department': a department of the account's committee. */
  departmentId: id.nullable().optional(),
  email: accountEmail,
  requireTotp: z.boolean().default(false),
  password: z.string().min(8).max(limits.password),
});

export const accountUpdateBody = z.strictObject({
  displayName: text(limits.personName).optional(),
  role: z.enum(roles).optional(),
  committeeId: id.optional(),
  departmentId: id.nullable().optional(),
  email: accountEmail,
  requireTotp: z.boolean().optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(8).max(limits.password).optional(),
});

export const accountList = z.object({ items: z.array(account) });

/**
 * Member accounts for many members at once: the members picked in the roster (membership ids)
 * or every active member of one committee. Initial passwords go by SMS (to the member's phone
 * on file) or as a PDF of sealed slips, in the answer only.
 */
export const accountBatchDeliveries = ['sms', 'slips'] as const;
export const accountBatchBody = z
  .strictObject({
    memberIds: z.array(id).min(1).max(limits.accountBatch).optional(),
    committeeId: id.optional(),
    delivery: z.enum(accountBatchDeliveries),
  })
  .refine((b) => (b.memberIds === undefined) !== (b.committeeId === undefined), {
    message: 'one_of',
    path: ['memberIds'],
  });
export const accountBatchSkipReasons = ['has_account', 'no_phone'] as const;
export const accountBatchResult = z.object({
  created: z.array(
    z.object({
      accountId: id,
      personId: id,
      name: z.string(),
      committeeName: z.string(),
      username: z.string(),
    }),
  ),
  skipped: z.array(z.object({ personId: id, name: z.string(), reason: z.enum(accountBatchSkipReasons) })),
  delivery: z.enum(accountBatchDeliveries),
  /** The sealed slips (A4 PDF, base64) for delivery 'slips': in this answer only, never stored. */
  slipsPdf: z.string().nullable(),
});
export type AccountBatchResult = z.infer<typeof accountBatchResult>;
