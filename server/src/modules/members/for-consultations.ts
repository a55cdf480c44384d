import type { Queryable } from '../../db/db.ts';

// What consultations reads of members: a person's name (host, participant, proposer) and
// whether the caller's scope holds one of their seats (joinPerson, hasActiveSeatIn and
// personNames are those studios read too, published in for-studios.ts).
export { hasActiveSeatIn, joinPerson, personNames } from './for-studios.ts';

/** The person's name, or undefined when there is no such person. */
export async function personNameOf(q: Queryable, personId: string) {
  const [row] = await q.query<{ name: string }>('select name from persons where id = $1', [personId]);
  return row?.name;
}
