import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { passwordStrongEnough } from '../../../../contracts/auth.ts';
import type { SessionBody, SessionStage } from '../../../../contracts/auth.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import type { Actor } from '../../http/actor.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import {
  accountById,
  accountByUsername,
  loginFailuresOf,
  recordFailedLogin,
  recordSuccessfulLogin,
  recordUnknownNameFailure,
} from './queries.ts';
import type { AccountRow } from './queries.ts';
import { createSession, deleteSession, deleteSessionsOf, setSessionStage } from './sessions.ts';

export const maxFailedLogins = 5;
export const lockoutMinutes = 15;

type Origin = { ip: string; userAgent: string | undefined };

/** The next step after the password: second factor, its enrolment, a new password, or done. */
function stageAfterPassword(a: AccountRow): SessionStage {
  if (a.totp_enabled) return 'totp';
  if (a.require_totp) return 'totp_setup';
  return a.must_change_password ? 'password_change' : 'full';
}

function stageAfterTotp(a: AccountRow): SessionStage {
  return a.must_change_password ? 'password_change' : 'full';
}

export async function sessionBodyOf(deps: Deps, accountId: string, stage: SessionStage, csrfToken: string) {
  const a = await accountById(deps.db, accountId);
  if (!a) throw new AppError('auth.required');
  const body: SessionBody = {
    stage,
    csrfToken,
    idleTimeoutMinutes: deps.settings.sessionIdleMinutes,
    account: {
      id: a.id,
      username: a.username,
      displayName: a.display_name,
      role: a.role,
      committeeId: a.committee_id,
      committeeName: a.committee_name,
      personId: a.person_id,
      departmentId: a.department_id,
      departmentName: a.department_name,
      totpEnabled: a.totp_enabled,
    },
  };
  return body;
}

// Failed attempts count towards the lockout whether the password or the second factor
// was wrong; the 5th failure locks the account for 15 minutes. A count is forgotten a day
// after its last failure.
const forgetFailuresAfterMs = 24 * 60 * 60_000;

const failureCount = (deps: Deps) => {
  const now = deps.clock.now();
  return {
    now,
    forgetBefore: new Date(now.getTime() - forgetFailuresAfterMs),
    max: maxFailedLogins,
    lockUntil: new Date(now.getTime() + lockoutMinutes * 60_000),
  };
};

async function failLogin(deps: Deps, q: Queryable, a: AccountRow, origin: Origin, reason: string) {
  const lock = await recordFailedLogin(q, a.id, failureCount(deps));
  await recordAudit(q, deps.clock, {
    actorId: a.id,
    actorName: a.username,
    committeeId: a.committee_id,
    ip: origin.ip,
    action: 'auth.login',
    targetType: 'account',
    targetId: a.id,
    result: 'denied',
    status: 401,
    detail: { reason, lockedUntil: lock ? new Date(lock).toISOString() : null },
  });
  return lock;
}

/** 423 until the lock ends, with Retry-After (seconds) for clients that wait. */
function lockedError(deps: Deps, until: Date): AppError | undefined {
  const ms = new Date(until).getTime() - deps.clock.now().getTime();
  if (ms <= 0) return undefined;
  return new AppError('auth.locked', {
    vars: { n: Math.ceil(ms / 60_000) },
    extra: { retryAfterSeconds: Math.ceil(ms / 1000) },
  });
}

function assertNotLocked(deps: Deps, a: AccountRow) {
  const locked = a.locked_until && lockedError(deps, a.locked_until);
  if (locked) throw locked;
}

