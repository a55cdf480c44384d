import type { Queryable } from '../../db/db.ts';

// What concerns reads of studios: a concern's studio and who serves in it. SQL fragments are
// for the hot paths (intake in one round trip, inbox lists), composed into concerns' own
// statements so they stay as fast as inline joins.

/** `left join` giving `st.name` for the studio whose id is `on` (e.g. `k.studio_id`). */
export const joinStudioName = (on: string, alias = 'st') =>
  `left join studios ${alias} on ${alias}.id = ${on}`;

/** The studios a person serves in, as one array value (`k.studio_id = any(${…})`). */
export const studiosOfPersonSql = (person: string) =>
  `array(select sm.studio_id from studio_members sm where sm.person_id = ${person})`;

/** An approved studio by public code: `id, committee_id, name` (a WITH part). */
export const approvedStudioByCodeSql = (code: string) =>
  `select id, committee_id, name from studios where public_code = ${code} and status = 'approved'`;

/** Whether `person` serves in `studio` (both SQL expressions, either may be null). */
export const servesInSql = (studio: string, person: string) =>
  `exists (select 1 from studio_members sm where sm.studio_id = ${studio} and sm.person_id = ${person})`;

/** The convenors of `studio` (an SQL expression), as one array of person ids. */
export const convenorsSql = (studio: string) =>
  `array(select sm.person_id from studio_members sm where sm.studio_id = ${studio} and sm.role = 'convenor'
          order by sm.person_id)`;

export async function convenorsOf(q: Queryable, studioId: string): Promise<string[]> {
  const [row] = await q.query<{ ids: string[] }>(`select ${convenorsSql('$1')} as ids`, [studioId]);
  return row?.ids ?? [];
}

export async function isStudioMember(q: Queryable, studioId: string, personId: string) {
  return (
    (
      await q.query('select 1 from studio_members where studio_id = $1 and person_id = $2', [
        studioId,
        personId,
      ])
    ).length > 0
  );
}

export async function studioById(q: Queryable, id: string) {
  const [row] = await q.query<{ id: string; name: string; committee_id: string }>(
    'select id, name, committee_id from studios where id = $1',
    [id],
  );
  return row;
}

export async function studioOfCommittee(q: Queryable, studioId: string, committeeId: string) {
  const [row] = await q.query<{ id: string; name: string }>(
    `select id, name from studios where id = $1 and committee_id = $2 and status = 'approved'`,
    [studioId, committeeId],
  );
  return row;
}
