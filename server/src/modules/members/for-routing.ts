import type { Queryable } from '../../db/db.ts';

// What routing reads of members: who may be suggested for a concern (on every submission,
// so one statement, with the load expression routing composes in).

export type MemberCandidateRow = {
  id: string;
  name: string;
  name_pinyin: string;
  sector_id: string | null;
  load: number;
};

/**
 * Active members of the committee (all, or those in the given sectors), plus the given
 * persons wherever they sit, with `load(personId)` (an SQL expression over `p.id`); the given
 * persons first, then least loaded. The candidates are one set of ids looked up by key:
 * `p.id = any(…) or p.id in (…)` made the planner scan every person on each submission (up to
 * 155 ms with 1,000,000 concerns on a busy machine).
 */
export async function memberCandidateRows(
  q: Queryable,
  p: { committeeId: string; sectorIds: string[] | 'all'; personIds: string[]; limit: number | null },
  load: (person: string) => string,
) {
  return q.query<MemberCandidateRow>(
    `select p.id, p.name, p.name_pinyin, m.sector_id, ${load('p.id')} as load
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
    [p.committeeId, p.sectorIds === 'all' ? null : p.sectorIds, p.personIds, p.limit],
  );
}
