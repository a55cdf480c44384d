import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { publicCode } from '../../lib/clock.ts';
import { joinSector } from '../org/for-others.ts';

// What studios read of members: names, the public code on a member's card, and the seat a
// studio page shows beside a member (their highest-level active one).

/** `left join` of persons as `alias` on the id `on` (an SQL expression). */
export const joinPerson = (alias: string, on: string, kind: 'left join' | 'join' = 'left join') =>
  `${kind} persons ${alias} on ${alias}.id = ${on}`;

/** Of the person `person` (an SQL expression): their highest-level active seat's sector or committee name. */
export function topSeatNameSql(person: string, name: 'sector' | 'committee'): string {
  const sector = name === 'sector';
  return `(select ${sector ? 's' : 'c'}.name from memberships m join committees c on c.id = m.committee_id
             ${sector ? joinSector('s', 'm.sector_id') : ''}
           where m.person_id = ${person} and m.status = 'active' order by length(c.path) limit 1)`;
}

/** Whether the person holds an active seat the scope reaches. */
export async function hasActiveSeatIn(q: Queryable, personId: string, scope: Scope) {
  const params: unknown[] = [personId];
  const rows = await q.query(
    `select 1 from memberships m join committees c on c.id = m.committee_id
      where m.person_id = $1 and m.status = 'active' and ${inScope('c.path', scope, params)}`,
    params,
  );
  return rows.length > 0;
}

export async function personNames(q: Queryable, ids: string[]) {
  const rows = await q.query<{ id: string; name: string }>(
    'select id, name from persons where id = any($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A member's public code, made on first need and kept for good (printed codes must live on). */
export async function ensurePersonCode(q: Queryable, personId: string): Promise<string> {
  const [row] = await q.query<{ public_code: string | null }>(
    'select public_code from persons where id = $1',
    [personId],
  );
  if (row?.public_code) return row.public_code;
  const code = publicCode();
  await q.query('update persons set public_code = coalesce(public_code, $2) where id = $1', [personId, code]);
  const [after] = await q.query<{ public_code: string }>('select public_code from persons where id = $1', [
    personId,
  ]);
  return after!.public_code;
}

/** A member with an active seat, by the public code on their card. */
export async function activeMemberByCode(q: Queryable, code: string) {
  const [row] = await q.query<{ id: string; name: string; public_code: string }>(
    `select p.id, p.name, p.public_code from persons p where p.public_code = $1
       and exists (select 1 from memberships m where m.person_id = p.id and m.status = 'active')`,
    [code],
  );
  return row;
}

/** What a member's card shows of their highest-level active seat. */
export async function cardSeat(q: Queryable, personId: string) {
  const [row] = await q.query<{ committee_name: string; sector_name: string | null; work_unit_post: string }>(
    `select c.name as committee_name, s.name as sector_name, m.work_unit_post from memberships m
       join committees c on c.id = m.committee_id ${joinSector('s', 'm.sector_id')}
      where m.person_id = $1 and m.status = 'active' order by length(c.path) limit 1`,
    [personId],
  );
  return row;
}
