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
