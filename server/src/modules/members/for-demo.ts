import type { Queryable } from '../../db/db.ts';

// What members offers the demo builder: the active members and standing members who sit on
// one committee only (so a demo studio's member is not also someone else's), in a stable order.

export async function soleSeatMembers(
  q: Queryable,
  committeeId: string,
): Promise<{ personId: string; name: string; sectorId: string | null }[]> {
  return q.query(
    `select m.person_id as "personId", p.name, m.sector_id as "sectorId"
       from memberships m join persons p on p.id = m.person_id
      where m.committee_id = $1 and m.status = 'active' and m.position in ('member', 'standing')
        and not exists (select 1 from memberships x where x.person_id = m.person_id and x.committee_id <> $1)
      order by m.person_id`,
    [committeeId],
  );
}
