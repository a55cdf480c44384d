import { z } from 'zod';
import { hasControlChars, id, limits } from './common.ts';
import { concernCategories } from './concerns.ts';

// One search box over what staff and members look for. Results carry their highlights as
// segments ({text, hit}), so the UI renders them as text: no HTML travels.

export const searchKinds = ['concern', 'studio', 'member'] as const;
export type SearchKind = (typeof searchKinds)[number];

export const searchLimits = { query: limits.query, pageSize: 50, candidates: 1000 } as const;

export const searchQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(searchLimits.query)
    .refine((s) => !hasControlChars(s), { message: 'control_chars' }),
  kind: z.enum(searchKinds).optional(),
  committeeId: id.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(searchLimits.pageSize).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const highlightSegment = z.object({ text: z.string(), hit: z.boolean() });
export type HighlightSegment = z.infer<typeof highlightSegment>;

export const searchHit = z.object({
  kind: z.enum(searchKinds),
  id: z.uuid(),
  title: z.array(highlightSegment),
  excerpt: z.array(highlightSegment),
  committeeId: z.uuid(),
  committeeName: z.string(),
  /** member: the person (several seats share one person). */
  personId: z.uuid().nullable(),
  /** The record's state now: a concern's or a studio's status; null for a member's seat. */
  status: z.string().nullable(),
  /** concern: its category (the title starts with it) and tracking code. */
  category: z.enum(concernCategories).nullable(),
  trackingCode: z.string().nullable(),
  /** concern: when it was submitted; otherwise when the record last changed. */
  date: z.string(),
  updatedAt: z.string(),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchResult = z.object({
  items: z.array(searchHit),
  /** Matches of the selected kind (all kinds when none is selected), at most `capped`. */
  total: z.number().int(),
  /** Matches by kind, over the same bounded candidate set. */
  counts: z.object({ concern: z.number().int(), studio: z.number().int(), member: z.number().int() }),
  /** True when there were more matches than were ranked: the newest are ranked. */
  capped: z.boolean(),
  /** 'similar': nothing matched exactly, these are spelled alike or sound alike. */
  mode: z.enum(['exact', 'similar']),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SearchResult = z.infer<typeof searchResult>;
