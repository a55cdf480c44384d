import type { Queryable } from '../../db/db.ts';

// An account as the demo acts as it (its actor is built from the row).
export { accountById } from './queries.ts';

// What auth offers the demo builder: the admin the first start created, who makes the demo's accounts.

export async function firstAdminId(q: Queryable): Promise<string | undefined> {
  const [row] = await q.query<{ id: string }>(
    `select id from accounts where role = 'admin' order by created_at, username limit 1`,
  );
  return row?.id;
}
