import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/db.ts';
import type { SessionStage } from '../../../../contracts/auth.ts';

// Server-side sessions: the cookie carries a random token, the table only its hash, so a
// leaked database dump cannot be replayed as a login.
export const sessionCookie = 'lx_sid';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export type SessionRow = {
  id_hash: string;
  account_id: string;
  stage: SessionStage;
  csrf_token: string;
  last_seen_at: Date;
};

export async function createSession(
  q: Queryable,
  s: { accountId: string; stage: SessionStage; ip: string; userAgent: string | undefined; now: Date },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await q.query(
    `insert into sessions (id_hash, account_id, stage, csrf_token, ip, user_agent, created_at, last_seen_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7)`,
    [hashToken(token), s.accountId, s.stage, csrfToken, s.ip, (s.userAgent ?? '').slice(0, 300), s.now],
  );
  return { token, csrfToken };
}

export async function findSession(q: Queryable, token: string): Promise<SessionRow | undefined> {
  const rows = await q.query<SessionRow>(
    'select id_hash, account_id, stage, csrf_token, last_seen_at from sessions where id_hash = $1',
    [hashToken(token)],
  );
  return rows[0];
}

export async function touchSession(q: Queryable, idHash: string, now: Date) {
  await q.query('update sessions set last_seen_at = $2 where id_hash = $1', [idHash, now]);
}

export async function setSessionStage(q: Queryable, idHash: string, stage: SessionStage) {
  await q.query('update sessions set stage = $2 where id_hash = $1', [idHash, stage]);
}

export async function deleteSession(q: Queryable, idHash: string) {
  await q.query('delete from sessions where id_hash = $1', [idHash]);
}

export async function deleteSessionsOf(q: Queryable, accountId: string, exceptIdHash?: string) {
  await q.query('delete from sessions where account_id = $1 and id_hash is distinct from $2', [
    accountId,
    exceptIdHash ?? null,
  ]);
}
