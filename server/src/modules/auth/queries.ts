import type { Queryable } from '../../db/db.ts';
import type { Role } from '../../../../contracts/auth.ts';
import { joinDepartment } from '../org/for-others.ts';

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
  department_id: string | null;
  department_name: string | null;
  email: string | null;
  require_totp: boolean;
  totp_secret_enc: string | null;
  totp_enabled: boolean;
  must_change_password: boolean;
  failed_logins: number;
  last_failed_login_at: Date | null;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
};

const select = `select a.*, c.name as committee_name, c.path as committee_path, c.parent_id as committee_parent_id,
    d.name as department_name
  from accounts a join committees c on c.id = a.committee_id ${joinDepartment('d', 'a.department_id')}`;

export async function accountByUsername(q: Queryable, username: string) {
  return (await q.query<AccountRow>(`${select} where a.username = $1`, [username.toLowerCase()]))[0];
}

export async function accountById(q: Queryable, id: string) {
  return (await q.query<AccountRow>(`${select} where a.id = $1`, [id]))[0];
}

export async function accountsInScope(q: Queryable, scopeSql: string, params: unknown[]) {
  return q.query<AccountRow>(`${select} where ${scopeSql} order by c.path, a.username`, params);
}

/**
 * One more failed login, counted in the database (two at once both count). A count whose last
 * failure is older than `forgetBefore` starts again; reaching `max` locks until `lockUntil`.
 * Returns the lock now in force, if any.
 */
export async function recordFailedLogin(
  q: Queryable,
  id: string,
  o: { now: Date; forgetBefore: Date; max: number; lockUntil: Date },
) {
  const rows = await q.query<{ locked_until: Date | null }>(
    `update accounts set
       failed_logins = ${nextCount('failed_logins', 'last_failed_login_at')},
       locked_until = case when ${nextCount('failed_logins', 'last_failed_login_at')} >= $4 then $5 else locked_until end,
       last_failed_login_at = $2
     where id = $1 returning locked_until`,
    [id, o.now, o.forgetBefore, o.max, o.lockUntil],
  );
  return rows[0]?.locked_until ?? null;
}

// $3 is the moment before which an earlier failure is forgotten.
const nextCount = (count: string, last: string) =>
  `(case when ${last} is null or ${last} < $3 then 1 else ${count} + 1 end)`;

export async function recordSuccessfulLogin(q: Queryable, id: string, now: Date) {
  await q.query(
    'update accounts set failed_logins = 0, locked_until = null, last_login_at = $2 where id = $1',
    [id, now],
  );
}

export type LoginFailureRow = { failures: number; locked_until: Date | null; updated_at: Date };

/** Failed logins under a name no account has (normalised as accountByUsername does). */
export async function loginFailuresOf(q: Queryable, username: string) {
  return (
    await q.query<LoginFailureRow>(
      'select failures, locked_until, updated_at from login_failures where username = $1',
      [username.toLowerCase()],
    )
  )[0];
}

/** As recordFailedLogin, for a name no account has; also forgets names not tried since `forgetBefore`. */
export async function recordUnknownNameFailure(
  q: Queryable,
  username: string,
  o: { now: Date; forgetBefore: Date; max: number; lockUntil: Date },
) {
  await q.query('delete from login_failures where updated_at < $1', [o.forgetBefore]);
  const f = 'login_failures';
  const rows = await q.query<{ locked_until: Date | null }>(
    `insert into login_failures (username, failures, locked_until, updated_at)
       values ($1, 1, case when 1 >= $4 then $5::timestamptz end, $2)
     on conflict (username) do update set
       failures = ${nextCount(`${f}.failures`, `${f}.updated_at`)},
       locked_until = case when ${nextCount(`${f}.failures`, `${f}.updated_at`)} >= $4 then $5 else ${f}.locked_until end,
       updated_at = $2
     returning locked_until`,
    [username.toLowerCase(), o.now, o.forgetBefore, o.max, o.lockUntil],
  );
  return rows[0]?.locked_until ?? null;
}
