import type { Queryable } from '../../db/db.ts';

// What consultations reads of accounts: the enabled accounts of a handling department, who
// hear of the outcomes addressed to it.
export async function departmentAccountIds(q: Queryable, departmentId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select id from accounts where department_id = $1 and role = 'department' and disabled_at is null order by id`,
    [departmentId],
  );
  return rows.map((r) => r.id);
}
