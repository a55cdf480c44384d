import type { Queryable } from '../../db/db.ts';

// What concerns reads of members: the name of the member a concern is routed to, and a member
// by the public code on their card. Fragments for the hot paths, composed into concerns' SQL.

/** `left join` giving `p.name` for the person whose id is `on` (e.g. `k.person_id`). */
export const joinPersonName = (on: string, alias = 'p') =>
  `left join persons ${alias} on ${alias}.id = ${on}`;

/**
 * A member by public code with the committee of their lowest active seat:
 * `person_id, name, committee_id` (a WITH part).
 */
export const memberByCodeSql = (code: string) =>
  `select p.id as person_id, p.name, m.committee_id from persons p
     join memberships m on m.person_id = p.id and m.status = 'active'
     join committees c on c.id = m.committee_id
    where p.public_code = ${code} order by length(c.path) desc limit 1`;

/** The member's name when they hold an active seat in the committee. */
export async function seatedMember(q: Queryable, personId: string, committeeId: string) {
  const [row] = await q.query<{ name: string }>(
    `select p.name from persons p join memberships m on m.person_id = p.id
      where p.id = $1 and m.committee_id = $2 and m.status = 'active'`,
    [personId, committeeId],
  );
  return row;
}

export async function personName(q: Queryable, personId: string) {
  const [row] = await q.query<{ name: string }>('select name from persons where id = $1', [personId]);
  return row?.name;
}
