import type { Queryable } from '../../db/db.ts';
import { keysetWhere } from '../../db/keyset.ts';
import type { Keyset } from '../../db/keyset.ts';
import { joinSector, joinSpecialCommittee } from '../org/for-others.ts';

// What the search index copies of members: one row per active seat (the grid lists seats),
// with the name and its pinyin. Never a phone.

export type SeatForSearch = {
  id: string;
  committee_id: string;
  person_id: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  work_unit_post: string;
  sector_name: string | null;
  special_name: string | null;
  updated_at: Date;
};

/** Active seats, by seat id batch and/or of these persons. */
export function seatsForSearch(q: Queryable, f: Keyset & { personIds?: string[] }) {
  const params: unknown[] = [];
  const byPerson = f.personIds ? ` and m.person_id = any($${params.push(f.personIds)}::uuid[])` : '';
  const rest = keysetWhere(f, 'm.id', params).replace(/^ where /, ' and ');
  return q.query<SeatForSearch>(
    `select m.id, m.committee_id, m.person_id, p.name, p.name_pinyin, p.name_initials, m.work_unit_post,
            s.name as sector_name, sc.name as special_name, greatest(m.updated_at, p.updated_at) as updated_at
       from memberships m join persons p on p.id = m.person_id
       ${joinSector('s', 'm.sector_id')}
       ${joinSpecialCommittee('sc', 'm.special_committee_id')}
      where m.status = 'active'${byPerson}${rest}`,
    params,
  );
}

/** A subquery with a row while the seat `ref` (an SQL expression) is active. */
export const seatLiveSql = (ref: string) =>
  `select 1 from memberships m where m.id = ${ref} and m.status = 'active'`;
/** A subquery with a row when there is any seat at all. */
export const anySeatSql = 'select 1 from memberships';
