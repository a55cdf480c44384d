import { z } from 'zod';
import { concernCategories } from './concerns.ts';
import { id, isoDateTime, limits, optionalLongText, text } from './common.ts';

// Routing suggestions (精准对接): which studio, sector and members suit a concern, each with
// the reasons a person can check. The tables behind them are committee settings.

export const routingReasonKinds = [
  'category',
  'keyword',
  'place',
  'source',
  'studio',
  'sector',
  'on_duty',
  'load',
  'learned',
] as const;
/**
 * What a reason says, as data the console words in its own language (routing.why.<code>):
 * the names and numbers travel, the sentence does not. `detail` keeps the Chinese wording
 * for readers without the code (suggestions stored before it, free text a model gave).
 */
export const routingWhyCodes = [
  'category_sector',
  'keyword',
  'place_region',
  'studio_qr',
  'sector_studio',
  'address',
  'services_keyword',
  'member_named',
  'sector',
  'studio',
  'open_count',
  'learned_examples',
] as const;
export const routingWhy = z.object({
  code: z.enum(routingWhyCodes),
  args: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export const routingReason = z.object({
  kind: z.enum(routingReasonKinds),
  detail: z.string().optional(),
  why: routingWhy.optional(),
});
export type RoutingReason = z.infer<typeof routingReason>;

export const scored = z.object({
  id: id.optional(),
  name: z.string(),
  score: z.number(),
  reasons: z.array(routingReason),
});
export type Scored = z.infer<typeof scored>;
export const routingSuggestion = z.object({
  sectors: z.array(scored),
  studios: z.array(scored),
  members: z.array(scored),
  /**
   * True when no sector is suggested with confidence (nothing speaks for one, or the first two
   * are about equal): the sectors are still ranked, but staff see "no confident suggestion".
   * Absent in answers stored before it existed.
   */
  sectorAbstained: z.boolean().optional(),
});
export type RoutingSuggestion = z.infer<typeof routingSuggestion>;

const sectorName = text(limits.name);
export const routingRules = z.strictObject({
  /** Category → sector names, best first. */
  categorySectors: z.partialRecord(z.enum(concernCategories), z.array(sectorName).max(10)),
  /** A keyword in the text points to a sector. */
  keywords: z.array(z.strictObject({ keyword: text(20), sector: sectorName })).max(1000),
});
export type RoutingRules = z.infer<typeof routingRules>;

export const routingRulesQuery = z.strictObject({ committeeId: id.optional() });
export const routingRulesBody = z.strictObject({ committeeId: id, rules: routingRules });
export const routingRulesView = z.object({
  committeeId: id,
  /** Where the rules in force come from: this committee, an ancestor, or the default (null). */
  sourceCommitteeId: id.nullable(),
  isDefault: z.boolean(),
  rules: routingRules,
  updatedAt: isoDateTime.nullable(),
});

export const routingDecision = z.object({
  id,
  accepted: z.boolean(),
  chosen: z.object({
    committeeId: id,
    studioId: id.nullable(),
    sectorId: id.nullable(),
    personIds: z.array(id),
  }),
  accountId: id,
  at: isoDateTime,
});
export const concernRouting = z.object({
  concernId: id,
  suggestion: routingSuggestion,
  decisions: z.array(routingDecision),
});

/** Accept the suggestion as it is, or choose (any of it may differ from the suggestion). */
export const routeBody = z.union([
  z.strictObject({ accept: z.literal(true), reason: optionalLongText(limits.reason) }),
  z.strictObject({
    committeeId: id.optional(),
    studioId: id.nullable().optional(),
    sectorId: id.nullable().optional(),
    personIds: z.array(id).max(3).default([]),
    reason: optionalLongText(limits.reason),
  }),
]);
export type RouteBody = z.infer<typeof routeBody>;
