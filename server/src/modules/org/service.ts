import type { z } from 'zod';
import type {
  Committee,
  committeeSettingsBody,
  Department,
  departmentCreateBody,
  departmentUpdateBody,
} from '../../../../contracts/org.ts';
import type { Queryable } from '../../db/db.ts';
import { committeeInScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { ErrorCode } from '../../../../contracts/messages.ts';
import { change } from '../audit/change.ts';
import { recordAudit } from '../audit/service.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import {
  committeesInScope,
  departmentsOf,
  nameTaken,
  ownerOf,
  sectorsOf,
  specialCommitteesOf,
} from './queries.ts';
import type { CommitteeRow, DepartmentRow, NamedRow } from './queries.ts';

const toCommittee = (r: CommitteeRow): Committee => ({
  id: r.id,
  parentId: r.parent_id,
  level: r.level,
  regionCode: r.region_code.trim(),
  name: r.name,
  regionName: r.region_name,
  memberCount: r.member_count,
  separateDuties: r.separate_duties,
  replyReview: r.reply_review,
});

export async function listCommittees(deps: Deps, actor: Actor) {
  assertCan(actor, 'org.read');
  const rows = await committeesInScope(deps.db, actor.scope);
  // The actor's own committee is the root of what they see.
  return rows.map((r) => toCommittee(r.id === actor.scope.committeeId ? { ...r, parent_id: null } : r));
}

export async function getCommittee(deps: Deps, actor: Actor, id: string) {
  assertCan(actor, 'org.read');
  const [row] = await committeesInScope(deps.db, actor.scope, id);
  if (!row) throw new AppError('org.committee_not_found');
  return toCommittee(row);
}

/**
 * A committee's settings, changed by an admin whose scope holds it. Waiving the separation of
 * duties is a decision of the office, so both ways are in the audit log with the value set.
 */
export async function updateCommitteeSettings(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof committeeSettingsBody>,
  ip: string,
) {
  return change(deps, {
    actor,
    ip,
    assert: () => {
      if (input.separateDuties !== undefined) assertCan(actor, 'org.settings');
      if (input.replyReview !== undefined) assertCan(actor, 'org.write');
    },
    load: async (q) => {
      const [row] = await committeesInScope(q, actor.scope, id);
      if (!row) throw new AppError('org.committee_not_found');
      return row;
    },
    apply: async (q) => {
      await q.query(
        `update committees set separate_duties = coalesce($2, separate_duties), reply_review = coalesce($3, reply_review)
          where id = $1`,
        [id, input.separateDuties ?? null, input.replyReview ?? null],
      );
    },
    audit: (row) => ({
      committeeId: id,
      action: 'committees.settings',
      targetType: 'committee',
      targetId: id,
      detail: {
        ...(input.separateDuties === undefined
          ? {}
          : { separateDuties: { from: row.separate_duties, to: input.separateDuties } }),
        ...(input.replyReview === undefined
          ? {}
          : { replyReview: { from: row.reply_review, to: input.replyReview } }),
      },
    }),
    reload: () => getCommittee(deps, actor, id),
  });
}

/** The committee if the actor may see it; 404 otherwise (never reveal other committees' ids). */
/** On `q` when called inside a transaction (PGlite has one connection). */
export async function requireCommittee(deps: Deps, actor: Actor, id: string, q: Queryable = deps.db) {
  const c = await committeeInScope(q, actor.scope, id);
  if (!c)
    throw new AppError('org.committee_not_found', { fields: [{ field: 'committeeId', problem: 'invalid' }] });
  return c;
}

// Sectors and special committees are both named lists owned by a committee; one set of
// rules serves both.
type NamedTable = 'sectors' | 'special_committees';
const namedKinds = {
  sectors: { notFound: 'org.sector_not_found', action: 'sectors' },
  special_committees: { notFound: 'org.special_committee_not_found', action: 'special_committees' },
} as const satisfies Record<NamedTable, { notFound: ErrorCode; action: string }>;

const toNamed = (r: NamedRow) => ({
  id: r.id,
  committeeId: r.committee_id,
  name: r.name,
  sortOrder: r.sort_order,
  retired: r.retired_at !== null,
  memberCount: r.member_count,
});

export async function listSectors(deps: Deps, actor: Actor, committeeId: string) {
  assertCan(actor, 'org.read');
  await requireCommittee(deps, actor, committeeId);
  return (await sectorsOf(deps.db, committeeId)).map((r) => ({
    ...toNamed(r),
    national: r.committee_id === null,
  }));
}

export async function listSpecialCommittees(deps: Deps, actor: Actor, committeeId: string) {
  assertCan(actor, 'org.read');
  await requireCommittee(deps, actor, committeeId);
  return (await specialCommitteesOf(deps.db, committeeId)).map((r) => ({
    ...toNamed(r),
    committeeId: r.committee_id!,
  }));
}

async function ownedInScope(
  deps: Deps,
  actor: Actor,
  table: NamedTable | 'departments',
  id: string,
  notFound: ErrorCode,
) {
  const owner = await ownerOf(deps.db, table, id);
  const path = owner?.path;
  // National sectors belong to no committee and cannot be edited from a local console.
  if (!owner || !owner.committee_id || !path) throw new AppError(notFound);
  if (path !== actor.scope.path && !path.startsWith(`${actor.scope.path}/`)) throw new AppError(notFound);
  return owner.committee_id;
}

