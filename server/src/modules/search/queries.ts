import type { SearchKind } from '../../../../contracts/search.ts';
import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { concernCardSql } from '../concerns/for-search.ts';
import { studioStatusSql, studiosOfPersonSql } from '../studios/for-search.ts';
import type { ParsedQuery } from './keys.ts';
import { likeEscape, phraseQuery, wordsQuery } from './keys.ts';

/** Who is searching: staff reach their subtree; a member account only its own inbox. */
export type Reach = {
  scope: Scope;
  /** Set for member accounts: concerns routed to this person or to their studios. */
  memberPersonId: string | null;
  kinds: SearchKind[];
};

export type Candidate = { kind: SearchKind; ref_id: string; rank: number; updated_at: Date };

function visible(reach: Reach, kind: SearchKind, params: unknown[]): string {
  if (kind === 'concern' && reach.memberPersonId) {
    // The same rule as the member inbox (concerns/queries.ts visibleTo), on the indexed copy.
    const me = params.push(reach.memberPersonId);
    return `(d.person_id = $${me} or d.studio_id = any(${studiosOfPersonSql(`$${me}`)}))`;
  }
  return inScope('d.committee_path', reach.scope, params);
}

/**
 * The marks (documents.ts) a match must also carry: its kind, and the region of the scope
 * unless the scope is a whole tree's root (every document has that one: no help, long list).
 */
export function marksOf(kind: SearchKind, reach: Reach, committeePath: string | undefined): string {
  const out = [`'#${kind}'`];
  const paths = [reach.memberPersonId && kind === 'concern' ? '' : reach.scope.path, committeePath ?? ''];
  for (const path of paths)
    if (path.includes('/')) out.push(`'@${path.split('/').pop()!.replace(/\D/g, '')}'`);
  return out.join(' & ');
}

/** The match condition and rank expression of an exact search, for one kind. */
export function exactMatch(
  p: ParsedQuery,
  kind: SearchKind,
  marks: string,
  params: unknown[],
  ranked = true,
) {
  const match: string[] = [];
  const rank: string[] = [];
  let mIdx: number | undefined; // pushed only when used: an unused parameter has no type
  const m = () => (mIdx ??= params.push(marks));
  // A single word is also a phrase of bigrams: the grams match alone finds all it would,
  // except a word of three characters or more, which may also be the short form of a compound
  // (垃圾站 for 垃圾中转站: segment.ts compoundHeads), found only among the words.
  const single =
    p.words.length === 1 &&
    !/^\p{Script=Han}{3,}$/u.test(p.words[0]!) &&
    p.chunks.length === 1 &&
    p.chunks[0]!.join('') !== '' &&
    !p.surname;
  if (p.words.length) {
    if (!single)
      match.push(
        `d.tokens @@ (to_tsquery('simple', $${params.push(wordsQuery(p.words, 'all'))}) && $${m()}::tsquery)`,
      );
    // Ranked by words too: their weights put a name (A) above a body (B). (Not pushed unless
    // used: a parameter no expression names has no type.)
    if (ranked)
      rank.push(`ts_rank(d.tokens, to_tsquery('simple', $${params.push(wordsQuery(p.words, 'any'))}))`);
  }
  if (p.chunks.length) {
    const phrase = params.push(phraseQuery(p.chunks));
    match.push(`d.grams @@ (to_tsquery('simple', $${phrase}) && $${m()}::tsquery)`);
    // Found as written (not only as separate words), and how often: jieba may have cut one
    // of two occurrences differently, the bigrams see both.
    rank.push(`ts_rank(d.grams, to_tsquery('simple', $${phrase}))`);
  }
  if (kind === 'concern' && p.code) {
    // A tracking code, however it was typed (kq7m-z2p9 xa): one word of the document, on top.
    const code = params.push(p.code);
    const cond = `d.tokens @@ (to_tsquery('simple', $${code}) && $${m()}::tsquery)`;
    match.push(cond);
    rank.push(`case when ${cond} then 10 else 0 end`);
  }
  if (kind === 'member' && p.pinyin) {
    const n = params.push(`${likeEscape(p.pinyin)}%`);
    const cond = `(d.name_initials like $${n} or d.name_pinyin like $${n})`;
    match.push(cond);
    rank.push(`case when ${cond} then 1 else 0 end`);
  }
  if (kind === 'member' && p.surname) {
    const n = params.push(`${likeEscape(p.surname)}%`);
    match.push(`d.title like $${n}`);
    rank.push(`case when d.title like $${n} then 1 else 0 end`);
  }
  return { match: match.length ? `(${match.join(' or ')})` : 'false', rank: rank.join(' + ') || '0' };
}

