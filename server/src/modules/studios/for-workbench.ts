import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { occurrencesOf } from './service.ts';

// What studios offers the workbench: studios by status per committee (the counts the studio
// list shows for the same filter), a member's studios, and their own duty slots.

/**
 * Studios in the scope with this status, per committee: their sum is what the studio list shows
 * for `status` alone, one committee's count what it shows for `committeeId` and `status`.
 */
export async function studiosPerCommittee(q: Queryable, scope: Scope, status: string) {
  const params: unknown[] = [status];
  const rows = await q.query<{ committee_id: string; n: number }>(
    `select st.committee_id, count(*)::int as n from studios st join committees c on c.id = st.committee_id
      where st.status = $1 and ${inScope('c.path', scope, params)} group by st.committee_id`,
    params,
  );
  return new Map(rows.map((r) => [r.committee_id, r.n]));
}

/** The approved studios a person serves in, by name. */
export function studiosOfMember(q: Queryable, personId: string) {
  return q.query<{ id: string; name: string }>(
    `select st.id, st.name from studio_members sm join studios st on st.id = sm.studio_id
      where sm.person_id = $1 and st.status = 'approved' order by st.name, st.id`,
    [personId],
  );
}

/** A person's own duty occurrences (reception days) in their approved studios, local dates from..to. */
export async function dutyOfMember(deps: Deps, personId: string, from: string, to: string) {
  const studios = await studiosOfMember(deps.db, personId);
  if (!studios.length) return [];
  const names = new Map(studios.map((s) => [s.id, s.name]));
  const r = await occurrencesOf(
    deps,
    studios.map((s) => s.id),
    from,
    to,
  );
  return r.occurrences
    .filter((o) => o.people.some((p) => p.personId === personId))
    .map((o) => ({
      studioId: o.studioId,
      studioName: names.get(o.studioId) ?? '',
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      note: o.note,
    }));
}
