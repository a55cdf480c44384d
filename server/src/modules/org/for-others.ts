import type { Queryable } from '../../db/db.ts';

// What other modules read of org's sectors (界别) and special committees: their names next to
// a seat, studio or concern, and which ones a committee may use. Join fragments keep the
// callers' statements as they were (one statement, sorted by the sector's own order).

/** `left join` (or `join`) of sectors as `alias` on the id `on` (an SQL expression). */
export const joinSector = (alias: string, on: string, kind: 'left join' | 'join' = 'left join') =>
  `${kind} sectors ${alias} on ${alias}.id = ${on}`;

/** `left join` of special committees as `alias` on the id `on`. */
export const joinSpecialCommittee = (alias: string, on: string) =>
  `left join special_committees ${alias} on ${alias}.id = ${on}`;

/** The sectors a committee's seats may name: its own and the national ones, not retired. */
export function sectorsOf(q: Queryable, committeeId: string) {
  return q.query<{ id: string; name: string }>(
    'select id, name from sectors where (committee_id is null or committee_id = $1) and retired_at is null',
    [committeeId],
  );
}

/** The committee's special committees, not retired. */
export function specialCommitteesOf(q: Queryable, committeeId: string) {
  return q.query<{ id: string; name: string }>(
    'select id, name from special_committees where committee_id = $1 and retired_at is null',
    [committeeId],
  );
}

/** Whether a seat of the committee may name this sector. */
export async function sectorUsable(q: Queryable, sectorId: string, committeeId: string) {
  const rows = await q.query(
    'select 1 from sectors where id = $1 and (committee_id is null or committee_id = $2) and retired_at is null',
    [sectorId, committeeId],
  );
  return rows.length > 0;
}

/** Whether a seat of the committee may name this special committee. */
export async function specialCommitteeUsable(q: Queryable, specialId: string, committeeId: string) {
  const rows = await q.query(
    'select 1 from special_committees where id = $1 and committee_id = $2 and retired_at is null',
    [specialId, committeeId],
  );
  return rows.length > 0;
}

/** `left join` of departments as `alias` on the id `on`: a department's name next to an account or concern. */
export const joinDepartment = (alias: string, on: string) =>
  `left join departments ${alias} on ${alias}.id = ${on}`;

/** The department if it belongs to that committee and is not retired (what may be chosen now). */
export async function activeDepartmentOf(q: Queryable, departmentId: string, committeeId: string) {
  const rows = await q.query<{ id: string; name: string }>(
    'select id, name from departments where id = $1 and committee_id = $2 and retired_at is null',
    [departmentId, committeeId],
  );
  return rows[0];
}

/** A department's name (for the label a citizen reads next to its answer). */
export async function departmentName(q: Queryable, departmentId: string) {
  const rows = await q.query<{ name: string }>('select name from departments where id = $1', [departmentId]);
  return rows[0]?.name ?? null;
}

/** Whether the committee reviews members' and departments' replies before the citizen sees them. */
export async function replyReviewOf(q: Queryable, committeeId: string): Promise<boolean> {
  const rows = await q.query<{ reply_review: boolean }>('select reply_review from committees where id = $1', [
    committeeId,
  ]);
  return rows[0]?.reply_review ?? false;
}
