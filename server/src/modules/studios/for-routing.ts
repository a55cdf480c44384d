import type { Queryable } from '../../db/db.ts';

// What routing reads of studios: the approved studios it may suggest and who serves in them.

export type StudioCandidate = {
  id: string;
  name: string;
  committee_id: string;
  sector_id: string | null;
  address: string | null;
  services: string | null;
};

/** Approved studios of these committees, plus the one of `alsoId` wherever it is. */
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

/** The committee of an approved studio. */
export async function approvedStudioCommittee(q: Queryable, studioId: string) {
  const [row] = await q.query<{ committee_id: string }>(
    `select committee_id from studios where id = $1 and status = 'approved'`,
    [studioId],
  );
  return row?.committee_id;
}
