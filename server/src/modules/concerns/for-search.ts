import type { Queryable } from '../../db/db.ts';
import { keysetWhere } from '../../db/keyset.ts';
import type { Keyset } from '../../db/keyset.ts';

// What the search index copies of concerns: the text, place and category with the keys that
// decide who may find it. Never the citizen's phone or name.

export type ConcernForSearch = {
  id: string;
  tracking_code: string;
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
    `select k.id, k.tracking_code, k.committee_id, k.person_id, k.studio_id, k.category, k.body, k.place, k.updated_at
       from concerns k${keysetWhere(f, 'k.id', params)}`,
    params,
  );
}

/** A subquery with a row while the concern `ref` (an SQL expression) exists. */
export const concernLiveSql = (ref: string) => `select 1 from concerns k where k.id = ${ref}`;
/** A subquery with a row when there is any concern at all. */
export const anyConcernSql = 'select 1 from concerns';

/**
 * What a search result shows of a concern as it is now (its status moves; the indexed copy
 * is only its text): one row of status, category, tracking code and submission time for the
 * concern `ref` (an SQL expression), for a lateral join over one page of results.
 */
export const concernCardSql = (ref: string) =>
  `select k.status, k.category, k.tracking_code, k.submitted_at from concerns k where k.id = ${ref}`;
