import type { Queryable } from '../../db/db.ts';
import { keysetWhere } from '../../db/keyset.ts';
import type { Keyset } from '../../db/keyset.ts';

// What the search index copies of concerns: the text, place and category with the keys that
// decide who may find it. Never the citizen's phone or name.

export type ConcernForSearch = {
  id: string;
  committee_id: string;
  person_id: string | null;
  studio_id: string | null;
  category: string;
  body: string;
  place: string | null;
  updated_at: Date;
};

export function concernsForSearch(q: Queryable, f: Keyset) {
  const params: unknown[] = [];
  return q.query<ConcernForSearch>(
    `select k.id, k.committee_id, k.person_id, k.studio_id, k.category, k.body, k.place, k.updated_at
       from concerns k${keysetWhere(f, 'k.id', params)}`,
    params,
  );
}

/** A subquery with a row while the concern `ref` (an SQL expression) exists. */
export const concernLiveSql = (ref: string) => `select 1 from concerns k where k.id = ${ref}`;
/** A subquery with a row when there is any concern at all. */
export const anyConcernSql = 'select 1 from concerns';
