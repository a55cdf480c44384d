import type { Queryable } from '../../db/db.ts';
import { joinStudioName } from '../studios/for-concerns.ts';

// What the common-issues module (and the text engine behind it) may read of concerns: the
// text, place, studio and time, never the citizen. Kept here so concerns' tables have one owner.

export type ConcernForGrouping = {
  id: string;
  committeeId: string;
  studioId: string | null;
  body: string;
  place: string | null;
  submittedAt: Date;
};

const columns = `k.id, k.committee_id as "committeeId", k.studio_id as "studioId", k.body, k.place,
  k.submitted_at as "submittedAt"`;

/** Concerns submitted at or after `since`, oldest first. */
export function concernsSubmittedSince(q: Queryable, since: Date, limit: number) {
  return q.query<ConcernForGrouping>(
    `select ${columns} from concerns k where k.submitted_at >= $1 order by k.submitted_at, k.id limit $2`,
    [since, limit],
  );
}

/** The next page after a concern already read (submitted_at, then id): for paging a backlog. */
export function concernsSubmittedAfter(q: Queryable, after: { at: Date; id: string }, limit: number) {
  return q.query<ConcernForGrouping>(
    `select ${columns} from concerns k where (k.submitted_at, k.id) > ($1, $2::uuid)
      order by k.submitted_at, k.id limit $3`,
    [after.at, after.id, limit],
  );
}

/**
 * Concerns of the given ids, oldest first: grouping reads them in this order, so a rebuild
 * of the same concerns gives the same groups whatever order the rows lie in on disk.
 */
export function concernsByIds(q: Queryable, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([] as ConcernForGrouping[]);
  return q.query<ConcernForGrouping>(
    `select ${columns} from concerns k where k.id = any($1::uuid[]) order by k.submitted_at, k.id`,
    [ids],
  );
}

export type ConcernEvidence = {
  id: string;
  trackingCode: string;
  status: string;
  category: string;
  body: string;
  place: string | null;
  studioId: string | null;
  studioName: string | null;
  committeeName: string;
  submittedAt: Date;
};

/** What a common issue's page shows of each of its concerns. */
export function evidenceOf(q: Queryable, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([] as ConcernEvidence[]);
  return q.query<ConcernEvidence>(
    `select k.id, k.tracking_code as "trackingCode", k.status, k.category, k.body, k.place,
            k.studio_id as "studioId", st.name as "studioName", c.name as "committeeName",
            k.submitted_at as "submittedAt"
       from concerns k
       join committees c on c.id = k.committee_id
       ${joinStudioName('k.studio_id')}
      where k.id = any($1::uuid[])
      order by k.submitted_at, k.id`,
    [ids],
  );
}
