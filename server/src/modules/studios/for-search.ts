import type { Queryable } from '../../db/db.ts';
import { keysetWhere } from '../../db/keyset.ts';
import type { Keyset } from '../../db/keyset.ts';
import { joinSector } from '../org/for-others.ts';

// What the search index copies of studios, and who serves in them (a member finds the
// concerns of their studios, as in their inbox).

export { studiosOfPersonSql } from './for-concerns.ts';

export type StudioForSearch = {
  id: string;
  committee_id: string;
  name: string;
  address: string | null;
  intro: string | null;
  services: string | null;
  sector_name: string | null;
  updated_at: Date;
};

export function studiosForSearch(q: Queryable, f: Keyset) {
  const params: unknown[] = [];
  return q.query<StudioForSearch>(
    `select st.id, st.committee_id, st.name, st.address, st.intro, st.services,
            s.name as sector_name, st.updated_at
       from studios st ${joinSector('s', 'st.sector_id')}${keysetWhere(f, 'st.id', params)}`,
    params,
  );
}

/** A subquery with a row while the studio `ref` (an SQL expression) exists. */
export const studioLiveSql = (ref: string) => `select 1 from studios s where s.id = ${ref}`;
/** A subquery with a row when there is any studio at all. */
export const anyStudioSql = 'select 1 from studios';
/** A studio's status now (draft … approved), for one page of search results. */
export const studioStatusSql = (ref: string) => `select st.status from studios st where st.id = ${ref}`;
