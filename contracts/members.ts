import { affiliationOf, ethnicGroupOf } from './code-lists.ts';
import { z } from 'zod';
import { id, isoDate, limits, optionalLongText, optionalText, pageQuery, phone, text } from './common.ts';
import { levels } from './org.ts';

export const genders = ['male', 'female'] as const;
export const positions = ['chair', 'vice_chair', 'secretary_general', 'standing', 'member'] as const;
export const memberStatuses = ['active', 'retired'] as const;

// Labels the roster spreadsheet uses for coded values.
export const genderLabels = { male: '男', female: '女' } as const;
export const positionLabels = {
  chair: '主席',
  vice_chair: '副主席',
  secretary_general: '秘书长',
  standing: '常委',
  member: '委员',
} as const;

export const memberRow = z.object({
  id, // membership id: one row per person per committee
  personId: id,
  name: z.string(),
  gender: z.enum(genders),
  committeeId: id,
  committeeName: z.string(),
  level: z.enum(levels),
  sectorId: id.nullable(),
  sectorName: z.string().nullable(),
  specialCommitteeId: id.nullable(),
  specialCommitteeName: z.string().nullable(),
  workUnitPost: z.string(),
  position: z.enum(positions),
  status: z.enum(memberStatuses),
  phoneMasked: z.string().nullable(),
  otherCommittees: z.number().int(),
});
export type MemberRow = z.infer<typeof memberRow>;

export const memberSorts = ['name', 'committee', 'sector', 'joinedOn'] as const;
export const memberListQuery = z.strictObject({
  committeeId: id.optional(),
  subtree: z.enum(['true', 'false']).default('true'),
  level: z.enum(levels).optional(),
  sectorId: id.optional(),
  specialCommitteeId: id.optional(),
  status: z.enum([...memberStatuses, 'all']).default('active'),
  q: z.string().trim().max(limits.query).optional(),
  sort: z.enum(memberSorts).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageQuery,
});
export type MemberListQuery = z.infer<typeof memberListQuery>;
export const memberPage = z.object({
  items: z.array(memberRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const membershipDetail = z.object({
  id,
  committeeId: id,
  committeeName: z.string(),
  level: z.enum(levels),
  sectorId: id.nullable(),
  sectorName: z.string().nullable(),
  specialCommitteeId: id.nullable(),
  specialCommitteeName: z.string().nullable(),
  workUnitPost: z.string(),
  position: z.enum(positions),
  status: z.enum(memberStatuses),
  joinedOn: z.string().nullable(),
  retiredOn: z.string().nullable(),
  retireReason: z.string().nullable(),
});
export const memberDetail = z.object({
  id,
  person: z.object({
    id,
    name: z.string(),
    gender: z.enum(genders),
    ethnicity: z.string().nullable(),
    birthMonth: z.string().nullable(),
    party: z.string().nullable(),
    phoneMasked: z.string().nullable(),
  }),
  membership: membershipDetail,
  // Other seats of the same person, only those the caller may see.
  otherMemberships: z.array(membershipDetail),
});
export type MemberDetail = z.infer<typeof memberDetail>;

/** A value of a national code list, read from any usual spelling; blank is none. */
const coded = (of: (s: string) => string | undefined) =>
  optionalText(limits.shortText)
    .refine((s) => s == null || of(s) !== undefined, { message: 'not_in_list' })
    .transform((s) => (s == null ? s : of(s)));

const personFields = {
  name: text(limits.personName),
  gender: z.enum(genders),
  ethnicity: coded(ethnicGroupOf),
  birthMonth: z
    .string()
    .trim()
    .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, { message: 'invalid_format' })
    .nullable()
    .optional(),
  party: coded(affiliationOf),
  phone: phone.nullable().optional(),
};
const membershipFields = {
  committeeId: id,
  sectorId: id.nullable().optional(),
  specialCommitteeId: id.nullable().optional(),
  workUnitPost: text(limits.workUnitPost),
  position: z.enum(positions).default('member'),
  joinedOn: isoDate.nullable().optional(),
};

// Either a new person, or a new seat for a person already on the roster (personId).
export const memberCreateBody = z.union([
  z.strictObject({ ...personFields, ...membershipFields }),
  z.strictObject({ personId: id, ...membershipFields }),
]);
export type MemberCreateBody = z.infer<typeof memberCreateBody>;

export const memberUpdateBody = z.strictObject({
  name: personFields.name.optional(),
  gender: personFields.gender.optional(),
  ethnicity: personFields.ethnicity,
  birthMonth: personFields.birthMonth,
  party: personFields.party,
  phone: personFields.phone,
  sectorId: membershipFields.sectorId,
  specialCommitteeId: membershipFields.specialCommitteeId,
  workUnitPost: membershipFields.workUnitPost.optional(),
  position: z.enum(positions).optional(),
  joinedOn: membershipFields.joinedOn,
});
export type MemberUpdateBody = z.infer<typeof memberUpdateBody>;

export const memberRetireBody = z.strictObject({
  retiredOn: isoDate,
  reason: optionalLongText(limits.reason),
});

// Roster import: the columns an office's spreadsheet has, in this order.
export const rosterColumns = [
  { key: 'name', header: '姓名', required: true },
  { key: 'gender', header: '性别', required: true },
  { key: 'ethnicity', header: '民族', required: false },
  { key: 'birthMonth', header: '出生年月', required: false },
  { key: 'party', header: '政治面貌', required: false },
  { key: 'sector', header: '界别', required: true },
  { key: 'workUnitPost', header: '工作单位及职务', required: true },
  { key: 'phone', header: '手机', required: true },
  { key: 'specialCommittee', header: '专委会', required: false },
  { key: 'position', header: '职务', required: false },
  { key: 'committee', header: '所属政协', required: false },
] as const;
export type RosterColumnKey = (typeof rosterColumns)[number]['key'];

export const importQuery = z.strictObject({
  committeeId: id,
  dryRun: z.enum(['true', 'false']).default('false'),
});
export const importProblem = z.object({
  row: z.number().int(), // spreadsheet row number as Excel shows it
  column: z.string(), // header text, e.g. 手机
  field: z.string(),
  value: z.string(),
  message: z.string(),
  messages: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type ImportProblem = z.infer<typeof importProblem>;
export const importResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(), // new persons
  added: z.number().int(), // new seats
  updated: z.number().int(),
  problems: z.array(importProblem),
});
export type ImportResult = z.infer<typeof importResult>;
export const importFailure = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messages: z.object({ 'zh-CN': z.string(), en: z.string() }),
  }),
  problems: z.array(importProblem), // the first rosterLimits.problemsShown, by row
  problemCount: z.number().int(), // all of them
  rows: z.number().int(),
  importId: id.nullable(), // its bad rows as .xlsx: GET /api/members/imports/:id/bad-rows.xlsx
});
export type ImportFailure = z.infer<typeof importFailure>;

