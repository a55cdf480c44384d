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
});
export type Committee = z.infer<typeof committee>;
export const committeeList = z.object({ items: z.array(committee) });

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

/** A committee's own rules of work: whether replies to concerns go to staff review first (答复审核). */
export const committeeSettings = z.object({ committeeId: id, replyReview: z.boolean() });
export const committeeSettingsBody = z.strictObject({ replyReview: z.boolean() });
