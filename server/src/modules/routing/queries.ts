import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import { openStatusesSql } from '../concerns/queries.ts';

// What the routing rules look at. Like queries.ts, these read studios, persons and
// memberships directly: joins on keys for a suggestion, not those modules' domain rules.

export async function sectorsFor(q: Queryable, committeeId: string) {
  return q.query<{ id: string; name: string }>(
    `select id, name from sectors where (committee_id is null or committee_id = $1) and retired_at is null`,
    [committeeId],
  );
}

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

export type StudioCandidate = {
  id: string;
  name: string;
  committee_id: string;
  sector_id: string | null;
  address: string | null;
  services: string | null;
};

export async function approvedStudios(q: Queryable, committeeIds: string[], alsoId: string | null) {
  return q.query<StudioCandidate>(
    `select id, name, committee_id, sector_id, address, services from studios
      where status = 'approved' and (committee_id = any($1::uuid[]) or id = $2)
      order by name limit 200`,
    [committeeIds, alsoId],
  );
}

export async function studioMembersOf(q: Queryable, studioIds: string[]) {
  return q.query<{ studio_id: string; person_id: string }>(
    'select studio_id, person_id from studio_members where studio_id = any($1::uuid[])',
    [studioIds],
  );
}

export type MemberCandidate = { id: string; name: string; sector_id: string | null; load: number };
type Candidate = MemberCandidate & { name_pinyin: string };

/**
 * Active members of the committee (all, or those in the given sectors), plus the given
 * persons wherever they sit; with their load (open concerns routed to them). The candidates
 * are one set of ids looked up by key: `p.id = any(…) or p.id in (…)` made the planner scan
 * every person on each submission (up to 155 ms with 1,000,000 concerns on a busy machine).
 */
export async function memberCandidates(
  q: Queryable,
  committeeId: string,
  sectorIds: string[] | 'all',
  personIds: string[],
  limit: number | null = 40,
) {
  return q.query<Candidate>(
    `select p.id, p.name, p.name_pinyin, m.sector_id,
            (select count(*) from concerns k where k.person_id = p.id and k.status in ${openStatusesSql})::int as load
       from persons p
       join lateral (select sector_id from memberships m
                      where m.person_id = p.id and m.status = 'active'
                      order by (m.committee_id = $1) desc limit 1) m on true
      where p.id in (select unnest($3::uuid[])
                     union
                     select person_id from memberships
                      where committee_id = $1 and status = 'active'
                        and ($2::uuid[] is null or sector_id = any($2::uuid[])))
      order by (p.id = any($3::uuid[])) desc, load, p.name_pinyin limit $4`,
    [committeeId, sectorIds === 'all' ? null : sectorIds, personIds, limit],
  );
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