/**
 * Roster import limits. 50,000 rows is far above any committee's roster (a province's is under
 * a thousand) and what one import handles in seconds; past it the file is refused as it is
 * read. A roster of up to `directRows` answers in its own request (well under a second);
 * a bigger one runs in the background and the page follows it (GET /api/members/imports/:id).
 */
export const rosterLimits = { rows: 50_000, directRows: 2_000, problemsShown: 200 } as const;

export const importStarted = z.object({
  importId: id,
  rows: z.number().int(),
  dryRun: z.boolean(),
});
export const importStatuses = ['running', 'done', 'invalid', 'failed'] as const;
export const importStatus = z.object({
  id,
  committeeId: id,
  dryRun: z.boolean(),
  /** running → done | invalid (problems, nothing imported) | failed (error or interrupted, nothing imported) */
  status: z.enum(importStatuses),
  phase: z.enum(['checking', 'writing', 'finished']),
  rows: z.number().int(),
  checked: z.number().int(), // rows checked so far
  result: importResult.nullable(),
  problems: z.array(importProblem),
  problemCount: z.number().int(),
  badRows: z.boolean(), // a bad-rows .xlsx can be downloaded
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      messages: z.object({ 'zh-CN': z.string(), en: z.string() }),
    })
    .nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof importStatus>;

export const exportQuery = memberListQuery.omit({ page: true, pageSize: true });
/**
 * An export with phone numbers in full (the default export masks them): a permission of its
 * own, and a reason, kept in the audit row with the count (docs/security.md).
 */
export const exportUnmaskedBody = z.strictObject({ reason: optionalText(limits.reason) });

/**
 * A roster export prepared in the background (a province's roster takes seconds): the page
 * shows its progress and, when it is ready, a link to the file. Only its requester sees it.
 */
export const exportStarted = z.object({ exportId: id });
export const exportStatuses = ['running', 'done', 'failed'] as const;
export const exportStatus = z.object({
  id,
  /** running → done | failed (an error, or the server stopped while preparing) */
  status: z.enum(exportStatuses),
  phase: z.enum(['reading', 'writing', 'packing', 'finished']),
  rows: z.number().int(), // rows the file will hold; 0 while still reading
  written: z.number().int(), // rows written so far
  fileUrl: z.string().nullable(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      messages: z.object({ 'zh-CN': z.string(), en: z.string() }),
    })
    .nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportStatus = z.infer<typeof exportStatus>;
