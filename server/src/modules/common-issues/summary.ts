import type { Group, GroupIndex } from '../text/grouping.ts';
import { keyWords } from '../text/vocabulary.ts';

// What a person sees of a group: a title in the citizens' own words (the first clause of its
// most typical concern) and the heaviest words of its centroid.

const clauseEnd = /[，。！？!?,;；\n]/u;
const maxTitle = 28;

export function titleFrom(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const clauses = clean.split(clauseEnd).map((c) => c.trim());
  const first = clauses.find((c) => [...c].length >= 6) ?? clean;
  const chars = [...first];
  return chars.length > maxTitle ? `${chars.slice(0, maxTitle).join('')}…` : first;
}

export function keyTermsOf(index: GroupIndex, g: Group, n = 6): string[] {
  const ids = [...g.centroid.keys()];
  return keyWords({ ids, weights: ids.map((id) => g.centroid.get(id) ?? 0) }, index.vocabulary, n);
}

export function describe(index: GroupIndex, g: Group) {
  const representativeIds = g.representatives.map(([id]) => id);
  const typical = index.concerns.get(representativeIds[0] ?? g.members[0] ?? '');
  return {
    title: titleFrom(typical?.text ?? ''),
    keyTerms: keyTermsOf(index, g),
    representativeIds,
  };
}