export async function createNamed(
  deps: Deps,
  actor: Actor,
  table: NamedTable,
  input: { committeeId: string; name: string },
  ip: string,
) {
  assertCan(actor, 'org.write');
  await requireCommittee(deps, actor, input.committeeId);
  const id = deps.ids.uuid();
  await deps.db.tx(async (q) => {
    if (await nameTaken(q, table, input.committeeId, input.name))
      throw new AppError('org.name_taken', { fields: [{ field: 'body.name', problem: 'invalid' }] });
    await q.query(
      `insert into ${table} (id, committee_id, name, sort_order)
       values ($1, $2, $3, (select coalesce(max(sort_order), 0) + 1 from ${table} where committee_id = $2))`,
      [id, input.committeeId, input.name],
    );
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: input.committeeId,
      ip,
      action: `${namedKinds[table].action}.create`,
      targetType: table,
      targetId: id,
      result: 'ok',
      status: 200,
      detail: { name: input.name },
    });
  });
  return id;
}

export async function updateNamed(
  deps: Deps,
  actor: Actor,
  table: NamedTable,
  id: string,
  input: { name?: string; retired?: boolean },
  ip: string,
) {
  assertCan(actor, 'org.write');
  const committeeId = await ownedInScope(deps, actor, table, id, namedKinds[table].notFound);
  await deps.db.tx(async (q) => {
    if (input.name && (await nameTaken(q, table, committeeId, input.name, id)))
      throw new AppError('org.name_taken', { fields: [{ field: 'body.name', problem: 'invalid' }] });
    await q.query(
      `update ${table} set name = coalesce($2, name),
         retired_at = case when $3::boolean is null then retired_at when $3 then coalesce(retired_at, $4) else null end
       where id = $1`,
      [id, input.name ?? null, input.retired ?? null, deps.clock.now()],
    );
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId,
      ip,
      action: `${namedKinds[table].action}.update`,
      targetType: table,
      targetId: id,
      result: 'ok',
      status: 200,
      detail: input,
    });
  });
  return committeeId;
}

const toDepartment = (r: DepartmentRow): Department => ({
  id: r.id,
  committeeId: r.committee_id,
  name: r.name,
  kind: r.kind,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  retired: r.retired_at !== null,
});

export async function listDepartments(deps: Deps, actor: Actor, committeeId: string) {
  assertCan(actor, 'org.read');
  await requireCommittee(deps, actor, committeeId);
  return (await departmentsOf(deps.db, committeeId)).map(toDepartment);
}

export async function createDepartment(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof departmentCreateBody>,
  ip: string,
) {
  assertCan(actor, 'org.write');
  await requireCommittee(deps, actor, input.committeeId);
  const id = deps.ids.uuid();
  await deps.db.tx(async (q) => {
    if (await nameTaken(q, 'departments', input.committeeId, input.name))
      throw new AppError('org.name_taken', { fields: [{ field: 'body.name', problem: 'invalid' }] });
    await q.query(
      `insert into departments (id, committee_id, name, kind, contact_name, contact_phone) values ($1, $2, $3, $4, $5, $6)`,
      [id, input.committeeId, input.name, input.kind, input.contactName ?? null, input.contactPhone ?? null],
    );
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: input.committeeId,
      ip,
      action: 'departments.create',
      targetType: 'department',
      targetId: id,
      result: 'ok',
      status: 200,
      detail: { name: input.name, kind: input.kind },
    });
  });
  return toDepartment((await departmentsOf(deps.db, input.committeeId, id))[0]!);
}

export async function updateDepartment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof departmentUpdateBody>,
  ip: string,
) {
  assertCan(actor, 'org.write');
  const committeeId = await ownedInScope(deps, actor, 'departments', id, 'org.department_not_found');
  await deps.db.tx(async (q) => {
    if (input.name && (await nameTaken(q, 'departments', committeeId, input.name, id)))
      throw new AppError('org.name_taken', { fields: [{ field: 'body.name', problem: 'invalid' }] });
    // undefined keeps a contact field, null clears it.
    await q.query(
      `update departments set name = coalesce($2, name), kind = coalesce($3, kind),
         contact_name = case when $4 then $5 else contact_name end,
         contact_phone = case when $6 then $7 else contact_phone end,
         retired_at = case when $8::boolean is null then retired_at when $8 then coalesce(retired_at, $9) else null end
       where id = $1`,
      [
        id,
        input.name ?? null,
        input.kind ?? null,
        input.contactName !== undefined,
        input.contactName ?? null,
        input.contactPhone !== undefined,
        input.contactPhone ?? null,
        input.retired ?? null,
        deps.clock.now(),
      ],
    );
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId,
      ip,
      action: 'departments.update',
      targetType: 'department',
      targetId: id,
      result: 'ok',
      status: 200,
      detail: input,
    });
  });
  return toDepartment((await departmentsOf(deps.db, committeeId, id))[0]!);
}