// A name no account has is answered as an account would be: the password hash is verified
// (against a fixed hash), failures are counted under the name, and the 5th locks it. So
// status, body and time do not tell which names exist.
async function refuseUnknownName(
  deps: Deps,
  input: { username: string; password: string },
  origin: Origin,
): Promise<never> {
  const audit = (status: number, reason: string, lockedUntil?: Date | null) =>
    recordAudit(deps.db, deps.clock, {
      actorName: input.username.slice(0, 64),
      ip: origin.ip,
      action: 'auth.login',
      result: 'denied',
      status,
      detail: {
        reason,
        ...(lockedUntil === undefined ? {} : { lockedUntil: lockedUntil?.toISOString() ?? null }),
      },
    });
  const before = await loginFailuresOf(deps.db, input.username);
  const lockedBefore = before?.locked_until && lockedError(deps, before.locked_until);
  if (lockedBefore) {
    await audit(423, 'unknown_user_locked');
    throw lockedBefore;
  }
  await burnPasswordCheck(input.password);
  const lock = await recordUnknownNameFailure(deps.db, input.username, failureCount(deps));
  await audit(401, 'unknown_user', lock ? new Date(lock) : null);
  const lockedNow = lock && lockedError(deps, lock);
  throw lockedNow || new AppError('auth.bad_credentials');
}

export async function login(deps: Deps, input: { username: string; password: string }, origin: Origin) {
  const a = await accountByUsername(deps.db, input.username);
  if (!a) return refuseUnknownName(deps, input, origin);
  const refuse = async (err: AppError) => {
    await recordAudit(deps.db, deps.clock, {
      actorId: a.id,
      actorName: a.username,
      committeeId: a.committee_id,
      ip: origin.ip,
      action: 'auth.login',
      result: 'denied',
      status: err.status,
      detail: { reason: err.code },
    });
    throw err;
  };
  // A locked account is refused before the password is even checked, as a locked unknown name is.
  try {
    assertNotLocked(deps, a);
  } catch (err) {
    return refuse(err as AppError);
  }
  if (!(await verifyPassword(a.password_hash, input.password))) {
    const lock = await deps.db.tx((q) => failLogin(deps, q, a, origin, 'bad_password'));
    throw (lock && lockedError(deps, lock)) || new AppError('auth.bad_credentials');
  }
  // Only the right password learns that the account is disabled: a wrong one was answered
  // above exactly as on any name (counted, same status and body), so "disabled" does not
  // tell a guesser which accounts exist.
  if (a.disabled_at) return refuse(new AppError('auth.disabled'));
  const stage = stageAfterPassword(a);
  const s = await deps.db.tx(async (q) => {
    if (stage !== 'totp') await recordSuccessfulLogin(q, a.id, deps.clock.now());
    await recordAudit(q, deps.clock, {
      actorId: a.id,
      actorName: a.username,
      committeeId: a.committee_id,
      ip: origin.ip,
      action: 'auth.login',
      targetType: 'account',
      targetId: a.id,
      result: 'ok',
      status: 200,
      detail: { stage },
    });
    return createSession(q, { accountId: a.id, stage, ...origin, now: deps.clock.now() });
  });
  return { token: s.token, body: await sessionBodyOf(deps, a.id, stage, s.csrfToken) };
}

function totpValid(deps: Deps, secret: string, code: string): boolean {
  const totp = authenticator.clone({ epoch: deps.clock.now().getTime(), window: 1 });
  return totp.check(code, secret);
}

export async function verifyTotp(deps: Deps, actor: Actor, code: string, origin: Origin) {
  if (actor.stage !== 'totp') throw new AppError('auth.stage');
  const a = await accountById(deps.db, actor.accountId);
  if (!a?.totp_secret_enc) throw new AppError('auth.stage');
  if (a.disabled_at) throw new AppError('auth.disabled');
  assertNotLocked(deps, a);
  if (!totpValid(deps, deps.sealer.open(a.totp_secret_enc), code)) {
    await deps.db.tx((q) => failLogin(deps, q, a, origin, 'bad_totp'));
    throw new AppError('auth.bad_totp');
  }
  const stage = stageAfterTotp(a);
  await deps.db.tx(async (q) => {
    await recordSuccessfulLogin(q, a.id, deps.clock.now());
    await setSessionStage(q, actor.sessionIdHash, stage);
    await recordAudit(q, deps.clock, {
      actorId: a.id,
      actorName: a.username,
      committeeId: a.committee_id,
      ip: origin.ip,
      action: 'auth.totp',
      result: 'ok',
      status: 200,
    });
  });
  return sessionBodyOf(deps, a.id, stage, actor.csrfToken);
}

