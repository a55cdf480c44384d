import type { Group, GroupIndex } from '../text/grouping.ts';
import { summarize } from '../text/summary.ts';

/** What is stored of a group: the engine's title, key terms and most typical concerns. */
export function describe(index: GroupIndex, g: Group) {
  const s = summarize(index, g.id);
  return { title: s.title, keyTerms: s.keyTerms, representativeIds: s.representatives.map((r) => r.id) };
}
