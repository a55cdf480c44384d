import { openStatuses } from '../../../../contracts/concern-workflow.ts';
import type { Queryable } from '../../db/db.ts';

// What routing reads and writes of concerns: a member's load, the suggestion stored at intake,
// the sector a routing chose, and the texts its learned model trains on. It imports nothing of
// concerns' folder, so routing depending on it never closes a circle through concerns' imports.

const openStatusesSql = `(${openStatuses.map((s) => `'${s}'`).join(', ')})`;

/** How many open concerns are routed to `person` (an SQL expression), as an int scalar. */
export const openLoadSql = (person: string) =>
  `(select count(*) from concerns k where k.person_id = ${person} and k.status in ${openStatusesSql})::int`;

/** `join` of the concern `on` (an SQL expression) as `k`, unless its text was erased. */
export const joinUnerasedConcern = (on: string) => `join concerns k on k.id = ${on} and k.erased_at is null`;

export async function storedRoutingOf<T>(q: Queryable, id: string): Promise<T | null> {
  const [row] = await q.query<{ routing: T | null }>('select routing from concerns where id = $1', [id]);
  return row?.routing ?? null;
}

export async function setConcernSector(q: Queryable, id: string, sectorId: string | null) {
  await q.query('update concerns set sector_id = $2 where id = $1', [id, sectorId]);
}