/** Starts (or restarts) enrolment: a new secret, shown once as a QR code. */
export async function totpSetup(deps: Deps, actor: Actor) {
  if (actor.stage !== 'totp_setup' && actor.stage !== 'full') throw new AppError('auth.stage');
  const secret = authenticator.generateSecret(20);
  await deps.db.query('update accounts set totp_secret_enc = $2 where id = $1 and not totp_enabled', [
    actor.accountId,
    deps.sealer.seal(secret),
  ]);
  const otpauthUrl = authenticator.keyuri(actor.username, 'Lianxin 连心', secret);
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }) };
}

export async function totpEnroll(deps: Deps, actor: Actor, code: string, origin: Origin) {
  if (actor.stage !== 'totp_setup' && actor.stage !== 'full') throw new AppError('auth.stage');
  const a = await accountById(deps.db, actor.accountId);
  if (!a?.totp_secret_enc || a.totp_enabled) throw new AppError('auth.stage');
  if (!totpValid(deps, deps.sealer.open(a.totp_secret_enc), code)) throw new AppError('auth.bad_totp');
  const stage = actor.stage === 'full' ? 'full' : stageAfterTotp(a);
  await deps.db.tx(async (q) => {
    await q.query('update accounts set totp_enabled = true, updated_at = $2 where id = $1', [
      a.id,
      deps.clock.now(),
    ]);
    await setSessionStage(q, actor.sessionIdHash, stage);
    await recordAudit(q, deps.clock, {
      actorId: a.id,
      actorName: a.username,
      committeeId: a.committee_id,
      ip: origin.ip,
      action: 'auth.totp_enroll',
      targetType: 'account',
      targetId: a.id,
      result: 'ok',
      status: 200,
    });
  });
  return sessionBodyOf(deps, a.id, stage, actor.csrfToken);
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  origin: Origin,
) {
  if (actor.stage !== 'password_change' && actor.stage !== 'full') throw new AppError('auth.stage');
  const a = await accountById(deps.db, actor.accountId);
  if (!a) throw new AppError('auth.required');
  if (!(await verifyPassword(a.password_hash, input.currentPassword)))
    throw new AppError('auth.wrong_password');
  if (!passwordStrongEnough(input.newPassword) || input.newPassword === input.currentPassword)
    throw new AppError('auth.weak_password', { fields: [{ field: 'body.newPassword', problem: 'invalid' }] });
  const hash = await hashPassword(input.newPassword);
  await deps.db.tx(async (q) => {
    await q.query(
      'update accounts set password_hash = $2, must_change_password = false, updated_at = $3 where id = $1',
      [a.id, hash, deps.clock.now()],
    );
    await setSessionStage(q, actor.sessionIdHash, 'full');
    // Other sessions of this account end: whoever knew the old password is out.
    await deleteSessionsOf(q, a.id, actor.sessionIdHash);
    await recordAudit(q, deps.clock, {
      actorId: a.id,
      actorName: a.username,
      committeeId: a.committee_id,
      ip: origin.ip,
      action: 'auth.password_change',
      targetType: 'account',
      targetId: a.id,
      result: 'ok',
      status: 200,
    });
  });
  return sessionBodyOf(deps, a.id, 'full', actor.csrfToken);
}

export async function logout(deps: Deps, actor: Actor, origin: Origin) {
  await deps.db.tx(async (q) => {
    await deleteSession(q, actor.sessionIdHash);
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: actor.scope.committeeId,
      ip: origin.ip,
      action: 'auth.logout',
      result: 'ok',
      status: 200,
    });
  });
}
