import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { joinPerson } from '../members/for-studios.ts';

// What consultations reads of studios: a studio in the caller's scope (micro-consultations
// are a studio's), its members (invited together), and whether a person convenes it.

/** `left join` giving `st.name` for the studio whose id is `on`. */
export const joinStudio = (alias: string, on: string) => `left join studios ${alias} on ${alias}.id = ${on}`;

export async function studioInScope(q: Queryable, scope: Scope, studioId: string) {
  const params: unknown[] = [studioId];
  const [row] = await q.query<{ id: string; name: string; committee_id: string }>(
    `select st.id, st.name, st.committee_id from studios st join committees c on c.id = st.committee_id
      where st.id = $1 and ${inScope('c.path', scope, params)}`,
    params,
  );
  return row;
}

/** The studio's members with their names, convenors first. */
export function studioPeople(q: Queryable, studioId: string) {
  return q.query<{ person_id: string; name: string; role: 'convenor' | 'member' }>(
    `select sm.person_id, p.name, sm.role from studio_members sm ${joinPerson('p', 'sm.person_id', 'join')}
      where sm.studio_id = $1 order by sm.role, p.name_pinyin`,
    [studioId],
  );
}

/** The studios the person convenes. */
export async function studiosConvenedBy(q: Queryable, personId: string): Promise<string[]> {
  const rows = await q.query<{ studio_id: string }>(
    `select studio_id from studio_members where person_id = $1 and role = 'convenor'`,
    [personId],
  );
  return rows.map((r) => r.studio_id);
}
