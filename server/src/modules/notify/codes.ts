import { randomInt } from 'node:crypto';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { maskPhone } from '../../lib/crypto.ts';
import { hitLimits } from '../../http/rate-limit.ts';

// One-time codes that prove a citizen holds the phone they give. Only a keyed hash of the
// code is stored; a code lives 5 minutes, allows 5 tries, and is used once.
export const smsCodeTtlSeconds = 300;
const maxAttempts = 5;

const codeHash = (deps: Deps, phoneHash: string, code: string) =>
  deps.sealer.hash(`sms-code:${phoneHash}:${code}`);

export async function requestSmsCode(deps: Deps, phone: string, ip: string) {
  const phoneHash = deps.sealer.hash(phone);
  await hitLimits(deps, [
    { bucket: `sms-code:phone-min:${phoneHash}`, max: 1, windowSeconds: 60 },
    { bucket: `sms-code:phone-day:${phoneHash}`, max: 10, windowSeconds: 86400 },
    { bucket: `sms-code:ip:${ip}`, max: 20, windowSeconds: 3600 },
  ]);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  await deps.db.query(
    `insert into sms_codes (id, phone_hash, code_hash, created_at, expires_at) values ($1, $2, $3, $4, $5)`,
    [id, phoneHash, codeHash(deps, phoneHash, code), now, new Date(now.getTime() + smsCodeTtlSeconds * 1000)],
  );
  try {
    // Sent now, not through the outbox: a code is worth nothing minutes later, and the
    // outbox would have to hold it in clear.
    await deps.sms.send(phone, `【连心】您的验证码是 ${code}，5 分钟内有效。请勿告诉他人。`);
  } catch (err) {
    await deps.db.query('delete from sms_codes where id = $1', [id]);
    throw err;
  }
  return { phoneMasked: maskPhone(phone), expiresInSeconds: smsCodeTtlSeconds };
}

const invalid = () =>
  new AppError('concerns.sms_code_invalid', { fields: [{ field: 'body.smsCode', problem: 'invalid' }] });

/** The phone's latest live code: `phone` and `now` name the statement's parameters. */
export const latestCodeSql = (phone: string, now: string) =>
  `select id, code_hash, attempts from sms_codes
    where phone_hash = ${phone} and used_at is null and expires_at > ${now}
    order by created_at desc limit 1`;
export type LiveCode = { id: string; code_hash: string; attempts: number };

/**
 * Checks a code outside any transaction (a wrong try must count even if the caller's work
 * rolls back) and returns the code's id; `consumeSmsCode` (or `spendCodeSql` inside the
 * caller's own statement) then spends it inside the caller's transaction.
 */
export async function checkSmsCode(deps: Deps, phone: string, code: string): Promise<string> {
  const phoneHash = deps.sealer.hash(phone);
  const [row] = await deps.db.query<LiveCode>(latestCodeSql('$1', '$2'), [phoneHash, deps.clock.now()], {
    prepare: true,
  });
  return verifySmsCode(deps, phoneHash, code, row);
}

/** The same check on the phone's latest live code read by the caller. */
export async function verifySmsCode(
  deps: Deps,
  phoneHash: string,
  code: string,
  row: LiveCode | null | undefined,
): Promise<string> {
  if (!row || row.attempts >= maxAttempts) throw invalid();
  if (row.code_hash !== codeHash(deps, phoneHash, code)) {
    await deps.db.query('update sms_codes set attempts = attempts + 1 where id = $1', [row.id]);
    throw invalid();
  }
  return row.id;
}

/** Spends code $1 at $2; a row comes back only if it was still unused. */
export const spendCodeSql =
  'update sms_codes set used_at = $2 where id = $1 and used_at is null returning id';
export const codeAlreadySpent = invalid;

export async function consumeSmsCode(q: Queryable, deps: Deps, id: string): Promise<void> {
  const used = await q.query(spendCodeSql, [id, deps.clock.now()], { prepare: true });
  if (!used.length) throw invalid();
}
