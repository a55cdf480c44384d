import type { SearchHit, SearchKind, SearchQuery, SearchResult } from '../../../../contracts/search.ts';
import { searchKinds, searchLimits } from '../../../../contracts/search.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { can } from '../auth/policy.ts';
import { requireCommittee } from '../org/service.ts';
import type { SearchDocument } from './documents.ts';
import {
  concernDocuments,
  memberDocuments,
  removeDocuments,
  studioDocuments,
  upsertDocuments,
} from './documents.ts';
import { excerpt, highlightAll, similarNeedles } from './highlight.ts';
import { parseQuery } from './keys.ts';
import type { ParsedQuery } from './keys.ts';
import type { Candidate, HitRow, Reach } from './queries.ts';
import { candidates, hitRows } from './queries.ts';

// ---- keeping the index in step: called inside the writer's own transaction, so a change
// and its index entry commit (or roll back) together.

export const indexDocument = (q: Queryable, doc: SearchDocument) => upsertDocuments(q, [doc]);
export const removeDocument = (q: Queryable, kind: SearchKind, refId: string) =>
  removeDocuments(q, kind, [refId]);

/** These concerns as they are now: (re)indexed, or out of the index if they are gone. */
export async function indexConcerns(q: Queryable, concernIds: string[]): Promise<void> {
  if (!concernIds.length) return;
  const docs = await concernDocuments(q, { ids: concernIds });
  await upsertDocuments(q, docs);
  const found = new Set(docs.map((d) => d.refId));
  await removeDocuments(
    q,
    'concern',
    concernIds.filter((id) => !found.has(id)),
  );
}
export const indexConcern = (q: Queryable, concernId: string) => indexConcerns(q, [concernId]);

export async function indexStudio(q: Queryable, studioId: string): Promise<void> {
  const docs = await studioDocuments(q, { ids: [studioId] });
  if (docs.length) await upsertDocuments(q, docs);
  else await removeDocuments(q, 'studio', [studioId]);
}

/** Every active seat of these persons (a rename changes all of them; a retired seat leaves). */
export async function indexPersons(q: Queryable, personIds: string[]): Promise<void> {
  if (!personIds.length) return;
  await q.query(`delete from search_documents where kind = 'member' and person_id = any($1::uuid[])`, [
    personIds,
  ]);
  await upsertDocuments(q, await memberDocuments(q, { personIds }));
}

// ---- searching

/** What this account may find: kinds by role, committees by scope, a member's own inbox. */
export function reachOf(actor: Actor): Reach {
  const kinds = searchKinds.filter((k) =>
    k === 'member' ? can(actor, 'members.read') : k === 'studio' ? can(actor, 'studios.read') : true,
  );
  return {
    scope: actor.scope,
    memberPersonId:
      actor.role === 'member' ? (actor.personId ?? '00000000-0000-0000-0000-000000000000') : null,
    kinds,
  };
}

const byRank = (a: Candidate, b: Candidate) =>
  b.rank - a.rank ||
  new Date(b.updated_at).getTime() - new Date(a.updated_at).getTime() ||
  a.ref_id.localeCompare(b.ref_id);

/** What to mark in a result: the query as typed, its words, or where it is spelled/sounds alike. */
function needlesOf(p: ParsedQuery, mode: 'exact' | 'similar', row: HitRow): string[] {
  if (mode === 'similar') return similarNeedles(`${row.title} ${row.body}`, p.text);
  const parts = p.text.split(' ').filter(Boolean);
  const words = p.words.filter((w) => [...w].length > 1 || p.surname);
  const needles = [...parts, ...words];
  if (row.kind === 'member' && p.pinyin) needles.push(row.title);
  return needles;
}

function toHit(p: ParsedQuery, mode: 'exact' | 'similar', row: HitRow): SearchHit {
  const needles = needlesOf(p, mode, row);
  // A concern's title is the beginning of its text: the excerpt goes on from there rather than
  // saying it twice, unless the match is further on.
  const after = row.kind === 'concern' && row.title.endsWith('…') ? [...row.title].length - 1 : 0;
  const concern = row.kind === 'concern';
  return {
    kind: row.kind,
    id: row.ref_id,
    title: highlightAll(row.title, needles),
    excerpt: concern && !after ? [] : excerpt(row.body, needles, 100, 20, after),
    committeeId: row.committee_id,
    committeeName: row.committee_name,
    personId: row.person_id,
    status: row.status,
    category: concern && row.category ? (row.category as SearchHit['category']) : null,
    trackingCode: row.tracking_code,
    date: new Date(row.submitted_at ?? row.updated_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function search(deps: Deps, actor: Actor, f: SearchQuery): Promise<SearchResult> {
  const p = parseQuery(f.q);
  if (!p.words.length && !p.chunks.length && !p.pinyin)
    throw new AppError('search.no_terms', { fields: [{ field: 'querystring.q', problem: 'invalid' }] });
  const committee = f.committeeId ? await requireCommittee(deps, actor, f.committeeId) : undefined;
  const reach = reachOf(actor);
  const cap = searchLimits.candidates;
  const opts = { kinds: reach.kinds, committeePath: committee?.path, cap };
  let mode: 'exact' | 'similar' = 'exact';
  let found = await candidates(deps.db, reach, p, 'exact', opts);
  if (!found.length && p.fuzzy.length) {
    // 'similar' only when there is something similar: nothing at all is simply nothing.
    const alike = await candidates(deps.db, reach, p, 'similar', opts);
    if (alike.length) [mode, found] = ['similar', alike];
  }
  const counts = { concern: 0, studio: 0, member: 0 };
  for (const c of found) counts[c.kind]++;
  const capped = Object.values(counts).some((n) => n > cap);
  for (const k of searchKinds) counts[k] = Math.min(counts[k], cap);
  const ranked = found.filter((c) => !f.kind || c.kind === f.kind).sort(byRank);
  const total = f.kind ? counts[f.kind] : counts.concern + counts.studio + counts.member;
  const page = ranked.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  const rows = new Map((await hitRows(deps.db, page)).map((r) => [`${r.kind}/${r.ref_id}`, r]));
  const items = page.flatMap((c) => {
    const row = rows.get(`${c.kind}/${c.ref_id}`);
    return row ? [toHit(p, mode, row)] : [];
  });
  return { items, total, counts, capped, mode, page: f.page, pageSize: f.pageSize };
}
