import { z } from 'zod';
import { id, limits, optionalText, text } from './common.ts';

export const levels = ['national', 'province', 'city', 'county'] as const;
export type Level = (typeof levels)[number];

export const committee = z.object({
  id,
  parentId: id.nullable(),
  level: z.enum(levels),
  regionCode: z.string(),
  name: z.string(),
  regionName: z.string(),
  memberCount: z.number().int(),
  /** Separation of duties: whoever submits (a studio for approval) may not also approve it. */
  separateDuties: z.boolean(),
  /** 答复审核: members' and departments' replies to concerns wait for staff review. */
  replyReview: z.boolean(),
});
export type Committee = z.infer<typeof committee>;
export const committeeList = z.object({ items: z.array(committee) });
/**
 * A committee's own rules of work; each key sent is changed. Waiving the separation of duties
 * is its admin's decision; whether replies are reviewed, its staff's.
 */
export const committeeSettingsBody = z
  .strictObject({ separateDuties: z.boolean().optional(), replyReview: z.boolean().optional() })
  .refine((b) => b.separateDuties !== undefined || b.replyReview !== undefined, {
    message: 'required',
    path: ['replyReview'],
  });

export const sector = z.object({
  id,
  committeeId: id.nullable(),
  national: z.boolean(),
  name: z.string(),
  sortOrder: z.number().int(),
  retired: z.boolean(),
  memberCount: z.number().int(),
});
export type Sector = z.infer<typeof sector>;
export const sectorList = z.object({ items: z.array(sector) });
export const sectorCreateBody = z.strictObject({ committeeId: id, name: text(limits.name) });
export const sectorUpdateBody = z.strictObject({
  name: text(limits.name).optional(),
  retired: z.boolean().optional(),
});

export const specialCommittee = z.object({
  id,
  committeeId: id,
  name: z.string(),
  sortOrder: z.number().int(),
  retired: z.boolean(),
  memberCount: z.number().int(),
});
export type SpecialCommittee = z.infer<typeof specialCommittee>;
export const specialCommitteeList = z.object({ items: z.array(specialCommittee) });
export const specialCommitteeCreateBody = z.strictObject({ committeeId: id, name: text(limits.name) });
export const specialCommitteeUpdateBody = sectorUpdateBody;

export const departmentKinds = [
  'government',
  'party',
  'judicial',
  'people_org',
  'enterprise',
  'other',
] as const;
export const department = z.object({
  id,
  committeeId: id,
  name: z.string(),
  kind: z.enum(departmentKinds),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  retired: z.boolean(),
});
export type Department = z.infer<typeof department>;
export const departmentList = z.object({ items: z.array(department) });
export const departmentCreateBody = z.strictObject({
  committeeId: id,
  name: text(limits.name),
  kind: z.enum(departmentKinds),
  contactName: optionalText(limits.personName),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[\d\-+() ]{0,30}$/, { message: 'invalid_format' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional(),
});
export const departmentUpdateBody = z.strictObject({
  name: text(limits.name).optional(),
  kind: z.enum(departmentKinds).optional(),
  contactName: departmentCreateBody.shape.contactName,
  contactPhone: departmentCreateBody.shape.contactPhone,
  retired: z.boolean().optional(),
});

export const byCommitteeQuery = z.strictObject({ committeeId: id });
export const idParams = z.strictObject({ id });
