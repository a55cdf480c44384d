import type { Queryable } from '../../db/db.ts';

import type { Actor } from '../../http/actor.ts';
import { actorOfRow } from './guard.ts';
import { accountById } from './queries.ts';

// What auth offers the demo builder: the admin the first start created, who makes the demo's accounts.

export async function firstAdminId(q: Queryable): Promise<string | undefined> {
  const [row] = await q.query<{ id: string }>(
    `select id from accounts where role = 'admin' order by created_at, username limit 1`,
  );
  return row?.id;
}

/** The caller an account is, as the demo acts in its name (no session: nothing to check a CSRF token against). */
export async function actorOfAccount(q: Queryable, accountId: string): Promise<Actor> {
  const a = await accountById(q, accountId);
  if (!a) throw new Error(`no account ${accountId}`);
  return actorOfRow(a, { stage: 'full', sessionIdHash: 'demo', csrfToken: 'demo' });
}
