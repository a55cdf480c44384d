// A common issue as staff see it: a title, its key terms, its concerns, counts by place and by
// day (the trend chart), the one or two most representative texts, and whether staff confirmed it.
import type { GroupIndex } from './grouping.ts';
import { keyTermsOf } from './key-terms.ts';
import { placeParts } from './places.ts';
import { normalize } from './segment.ts';
import { keyWords } from './vocabulary.ts';

export interface CommonIssue {
  id: string;
  title: string;
  keyTerms: string[];
  members: string[];
  size: number;
  representatives: { id: string; text: string }[];
  byPlace: Record<string, number>;
  byDay: Record<string, number>;
  studios: number;
  confirmed: boolean;
}

/** The narrowest named part of a place ('衡水市桃城区锦绣华府7号楼' → '锦绣华府'). */
function placeLabel(place: string | undefined): string {
  if (!place) return '未注明';
  return placeParts(normalize(place)).at(-1) ?? '未注明';
}

/** First sentence of a text, at most `max` characters. */
function headline(text: string, max = 30): string {
  const first =
    text
      .trim()
      .split(/[。！？!?\n]/u)[0]
      ?.trim() || text.trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

export function summarize(index: GroupIndex, groupId: string): CommonIssue {
  const g = index.groups.get(groupId);
  if (!g) throw new Error(`text.group_not_found: ${groupId}`);
  const keyTerms = keyTermsOf(
    keyWords(g.centroid.vector(1 / Math.sqrt(g.norm2 || 1)), index.vocabulary, 15),
    5,
  );
  const byPlace: Record<string, number> = {};
  const byDay: Record<string, number> = {};
  const studios = new Set<string>();
  for (const m of g.members) {
    const c = index.concerns.get(m);
    if (!c) continue;
    const place = placeLabel(c.place);
    byPlace[place] = (byPlace[place] ?? 0) + 1;
    if (c.at) byDay[c.at.slice(0, 10)] = (byDay[c.at.slice(0, 10)] ?? 0) + 1;
    if (c.studio) studios.add(c.studio);
  }
  const representatives = g.representatives.map(([id]) => ({ id, text: index.concerns.get(id)?.text ?? '' }));
  const title = representatives[0] ? headline(representatives[0].text) : keyTerms.join('、');
  return {
    id: g.id,
    title,
    keyTerms,
    members: [...g.members],
    size: g.members.length,
    representatives,
    byPlace,
    byDay,
    studios: studios.size,
    confirmed: index.constraints.confirmed.has(g.id),
  };
}
