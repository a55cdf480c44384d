import { z } from 'zod';
import { id, isoDate, limits, optionalLongText, optionalText, text } from './common.ts';

export const studioKinds = ['regional', 'sector', 'themed', 'industry_chain', 'online'] as const;
export const studioStatuses = ['draft', 'submitted', 'approved', 'rejected'] as const;
export const studioKindLabels = {
  regional: '镇街/社区工作室',
  sector: '界别工作室',
  themed: '特色工作室',
  industry_chain: '产业链工作室',
  online: '线上工作室',
} as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'invalid_format' });

export const studioMember = z.object({
  personId: id,
  name: z.string(),
  role: z.enum(['convenor', 'member']),
  sectorName: z.string().nullable(),
  committeeName: z.string().nullable(),
});

export const studio = z.object({
  id,
  committeeId: id,
  committeeName: z.string(),
  name: z.string(),
  kind: z.enum(studioKinds),
  sectorId: id.nullable(),
  sectorName: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  leadPersonId: id.nullable(),
  leadName: z.string().nullable(),
  intro: z.string().nullable(),
  services: z.string().nullable(),
  openingHours: z.string().nullable(),
  hotline: z.string().nullable(),
  status: z.enum(studioStatuses),
  reviewReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** The account that submitted it for approval: it may not review it (separation of duties). */
  submittedBy: id.nullable(),
  reviewedAt: z.string().nullable(),
  /** The studio's committee keeps reviews to another account than the submitter's. */
  separateDuties: z.boolean(),
  publicCode: z.string(),
  publicUrl: z.string(),
  members: z.array(studioMember),
  standards: z.array(
    z.object({ standardId: id, name: z.string(), met: z.boolean(), note: z.string().nullable() }),
  ),
});
export type Studio = z.infer<typeof studio>;

export const studioSummary = studio
  .omit({ members: true, standards: true })
  .extend({ memberCount: z.number().int() });
export const studioList = z.object({ items: z.array(studioSummary) });
export const studioListQuery = z.strictObject({
  committeeId: id.optional(),
  status: z.enum(studioStatuses).optional(),
});

const studioFields = {
  name: text(limits.name),
  kind: z.enum(studioKinds),
  sectorId: id.nullable().optional(),
  address: optionalText(200),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  leadPersonId: id.nullable().optional(),
  intro: optionalLongText(2000),
  services: optionalLongText(1000),
  openingHours: optionalText(200),
  /** A public telephone: digits with the separators people write (0318-1234567 转 8). */
  hotline: optionalText(40).refine((s) => s == null || /^[0-9+\-() 转]{3,40}$/.test(s), {
    message: 'invalid_format',
  }),
};
export const studioCreateBody = z.strictObject({ committeeId: id, ...studioFields });
export const studioUpdateBody = z.strictObject({
  ...studioFields,
  name: studioFields.name.optional(),
  kind: studioFields.kind.optional(),
});
export const studioMemberBody = z.strictObject({
  personId: id,
  role: z.enum(['convenor', 'member']).default('member'),
});
export const studioMemberParams = z.strictObject({ id, personId: id });
/** `:id` and `:entryId` of a studio's duty entry (a rule or a slot). */
export const dutyEntryParams = z.strictObject({ id, entryId: id });
export const studioReviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: optionalLongText(limits.reason),
});
export const standardChecksBody = z.strictObject({
  checks: z.array(z.strictObject({ standardId: id, met: z.boolean(), note: optionalLongText(200) })).max(50),
});
export const studioStandard = z.object({
  id,
  committeeId: id,
  name: z.string(),
  sortOrder: z.number().int(),
});
export const studioStandardList = z.object({ items: z.array(studioStandard) });
export const studioStandardCreateBody = z.strictObject({ committeeId: id, name: text(limits.name) });

// Duty roster
export const dutyRuleBody = z
  .strictObject({
    freq: z.enum(['monthly', 'weekly']),
    day: z.number().int().min(1).max(31),
    startTime: hhmm,
    endTime: hhmm,
    personIds: z.array(id).max(20).default([]),
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
    note: optionalLongText(200),
  })
  .refine((r) => r.freq === 'monthly' || r.day <= 7, { path: ['day'], message: 'too_big' })
  .refine((r) => r.startTime < r.endTime, { path: ['endTime'], message: 'invalid' });
export const dutySlotBody = z
  .strictObject({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    personIds: z.array(id).max(20).default([]),
    note: optionalLongText(200),
  })
  .refine((s) => new Date(s.startsAt) < new Date(s.endsAt), { path: ['endsAt'], message: 'invalid' });

export const dutyRule = z.object({
  id,
  freq: z.enum(['monthly', 'weekly']),
  day: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  personIds: z.array(id),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  note: z.string().nullable(),
});
export const dutySlot = z.object({
  id,
  startsAt: z.string(),
  endsAt: z.string(),
  personIds: z.array(id),
  note: z.string().nullable(),
});
export const dutyOccurrence = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  source: z.enum(['rule', 'slot']),
  sourceId: id,
  people: z.array(z.object({ personId: id, name: z.string() })),
  note: z.string().nullable(),
});
export type DutyOccurrence = z.infer<typeof dutyOccurrence>;
export const dutyRoster = z.object({
  rules: z.array(dutyRule),
  slots: z.array(dutySlot),
  occurrences: z.array(dutyOccurrence),
});
export const dutyQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

// Public (citizen) views: no personal data beyond what a member chose to show.
export const publicMember = z.object({
  code: z.string(),
  name: z.string(),
  sectorName: z.string().nullable(),
  committeeName: z.string(),
  workUnitPost: z.string(),
  studios: z.array(z.object({ code: z.string(), name: z.string() })),
  nextDuty: z.array(dutyOccurrence.omit({ people: true }).extend({ studioName: z.string() })),
});
export const publicStudio = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(studioKinds),
  committeeName: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  intro: z.string().nullable(),
  services: z.string().nullable(),
  openingHours: z.string().nullable(),
  hotline: z.string().nullable(),
  members: z.array(
    z.object({
      code: z.string().nullable(),
      name: z.string(),
      sectorName: z.string().nullable(),
      role: z.enum(['convenor', 'member']),
    }),
  ),
  onDutyToday: z.array(dutyOccurrence),
  nextDuty: z.array(dutyOccurrence),
});
export const publicCodeParams = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9]{4,16}$/, { message: 'invalid_format' }),
});
