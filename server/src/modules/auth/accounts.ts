import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  account,
  accountBatchBody,
  accountBatchResult,
  accountCreateBody,
  accountList,
  accountUpdateBody,
  passwordStrongEnough,
} from '../../../../contracts/auth.ts';
import { idParams } from '../../../../contracts/org.ts';
import type { Queryable } from '../../db/db.ts';
import { committeeInScope, inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { actorOf } from '../../http/actor.ts';
import { hasSeatIn } from '../members/for-auth.ts';
import { activeDepartmentOf } from '../org/for-others.ts';
import { change } from '../audit/change.ts';
import { createMemberAccounts } from './batch.ts';
import type { SmsOutbox } from './batch.ts';
import { hashPassword } from './passwords.ts';
import { assertCan, permissions } from './policy.ts';
import { accountById, accountsInScope } from './queries.ts';
import type { AccountRow } from './queries.ts';
import { deleteSessionsOf } from './sessions.ts';

// Staff and member accounts, each scoped to a committee subtree.
const toAccount = (a: AccountRow): z.infer<typeof account> => ({
  id: a.id,
  username: a.username,
  displayName: a.display_name,
  role: a.role,
  committeeId: a.committee_id,
  committeeName: a.committee_name,
  personId: a.person_id,
  departmentId: a.department_id,
  departmentName: a.department_name,
  email: a.email,
  requireTotp: a.require_totp,
  totpEnabled: a.totp_enabled,
  lockedUntil: a.locked_until ? new Date(a.locked_until).toISOString() : null,
  disabled: a.disabled_at !== null,
  lastLoginAt: a.last_login_at ? new Date(a.last_login_at).toISOString() : null,
  createdAt: new Date(a.created_at).toISOString(),
});

const weak = () =>
  new AppError('auth.weak_password', { fields: [{ field: 'body.password', problem: 'invalid' }] });

async function accountInScope(q: Queryable, actor: Actor, id: string) {
  const a = await accountById(q, id);
  const inside =
    a && (a.committee_path === actor.scope.path || a.committee_path.startsWith(`${actor.scope.path}/`));
  if (!a || !inside) throw new AppError('accounts.not_found');
  return a;
}

/** A department account's department must be one of its committee's, not retired. */
async function departmentFor(
  q: Queryable,
  role: string,
  departmentId: string | null | undefined,
  committeeId: string,
) {
  if (role !== 'department') return null;
  const bad = () =>
    new AppError('accounts.department_needed', {
      fields: [{ field: 'body.departmentId', problem: 'invalid' }],
    });
  if (!departmentId) throw bad();
  if (!(await activeDepartmentOf(q, departmentId, committeeId))) throw bad();
  return departmentId;
}

async function assertPersonInCommittee(q: Queryable, personId: string, committee: Scope) {
  if (!(await hasSeatIn(q, personId, committee)))
    throw new AppError('accounts.member_needs_person', {
      fields: [{ field: 'body.personId', problem: 'invalid' }],
    });
}

export async function createAccount(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof accountCreateBody>,
  ip: string,
) {
  assertCan(actor, 'accounts.manage');
  if (!passwordStrongEnough(input.password)) throw weak();
  if (input.role === 'member' && !input.personId) throw new AppError('accounts.member_needs_person');
  // Hashing is slow: before the transaction, so it holds no connection meanwhile.
  const hash = await hashPassword(input.password);
  return change(deps, {
    actor,
    ip,
    load: async (q) => {
      const c = await committeeInScope(q, actor.scope, input.committeeId);
      if (!c)
        throw new AppError('accounts.scope_outside', {
          fields: [{ field: 'body.committeeId', problem: 'invalid' }],
        });
      if (input.personId)
        await assertPersonInCommittee(q, input.personId, { committeeId: c.id, path: c.path });
      return { ...c, departmentId: await departmentFor(q, input.role, input.departmentId, c.id) };
    },
    apply: async (q, c) => {
      const id = deps.ids.uuid();
      const now = deps.clock.now();
      const taken = await q.query('select 1 from accounts where username = $1', [
        input.username.toLowerCase(),
      ]);
      if (taken.length)
        throw new AppError('accounts.username_taken', {
          fields: [{ field: 'body.username', problem: 'invalid' }],
        });
      await q.query(
        `insert into accounts (id, username, display_name, password_hash, role, committee_id, person_id,
         require_totp, must_change_password, created_at, updated_at, email, department_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, true, $9, $9, $10, $11)`,
        [
          id,
          input.username.toLowerCase(),
          input.displayName,
          hash,
          input.role,
          c.id,
          input.personId ?? null,
          input.requireTotp,
          now,
          input.email ?? null,
          c.departmentId,
        ],
      );
      return id;
    },
    audit: (c, id) => ({
      committeeId: c.id,
      action: 'accounts.create',
      targetType: 'account',
      targetId: id,
      detail: { username: input.username.toLowerCase(), role: input.role, requireTotp: input.requireTotp },
    }),
    reload: async (_c, id) => toAccount((await accountById(deps.db, id))!),
  });
}

export async function updateAccount(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof accountUpdateBody>,
  ip: string,
) {
  assertCan(actor, 'accounts.manage');
  if (input.password !== undefined && !passwordStrongEnough(input.password)) throw weak();
  // Hashing is slow: before the transaction, so it holds no connection meanwhile.
  const hash = input.password !== undefined ? await hashPassword(input.password) : null;
  return change(deps, {
    actor,
    ip,
    load: async (q) => {
      const a = await accountInScope(q, actor, id);
      let committeeId = a.committee_id;
      if (input.committeeId) {
        const c = await committeeInScope(q, actor.scope, input.committeeId);
        if (!c)
          throw new AppError('accounts.scope_outside', {
            fields: [{ field: 'body.committeeId', problem: 'invalid' }],
          });
        committeeId = c.id;
      }
      const role = input.role ?? a.role;
      // A department account keeps its department unless told otherwise (and it must still be
      // one of its committee's); any other role has none.
      const wanted = input.departmentId === undefined ? a.department_id : input.departmentId;
      const departmentId = await departmentFor(q, role, wanted, committeeId);
      return { committeeId, departmentId, departmentChanged: departmentId !== a.department_id };
    },
    apply: async (q, { committeeId, departmentId, departmentChanged }) => {
      await q.query(
        `update accounts set display_name = coalesce($2, display_name), role = coalesce($3, role),
         committee_id = $4, require_totp = coalesce($5, require_totp),
         disabled_at = case when $6::boolean is null then disabled_at when $6 then coalesce(disabled_at, $8) else null end,
         password_hash = coalesce($7, password_hash),
         must_change_password = must_change_password or $7 is not null,
         email = case when $9::boolean then $10 else email end,
         department_id = $11,
         updated_at = $8
       where id = $1`,
        [
          id,
          input.displayName ?? null,
          input.role ?? null,
          committeeId,
          input.requireTotp ?? null,
          input.disabled ?? null,
          hash,
          deps.clock.now(),
          input.email !== undefined,
          input.email ?? null,
          departmentId,
        ],
      );
      // A disabled account, a new password or a new scope ends the account's open sessions.
      if (input.disabled || hash || input.committeeId || input.role || departmentChanged)
        await deleteSessionsOf(q, id);
    },
    audit: ({ committeeId }) => ({
      committeeId,
      action: 'accounts.update',
      targetType: 'account',
      targetId: id,
      detail: { ...input, password: input.password ? '(reset)' : undefined },
    }),
    reload: async () => toAccount((await accountById(deps.db, id))!),
  });
}

export async function unlockAccount(deps: Deps, actor: Actor, id: string, ip: string) {
  return change(deps, {
    actor,
    ip,
    assert: () => assertCan(actor, 'accounts.manage'),
    load: (q) => accountInScope(q, actor, id),
    apply: async (q) => {
      await q.query('update accounts set failed_logins = 0, locked_until = null where id = $1', [id]);
    },
    audit: (a) => ({
      committeeId: a.committee_id,
      action: 'accounts.unlock',
      targetType: 'account',
      targetId: id,
    }),
    reload: async () => toAccount((await accountById(deps.db, id))!),
  });
}

/** First start: one admin of the root committee, with a random password shown once. */
export async function ensureInitialAdmin(deps: Deps): Promise<{ username: string; password: string } | null> {
  const any = await deps.db.query('select 1 from accounts limit 1');
  if (any.length) return null;
  const root = await deps.db.query<{ id: string }>(
    'select id from committees where parent_id is null order by path limit 1',
  );
  if (!root[0]) return null;
  // 3 classes guaranteed: letters of both cases from base64url plus a fixed digit/symbol tail.
  const password = `${randomBytes(9).toString('base64url')}-7a`;
  const now = deps.clock.now();
  await deps.db.query(
    // Two-step verification as for every staff account: enrolled at the first login.
    `insert into accounts (id, username, display_name, password_hash, role, committee_id, must_change_password, require_totp, created_at, updated_at)
     values ($1, 'admin', '系统管理员', $2, 'admin', $3, true, true, $4, $4)`,
    [deps.ids.uuid(), await hashPassword(password), root[0].id, now],
  );
  return { username: 'admin', password };
}

/** Addresses of the active staff and admin accounts of one committee (for staff notices by email). */
export async function staffEmailsOf(q: Queryable, committeeId: string): Promise<string[]> {
  const rows = await q.query<{ email: string }>(
    `select email from accounts
      where committee_id = $1 and role in ('staff', 'admin') and email is not null and disabled_at is null
      order by username`,
    [committeeId],
  );
  return rows.map((r) => r.email);
}

export function accountRoutes(app: FastifyInstance, deps: Deps, outbox: SmsOutbox) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];
  const roles = [...permissions['accounts.manage']];
  r.get(
    '/api/accounts',
    { schema: { operationId: 'listAccounts', tags, response: { 200: accountList } }, config: { roles } },
    async (req) => {
      const actor = actorOf(req);
      const params: unknown[] = [];
      const rows = await accountsInScope(deps.db, inScope('c.path', actor.scope, params), params);
      return { items: rows.map(toAccount) };
    },
  );
  r.post(
    '/api/accounts',
    {
      schema: { operationId: 'createAccount', tags, body: accountCreateBody, response: { 200: account } },
      config: { roles, action: 'accounts.create' },
    },
    async (req) => createAccount(deps, actorOf(req), req.body, req.ip),
  );
  r.post(
    '/api/accounts/batch',
    {
      schema: {
        operationId: 'createMemberAccounts',
        tags,
        body: accountBatchBody,
        response: { 200: accountBatchResult },
      },
      config: { roles, action: 'accounts.batch_create' },
    },
    async (req) => createMemberAccounts(deps, actorOf(req), req.body, req.ip, outbox),
  );
  r.patch(
    '/api/accounts/:id',
    {
      schema: {
        operationId: 'updateAccount',
        tags,
        params: idParams,
        body: accountUpdateBody,
        response: { 200: account },
      },
      config: { roles, action: 'accounts.update' },
    },
    async (req) => updateAccount(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/accounts/:id/unlock',
    {
      schema: { operationId: 'unlockAccount', tags, params: idParams, response: { 200: account } },
      config: { roles, action: 'accounts.unlock' },
    },
    async (req) => unlockAccount(deps, actorOf(req), req.params.id, req.ip),
  );
}
