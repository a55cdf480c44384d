import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import { openLoadSql } from '../concerns/for-routing.ts';
import { memberCandidateRows } from '../members/for-routing.ts';

// What the routing rules look at: committees, and what studios, members, org and concerns
// publish for routing (their for-routing.ts and org/for-others.ts).

export { sectorsOf as sectorsFor } from '../org/for-others.ts';

export type CommitteePlace = { id: string; name: string; region_name: string; path: string };

/** The committee and every committee below it (a county has one; a city its counties). */
export async function committeesUnder(q: Queryable, committeeId: string) {
  const [c] = await q.query<{ path: string }>('select path from committees where id = $1', [committeeId]);
  if (!c) return [];
  const params: unknown[] = [];
  return q.query<CommitteePlace>(
    `select id, name, region_name, path from committees c where ${inScope('c.path', { committeeId, path: c.path }, params)}`,
    params,
  );
}

export type { StudioCandidate } from '../studios/for-routing.ts';
export { approvedStudios, studioMembersOf } from '../studios/for-routing.ts';

export type MemberCandidate = { id: string; name: string; sector_id: string | null; load: number };
type Candidate = MemberCandidate & { name_pinyin: string };

/** Who may be suggested (members' read), with their load: open concerns routed to them. */
export async function memberCandidates(
  q: Queryable,
  committeeId: string,
  sectorIds: string[] | 'all',
  personIds: string[],
  limit: number | null = 40,
): Promise<Candidate[]> {
  return memberCandidateRows(q, { committeeId, sectorIds, personIds, limit }, openLoadSql);
}

/**
 * The same choice as memberCandidates, made in memory from a committee's members and the
 * given persons read earlier (routing keeps both for a while): the persons first, then the
 * sectors' members, least loaded first.
 */
export function pickCandidates(
  members: Candidate[],
  persons: Candidate[],
  sectorIds: string[],
  limit = 40,
): MemberCandidate[] {
  const given = new Set(persons.map((p) => p.id));
  const inSectors = members.filter((m) => !given.has(m.id) && m.sector_id && sectorIds.includes(m.sector_id));
  const order = (a: Candidate, b: Candidate) =>
    a.load - b.load || (a.name_pinyin < b.name_pinyin ? -1 : a.name_pinyin > b.name_pinyin ? 1 : 0);
  return [...[...persons].sort(order), ...inSectors.sort(order)]
    .slice(0, limit)
    .map(({ name_pinyin: _, ...c }) => c);
}
