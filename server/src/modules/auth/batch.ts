import { randomInt } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import type { z } from 'zod';
import type { AccountBatchResult, accountBatchBody } from '../../../../contracts/auth.ts';
import { limits } from '../../../../contracts/limits.ts';
import { passwordStrongEnough } from '../../../../contracts/limits.ts';
import type { Queryable } from '../../db/db.ts';
import { committeeInScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { membersForAccounts } from '../members/for-auth.ts';
import type { MemberForAccount } from '../members/for-auth.ts';
import { hashPassword } from './passwords.ts';
import { assertCan } from './policy.ts';
import { slipsPdf } from './slips.ts';

// Member accounts for many members in one request, as an office opens the platform to a whole
// committee: each account its own audit row, members who have one already skipped and named,
// every account made to change its password at the first login. The initial password leaves
// the server once — in an SMS queued in the same transaction, or on a sealed slip in this
// answer's PDF — and is kept only as its argon2 hash.

type Body = z.infer<typeof accountBatchBody>;
type Planned = MemberForAccount & { password: string; hash: string };

// No 0/O, 1/l/I: a password read off a slip is typed right the first time.
const upper = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const lower = 'abcdefghjkmnpqrstuvwxyz';
const digits = '23456789';
const pick = (set: string) => set[randomInt(set.length)]!;

/** e.g. "KmpqTa-4829": letters of both cases, digits and a symbol (≈ 45 bits). */
export function initialPassword(): string {
  for (;;) {
    const letters = Array.from({ length: 6 }, (_, i) => pick(i % 2 ? lower : upper + lower)).join('');
    const pw = `${letters}-${Array.from({ length: 4 }, () => pick(digits)).join('')}`;
    if (passwordStrongEnough(pw) && /[A-Z]/.test(pw)) return pw;
  }
}

/** The member's name in pinyin, letters only: 张丽霜 → zhanglishuang; ü as v. */
export function usernameBase(name: string): string {
  const full = pinyin(name, {
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'consecutive',
    v: true,
  })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return (full || 'member').slice(0, limits.username - 4).padEnd(3, 'x');
}

/** Usernames for the bases, each unique: the base itself if free, else base2, base3 … */
async function uniqueUsernames(q: Queryable, bases: string[]): Promise<string[]> {
  const taken = new Set(
    (
      await q.query<{ username: string }>(
        `select username from accounts where regexp_replace(username, '[0-9]+$', '') = any($1::text[])`,
        [[...new Set(bases)]],
      )
    ).map((r) => r.username),
  );
  return bases.map((b) => {
    let name = b;
    for (let n = 2; taken.has(name); n++) name = `${b}${n}`;
    taken.add(name);
    return name;
  });
}

async function withAccount(q: Queryable, personIds: string[]): Promise<Set<string>> {
  const rows = await q.query<{ person_id: string }>(
    'select distinct person_id from accounts where person_id = any($1::uuid[])',
    [personIds],
  );
  return new Set(rows.map((r) => r.person_id));
}

/** Hashes two at a time: argon2 is slow on purpose, and the machine has other requests. */
async function hashAll(members: MemberForAccount[]): Promise<Planned[]> {
  const out: Planned[] = [];
  for (let i = 0; i < members.length; i += 2) {
    const two = members.slice(i, i + 2).map(async (m) => {
      const password = initialPassword();
      return { ...m, password, hash: await hashPassword(password) };
    });
    out.push(...(await Promise.all(two)));
  }
  return out;
}

const smsText = (name: string, username: string, password: string, url: string) =>
  `【连心】${name}委员，您的连心平台账号已开通。用户名：${username}，初始密码：${password}，首次登录须修改密码。登录：${url}`;

/**
 * What the batch needs of notify's outbox, handed in by the composition root (app.ts): notify
 * reads auth's staff addresses, so auth does not import notify back.
 */
export type SmsOutbox = {
  enqueue(
    q: Queryable,
    deps: Deps,
    m: {
      channel: 'sms';
      kind: string;
      committeeId: string;
      phoneSealed: string;
      text: string;
      ref: Record<string, string>;
    },
  ): Promise<void>;
  deliverPending(deps: Deps): Promise<unknown>;
};

export async function createMemberAccounts(
  deps: Deps,
  actor: Actor,
  body: Body,
  ip: string,
  outbox: SmsOutbox,
): Promise<AccountBatchResult> {
  assertCan(actor, 'accounts.manage');
  if (body.committeeId && !(await committeeInScope(deps.db, actor.scope, body.committeeId)))
    throw new AppError('accounts.scope_outside', {
      fields: [{ field: 'body.committeeId', problem: 'invalid' }],
    });
  const members = await membersForAccounts(
    deps.db,
    actor.scope,
    body.memberIds ? { membershipIds: body.memberIds } : { committeeId: body.committeeId! },
  );
  const skipped: AccountBatchResult['skipped'] = [];
  const had = await withAccount(
    deps.db,
    members.map((m) => m.person_id),
  );
  const todo = members.filter((m) => {
    const reason = had.has(m.person_id)
      ? 'has_account'
      : body.delivery === 'sms' && !m.phone_enc
        ? 'no_phone'
        : null;
    if (reason) skipped.push({ personId: m.person_id, name: m.name, reason });
    return !reason;
  });
  if (todo.length > limits.accountBatch)
    throw new AppError('accounts.batch_too_many', { vars: { max: limits.accountBatch } });
  // Hashing is slow: before the transaction, so it holds no connection meanwhile.
  const planned = await hashAll(todo);
  const loginUrl = `${deps.settings.publicBaseUrl.replace(/\/$/, '')}/`;

  const created = await deps.db.tx(async (q) => {
    // Two batches at once must not give one member two accounts: the second waits, then sees
    // the first one's accounts and skips those members.
    await q.query('select pg_advisory_xact_lock(7213011)');
    const nowHas = await withAccount(
      q,
      planned.map((p) => p.person_id),
    );
    const fresh = planned.filter((p) => {
      if (nowHas.has(p.person_id))
        skipped.push({ personId: p.person_id, name: p.name, reason: 'has_account' });
      return !nowHas.has(p.person_id);
    });
    const usernames = await uniqueUsernames(
      q,
      fresh.map((p) => usernameBase(p.name)),
    );
    const now = deps.clock.now();
    const out: (Planned & { accountId: string; username: string })[] = [];
    for (const [i, p] of fresh.entries()) {
      const accountId = deps.ids.uuid();
      const username = usernames[i]!;
      await q.query(
        `insert into accounts (id, username, display_name, password_hash, role, committee_id, person_id,
           require_totp, must_change_password, created_at, updated_at)
         values ($1, $2, $3, $4, 'member', $5, $6, false, true, $7, $7)`,
        [accountId, username, p.name, p.hash, p.committee_id, p.person_id, now],
      );
      await recordAudit(q, deps.clock, {
        actorId: actor.accountId,
        actorName: actor.username,
        committeeId: p.committee_id,
        ip,
        action: 'accounts.create',
        targetType: 'account',
        targetId: accountId,
        result: 'ok',
        status: 200,
        detail: { username, role: 'member', batch: true, delivery: body.delivery },
      });
      if (body.delivery === 'sms')
        await outbox.enqueue(q, deps, {
          channel: 'sms',
          kind: 'accounts.initial_password',
          committeeId: p.committee_id,
          phoneSealed: p.phone_enc!,
          text: smsText(p.name, username, p.password, loginUrl),
          ref: { accountId },
        });
      out.push({ ...p, accountId, username });
    }
    return out;
  });

  if (body.delivery === 'sms') {
    try {
      await outbox.deliverPending(deps);
    } catch {
      // left pending in the outbox; retried by the next delivery
    }
  }
  const slips =
    body.delivery === 'slips' && created.length
      ? await slipsPdf(
          created.map((c) => ({
            name: c.name,
            committeeName: c.committee_name,
            username: c.username,
            password: c.password,
          })),
          loginUrl,
        )
      : null;
  return {
    created: created.map((c) => ({
      accountId: c.accountId,
      personId: c.person_id,
      name: c.name,
      committeeName: c.committee_name,
      username: c.username,
    })),
    skipped,
    delivery: body.delivery,
    slipsPdf: slips ? slips.toString('base64') : null,
  };
}
