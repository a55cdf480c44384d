import type { Queryable } from '../../db/db.ts';

// What concerns reads of accounts: the person behind the account that handles a concern, and
// a member's own account (a reception recorded by staff is handled by it).

/** `left join` giving `${alias}.display_name` for the account whose id is `on` (who took a step). */
export const joinAccountName = (alias: string, on: string) =>
  `left join accounts ${alias} on ${alias}.id = ${on}`;

/** The person id of the account `account` (an SQL expression), as a scalar subquery. */
export const personOfAccountSql = (account: string) =>
  `(select a.person_id from accounts a where a.id = ${account})`;

export async function personOfAccount(q: Queryable, accountId: string) {
  const [row] = await q.query<{ person_id: string | null }>('select person_id from accounts where id = $1', [
    accountId,
  ]);
  return row?.person_id ?? null;
}

/** The member's first enabled member account, if any. */
export async function memberAccountOf(q: Queryable, personId: string) {
  const [row] = await q.query<{ id: string }>(
    `select id from accounts where person_id = $1 and role = 'member' and disabled_at is null
      order by created_at limit 1`,
    [personId],
  );
  return row?.id ?? null;
}

/** The enabled accounts of a handling department: they hear of its concerns' deadlines. */
export async function departmentAccountsOf(q: Queryable, departmentId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select id from accounts where department_id = $1 and role = 'department' and disabled_at is null
      order by created_at`,
    [departmentId],
  );
  return rows.map((r) => r.id);
}
