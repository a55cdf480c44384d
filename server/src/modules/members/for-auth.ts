import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';

// What auth reads of members: whether a person holds a seat in a committee's subtree (a
// member account is only made for such a person).

export async function hasSeatIn(q: Queryable, personId: string, scope: Scope) {
  const params: unknown[] = [personId];
  const rows = await q.query(
    `select 1 from memberships m join committees c on c.id = m.committee_id
      where m.person_id = $1 and ${inScope('c.path', scope, params)}`,
    params,
  );
  return rows.length > 0;
}

export type MemberForAccount = {
  person_id: string;
  name: string;
  committee_id: string;
  committee_name: string;
  committee_path: string;
  phone_enc: string | null;
};

/**
 * Active members to make accounts for: the given memberships, or every active one of a
 * committee, inside the caller's scope; one row per person (the first seat given, else the
 * committee's), in roster order.
 */
export async function membersForAccounts(
  q: Queryable,
  scope: Scope,
  pick: { membershipIds: string[] } | { committeeId: string },
): Promise<MemberForAccount[]> {
  const params: unknown[] = ['membershipIds' in pick ? pick.membershipIds : pick.committeeId];
  const which = 'membershipIds' in pick ? 'm.id = any($1::uuid[])' : 'm.committee_id = $1';
  return q.query<MemberForAccount>(
    `select distinct on (p.name_pinyin, p.id) p.id as person_id, p.name, c.id as committee_id,
            c.name as committee_name, c.path as committee_path, p.phone_enc
       from memberships m join persons p on p.id = m.person_id join committees c on c.id = m.committee_id
      where ${which} and m.status = 'active' and ${inScope('c.path', scope, params)}
      order by p.name_pinyin, p.id, c.path`,
    params,
  );
}
