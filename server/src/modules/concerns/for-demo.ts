import type { Queryable } from '../../db/db.ts';

// What concerns offers the demo builder: a submitted concern's id from the tracking code the
// citizen was given (the submission answers with the code only, as a citizen sees it).

export async function concernIdOfTracking(q: Queryable, trackingCode: string): Promise<string | undefined> {
  const [row] = await q.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    trackingCode,
  ]);
  return row?.id;
}