/** Typo path: documents sharing a typo key (sound-alike, or one character off) with the query. */
function similarMatch(p: ParsedQuery, params: unknown[]) {
  const keys = params.push(p.fuzzy);
  return {
    match: `d.fuzzy && $${keys}::text[]`,
    // Sounding alike (~pinyin) counts double: it is the typo an input method makes.
    rank: `(select sum(case when f like '~%' then 2 else 1 end) from unnest(d.fuzzy) f where f = any($${keys}::text[]))`,
  };
}

/**
 * The newest `cap` matches of each kind, with their rank. Ranking a bounded, recent set keeps
 * a search over a million concerns fast for common words; `capped` tells the UI so.
 */
export async function candidates(
  q: Queryable,
  reach: Reach,
  p: ParsedQuery,
  mode: 'exact' | 'similar',
  opts: { kinds: SearchKind[]; committeePath?: string; cap: number },
): Promise<Candidate[]> {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const kind of opts.kinds) {
    const marks = marksOf(kind, reach, opts.committeePath);
    const { match, rank } = mode === 'exact' ? exactMatch(p, kind, marks, params) : similarMatch(p, params);
    const where = [`d.kind = $${params.push(kind)}`, visible(reach, kind, params), match];
    if (opts.committeePath)
      where.push(inScope('d.committee_path', { committeeId: '', path: opts.committeePath }, params));
    // Concerns are the million: the newest matches are ranked. Studios and members are few
    // and rarely share a concern's words; walking them in date order looking for `cap`
    // matches read every one of them, so they are taken straight from the indexes.
    const order = kind === 'concern' ? 'order by d.updated_at desc ' : '';
    // Ranked after the limit: ts_rank reads whole vectors, so only for the rows kept.
    parts.push(`(select d.kind, d.ref_id, (${rank})::float8 as rank, d.updated_at from (
         select d.kind, d.ref_id, d.updated_at, d.tokens, d.grams, d.fuzzy, d.name_initials, d.name_pinyin, d.title
           from search_documents d where ${where.join(' and ')} ${order}limit ${opts.cap + 1}) d)`);
  }
  return q.query<Candidate>(parts.join(' union all '), params);
}

export type HitRow = {
  kind: SearchKind;
  ref_id: string;
  committee_id: string;
  committee_name: string;
  person_id: string | null;
  title: string;
  body: string;
  updated_at: Date;
  /** Read from the owner now, not from the indexed copy: a status moves without a reindex. */
  status: string | null;
  category: string | null;
  tracking_code: string | null;
  submitted_at: Date | null;
};

/** The shown fields of one page of results, with each record's status as it is now. */
export async function hitRows(q: Queryable, keys: { kind: string; ref_id: string }[]): Promise<HitRow[]> {
  if (!keys.length) return [];
  return q.query<HitRow>(
    `select d.kind, d.ref_id, d.committee_id, c.name as committee_name, case when d.kind = 'member' then d.person_id end as person_id,
            d.title, d.body, d.updated_at, coalesce(k.status, st.status) as status, k.category, k.tracking_code, k.submitted_at
       from jsonb_to_recordset($1::jsonb) as x(kind text, ref_id uuid)
       join search_documents d on d.kind = x.kind and d.ref_id = x.ref_id
       join committees c on c.id = d.committee_id
       left join lateral (${concernCardSql('d.ref_id')} and d.kind = 'concern') k on true
       left join lateral (${studioStatusSql('d.ref_id')} and d.kind = 'studio') st on true`,
    [JSON.stringify(keys)],
  );
}
