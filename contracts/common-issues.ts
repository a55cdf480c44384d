import { z } from 'zod';
import { id, longText, pageQuery, text } from './common.ts';
import { concernLimits } from './concerns.ts';

// Common issues (共性问题): concerns the text engine grouped, with the evidence staff check.

export const commonIssueStatuses = ['proposed', 'confirmed'] as const;

// Issue ids are the engine's group ids (g-<uuid of its first concern>), not uuids.
export const commonIssueId = z.string().regex(/^g-[0-9a-f-]{36}(-\d+)?$/, { message: 'invalid' });
export const commonIssueParams = z.object({ id: commonIssueId });

export const commonIssueListQuery = z
  .object({
    committeeId: id.optional(),
    status: z.enum(commonIssueStatuses).optional(),
    /** Groups of one concern are not yet a common issue; the board starts at two. */
    minCount: z.coerce.number().int().min(1).max(1000).default(2),
    /** Only those past the notice threshold (5 concerns or 3 studios): staff were told of them. */
    grown: z.enum(['true', 'false']).optional(),
    ...pageQuery,
  })
  .strict();

export const commonIssueSummary = z.object({
  id: z.string(),
  committeeId: z.string(),
  committeeName: z.string(),
  title: z.string(),
  /** True when staff named it; the engine then leaves the title alone. */
  named: z.boolean(),
  keyTerms: z.array(z.string()),
  concernCount: z.number().int(),
  studioCount: z.number().int(),
  status: z.enum(commonIssueStatuses),
  reportDraftId: z.string().nullable(),
  createdAt: z.string(),
  lastAt: z.string().nullable(),
});
export type CommonIssueSummary = z.infer<typeof commonIssueSummary>;

export const commonIssueList = z.object({
  items: z.array(commonIssueSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const evidenceConcern = z.object({
  id: z.string(),
  trackingCode: z.string(),
  status: z.string(),
  category: z.string(),
  excerpt: z.string(),
  place: z.string().nullable(),
  studioName: z.string().nullable(),
  committeeName: z.string(),
  submittedAt: z.string(),
});
const tally = z.array(z.object({ label: z.string(), count: z.number().int() }));
/**
 * Places as citizens typed them, merged by containment: 城关镇振兴路 and 振兴路县医院附近 are
 * parts of 振兴路, shown as one place with its parts.
 */
const placeTally = z.array(z.object({ label: z.string(), count: z.number().int(), parts: tally }));

export const commonIssueDetail = commonIssueSummary.extend({
  representatives: z.array(evidenceConcern),
  concerns: z.array(evidenceConcern),
  byPlace: placeTally,
  /** Days of China time (the committee's), yyyy-mm-dd. */
  byDay: tally,
});
export type CommonIssueDetail = z.infer<typeof commonIssueDetail>;

/** Staff name the issue; an empty name gives the engine's title back. */
export const renameBody = z.object({ title: z.union([text(60), z.literal('')]) }).strict();
export const detachBody = z.object({ concernId: id }).strict();
export const splitBody = z.object({ concernIds: z.array(id).min(1).max(500) }).strict();
export const mergeBody = z.object({ otherId: commonIssueId }).strict();
export const rebuildBody = z.object({ committeeId: id }).strict();

/** One answer for every concern of the issue still open; each citizen gets it on their own concern. */
export const answerTogetherBody = z.object({ text: longText(concernLimits.reply) }).strict();
const answeredConcern = z.object({ concernId: z.string(), trackingCode: z.string() });
export const answeredTogether = z.object({
  answered: z.array(answeredConcern),
  /** Left as they were (answered, closed, under review, passed elsewhere), with why. */
  skipped: z.array(answeredConcern.extend({ status: z.string(), code: z.string() })),
});

export const commonIssueActed = z.object({ ok: z.literal(true) });
export const reportDraftStarted = z.object({ reportDraftId: z.string() });
export const rebuildStarted = z.object({ jobId: z.string() });
