import type { Queryable } from '../../db/db.ts';
import type { Role } from '../../../../contracts/auth.ts';

export type AccountRow = {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  committee_id: string;
  committee_name: string;
  committee_path: string;
  committee_parent_id: string | null;
  person_id: string | null;
  email: string | null;
  require_totp: boolean;
  totp_secret_enc: string | null;
  totp_enabled: boolean;
  must_change_password: boolean;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
};

const select = `select a.*, c.name as committee_name, c.path as committee_path, c.parent_id as committee_parent_id
  from accounts a join committees c on c.id = a.committee_id`;

export async function accountByUsername(q: Queryable, username: string) {
  return (await q.query<AccountRow>(`${select} where a.username = $1`, [username.toLowerCase()]))[0];
}

export async function accountById(q: Queryable, id: string) {
  return (await q.query<AccountRow>(`${select} where a.id = $1`, [id]))[0];
}

export async function accountsInScope(q: Queryable, scopeSql: string, params: unknown[]) {
  return q.query<AccountRow>(`${select} where ${scopeSql} order by c.path, a.username`, params);
}

export async function recordFailedLogin(q: Queryable, id: string, lockUntil: Date | null) {
  await q.query(
    `update accounts set failed_logins = failed_logins + 1,
       locked_until = coalesce($2, locked_until) where id = $1`,
    [id, lockUntil],
  );
}

export async function recordSuccessfulLogin(q: Queryable, id: string, now: Date) {
  await q.query(
    'update accounts set failed_logins = 0, locked_until = null, last_login_at = $2 where id = $1',
    [id, now],
  );
}
