// Learned sector scores in the shape the rule-based router (routing/suggest.ts) takes as a hook:
// text → Map<sector, {score, reasons}>. Reasons are what staff see next to a suggestion:
// "关键词: 路灯, 照明" from the model, and "类似问题 12 件由经济界委员办理" from the common issue
// the concern falls into, when the caller gives the grouping index and who handled its members.
import type { GroupIndex } from './grouping.ts';
import type { RoutingInput, RoutingModel } from './routing-model.ts';

export interface SectorScore {
  score: number;
  reasons: string[];
}

export interface SimilarHandled {
  groupId: string;
  /** Concerns of the group handled by each sector. */
  bySector: Map<string, number>;
}

/** The group a text would join and, among its members, how many each sector handled. */
export function similarHandled(
  index: GroupIndex,
  input: RoutingInput,
  sectorOf: (concernId: string) => string | undefined,
): SimilarHandled | undefined {
  const best = index.bestGroup(index.vectorOf({ id: '', ...input }, false));
  if (!best || best[1] < index.options.threshold) return undefined;
  const bySector = new Map<string, number>();
  for (const m of best[0].members) {
    const sector = sectorOf(m);
    if (sector) bySector.set(sector, (bySector.get(sector) ?? 0) + 1);
  }
  return { groupId: best[0].id, bySector };
}

/** 经济界 → 经济界委员; 中国民主同盟 → 中国民主同盟界别委员. */
function membersOf(sector: string): string {
  return sector.endsWith('界') ? `${sector}委员` : `${sector}界别委员`;
}

export interface SectorScorerOptions {
  /** Suggestions considered (the rest score 0 and are left out). */
  k?: number;
  index?: GroupIndex;
  sectorOf?: (concernId: string) => string | undefined;
}

export function sectorScorer(
  model: RoutingModel,
  options: SectorScorerOptions = {},
): (text: string, context?: { place?: string; studio?: string }) => Map<string, SectorScore> {
  const k = options.k ?? 5;
  return (text, context = {}) => {
    const input: RoutingInput = { text, place: context.place, studio: context.studio };
    const out = new Map<string, SectorScore>();
    for (const s of model.predict(input, k)) {
      out.set(s.sector, {
        score: s.score,
        reasons: s.keywords.length ? [`关键词: ${s.keywords.join(', ')}`] : [],
      });
    }
    const similar =
      options.index && options.sectorOf ? similarHandled(options.index, input, options.sectorOf) : undefined;
    for (const [sector, n] of similar?.bySector ?? []) {
      const entry = out.get(sector) ?? { score: 0, reasons: [] };
      entry.reasons.push(`类似问题 ${n} 件由${membersOf(sector)}办理`);
      out.set(sector, entry);
    }
    return out;
  };
}
