import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { parseQuery } from './keys.ts';
import { exactMatch, marksOf } from './queries.ts';

// What search offers concerns: the staff list's keyword box finds words of a concern's text
// through the search index, with the same parsing and matching as the search page (words,
// bigram phrases, short forms of compounds), so the two never disagree. The tracking code is
// concerns' own column and its own condition.

/**
 * A subquery of the ids of concerns in `scope` whose indexed text matches `typed`, for the
 * caller to compose into its statement (`k.id = any(array(…))`); null when the text has
 * nothing to look for (punctuation only).
 */
export function concernIdsMatchingSql(typed: string, scope: Scope, params: unknown[]): string | null {
  const p = { ...parseQuery(typed), pinyin: null, surname: null, code: null };
  if (!p.words.length && !p.chunks.length) return null;
  const marks = marksOf('concern', { scope, memberPersonId: null, kinds: ['concern'] }, undefined);
  const { match } = exactMatch(p, 'concern', marks, params, false);
  return `select d.ref_id from search_documents d
           where d.kind = 'concern' and ${inScope('d.committee_path', scope, params)} and ${match}`;
}
