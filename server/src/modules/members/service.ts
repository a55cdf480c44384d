import type { z } from 'zod';
import type {
  MemberCreateBody,
  MemberDetail,
  MemberListQuery,
  MemberRow,
  MemberUpdateBody,
  memberRetireBody,
} from '../../../../contracts/members.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { change } from '../audit/change.ts';
import { maskPhone } from '../../lib/crypto.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { sectorUsable, specialCommitteeUsable } from '../org/for-others.ts';
import { requireCommittee } from '../org/service.ts';
import { indexPersons } from '../search/service.ts';
import { nameKeys } from './names.ts';
import { countMembers, listMembers, memberById, personById, seatsOfPerson } from './queries.ts';
import type { MemberRowDb } from './queries.ts';
import { findPersonsByPhone, upsertPersons, upsertSeats } from './writes.ts';

export const toMemberRow = (r: MemberRowDb): MemberRow => ({
  id: r.id,
  personId: r.person_id,
  name: r.name,
  gender: r.gender,
  committeeId: r.committee_id,
  committeeName: r.committee_name,
  level: r.level,
  sectorId: r.sector_id,
  sectorName: r.sector_name,
  specialCommitteeId: r.special_committee_id,
  specialCommitteeName: r.special_committee_name,
  workUnitPost: r.work_unit_post,
  position: r.position,
  status: r.status,
  phoneMasked: r.phone_masked,
  otherCommittees: r.other_committees,
});

const toSeat = (r: MemberRowDb) => ({
  id: r.id,
  committeeId: r.committee_id,
  committeeName: r.committee_name,
  level: r.level,
  sectorId: r.sector_id,
  sectorName: r.sector_name,
  specialCommitteeId: r.special_committee_id,
  specialCommitteeName: r.special_committee_name,
  workUnitPost: r.work_unit_post,
  position: r.position,
  status: r.status,
  joinedOn: r.joined_on,
  retiredOn: r.retired_on,
  retireReason: r.retire_reason,
});

/** Filters of the grid and the export, resolved against the caller's scope. */
export async function resolveFilters(
  deps: Deps,
  actor: Actor,
  f: Omit<MemberListQuery, 'page' | 'pageSize'>,
) {
  const committeePath = f.committeeId ? (await requireCommittee(deps, actor, f.committeeId)).path : undefined;
  const q = f.q?.replace(/\s+/g, '');
  const qPhoneHash = q && /^1[3-9]\d{9}$/.test(q) ? deps.sealer.hash(q) : undefined;
  return { ...f, committeePath, qPhoneHash };
}

export async function listMemberPage(deps: Deps, actor: Actor, query: MemberListQuery) {
  assertCan(actor, 'members.read');
  const { page, pageSize, ...filters } = query;
  const f = await resolveFilters(deps, actor, filters);
  const rows = await listMembers(deps.db, actor.scope, f, { limit: pageSize, offset: (page - 1) * pageSize });
  const total =
    rows.length < pageSize && (page === 1 || rows.length > 0)
      ? (page - 1) * pageSize + rows.length
      : await countMembers(deps.db, actor.scope, f);
  return { items: rows.map(toMemberRow), total, page, pageSize };
}

export async function getMember(deps: Deps, actor: Actor, id: string): Promise<MemberDetail> {
  assertCan(actor, 'members.read');
  const row = await memberById(deps.db, actor.scope, id);
  if (!row) throw new AppError('members.not_found');
  const p = (await personById(deps.db, row.person_id))!;
  const seats = await seatsOfPerson(deps.db, actor.scope, row.person_id);
  return {
    id: row.id,
    person: {
      id: p.id,
      name: p.name,
      gender: p.gender,
      ethnicity: p.ethnicity,
      birthMonth: p.birth_month,
      party: p.party,
      phoneMasked: p.phone_masked,
    },
    membership: toSeat(row),
    otherMemberships: seats.filter((s) => s.id !== row.id).map(toSeat),
  };
}

/** Sector and special committee must belong to the seat's committee (or be national). */
async function checkSeatRefs(
  q: Queryable,
  committeeId: string,
  sectorId?: string | null,
  specialId?: string | null,
) {
  if (sectorId) {
    if (!(await sectorUsable(q, sectorId, committeeId)))
      throw new AppError('org.sector_not_found', {
        fields: [{ field: 'body.sectorId', problem: 'invalid' }],
      });
  }
  if (specialId) {
    if (!(await specialCommitteeUsable(q, specialId, committeeId)))
      throw new AppError('org.special_committee_not_found', {
        fields: [{ field: 'body.specialCommitteeId', problem: 'invalid' }],
      });
  }
}

export async function createMember(deps: Deps, actor: Actor, input: MemberCreateBody, ip: string) {
  return change(deps, {
    actor,
    ip,
    assert: () => assertCan(actor, 'members.write'),
    load: (q) => requireCommittee(deps, actor, input.committeeId, q),
    apply: async (q) => {
      const now = deps.clock.now();
      await checkSeatRefs(q, input.committeeId, input.sectorId, input.specialCommitteeId);
      let personId: string;
      if ('personId' in input) {
        // A seat for someone already on a roster the caller can see.
        const seen = await seatsOfPerson(q, actor.scope, input.personId);
        if (!seen.length)
          throw new AppError('members.not_found', {
            fields: [{ field: 'body.personId', problem: 'invalid' }],
          });
        personId = input.personId;
      } else {
        const existing = input.phone
          ? (await findPersonsByPhone(q, deps.sealer, [input.phone])).values().next().value
          : undefined;
        if (existing && existing.name !== input.name)
          throw new AppError('members.phone_other_person', {
            fields: [{ field: 'body.phone', problem: 'invalid' }],
          });
        personId = existing?.id ?? deps.ids.uuid();
        await upsertPersons(q, deps.sealer, now, [{ ...input, id: personId }]);
      }
      const already = await q.query('select 1 from memberships where person_id = $1 and committee_id = $2', [
        personId,
        input.committeeId,
      ]);
      if (already.length) throw new AppError('members.already_in_committee');
      const res = await upsertSeats(q, now, [{ ...input, id: deps.ids.uuid(), personId }]);
      const id = res.ids.get(`${personId}/${input.committeeId}`)!;
      await indexPersons(q, [personId]);
      return { id, personId };
    },
    audit: (_committee, seat) => ({
      committeeId: input.committeeId,
      action: 'members.create',
      targetType: 'membership',
      targetId: seat.id,
      detail: { personId: seat.personId, newPerson: !('personId' in input) },
    }),
    reload: (_committee, seat) => getMember(deps, actor, seat.id),
  });
}

/** A seat in the caller's scope, read inside the write's transaction. */
async function seatInScope(q: Queryable, actor: Actor, id: string) {
  const row = await memberById(q, actor.scope, id);
  if (!row) throw new AppError('members.not_found');
  return row;
}

export async function updateMember(
  deps: Deps,
  actor: Actor,
  id: string,
  input: MemberUpdateBody,
  ip: string,
) {
  return change(deps, {
    actor,
    ip,
    assert: () => assertCan(actor, 'members.write'),
    load: (q) => seatInScope(q, actor, id),
    apply: async (q, row) => {
      const now = deps.clock.now();
      await checkSeatRefs(q, row.committee_id, input.sectorId, input.specialCommitteeId);
      if (input.phone) {
        const other = (await findPersonsByPhone(q, deps.sealer, [input.phone])).values().next().value;
        if (other && other.id !== row.person_id)
          throw new AppError('members.phone_other_person', {
            fields: [{ field: 'body.phone', problem: 'invalid' }],
          });
      }
      const keys = input.name ? nameKeys(input.name) : null;
      const phoneSet = input.phone !== undefined;
      await q.query(
        `update persons set name = coalesce($2, name), name_pinyin = coalesce($3, name_pinyin),
         name_initials = coalesce($4, name_initials), gender = coalesce($5, gender),
         ethnicity = case when $6 then $7 else ethnicity end,
         birth_month = case when $8 then $9 else birth_month end,
         party = case when $10 then $11 else party end,
         phone_enc = case when $12 then $13 else phone_enc end,
         phone_hash = case when $12 then $14 else phone_hash end,
         phone_masked = case when $12 then $15 else phone_masked end,
         updated_at = $16
       where id = $1`,
        [
          row.person_id,
          input.name ?? null,
          keys?.pinyin ?? null,
          keys?.initials ?? null,
          input.gender ?? null,
          input.ethnicity !== undefined,
          input.ethnicity ?? null,
          input.birthMonth !== undefined,
          input.birthMonth ?? null,
          input.party !== undefined,
          input.party ?? null,
          phoneSet,
          input.phone ? deps.sealer.seal(input.phone) : null,
          input.phone ? deps.sealer.hash(input.phone) : null,
          input.phone ? maskPhone(input.phone) : null,
          now,
        ],
      );
      await q.query(
        `update memberships set sector_id = case when $2 then $3 else sector_id end,
         special_committee_id = case when $4 then $5 else special_committee_id end,
         work_unit_post = coalesce($6, work_unit_post), position = coalesce($7, position),
         joined_on = case when $8 then $9::date else joined_on end, updated_at = $10
       where id = $1`,
        [
          id,
          input.sectorId !== undefined,
          input.sectorId ?? null,
          input.specialCommitteeId !== undefined,
          input.specialCommitteeId ?? null,
          input.workUnitPost ?? null,
          input.position ?? null,
          input.joinedOn !== undefined,
          input.joinedOn ?? null,
          now,
        ],
      );
      await indexPersons(q, [row.person_id]);
    },
    audit: (row) => ({
      committeeId: row.committee_id,
      action: 'members.update',
      targetType: 'membership',
      targetId: id,
      // Which fields changed, never the personal values themselves.
      detail: { fields: Object.keys(input) },
    }),
    reload: () => getMember(deps, actor, id),
  });
}

export async function retireMember(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof memberRetireBody>,
  ip: string,
) {
  return change(deps, {
    actor,
    ip,
    assert: () => assertCan(actor, 'members.write'),
    load: async (q) => {
      const row = await seatInScope(q, actor, id);
      if (row.status === 'retired') throw new AppError('members.already_retired');
      return row;
    },
    apply: async (q, row) => {
      await q.query(
        `update memberships set status = 'retired', retired_on = $2, retire_reason = $3, updated_at = $4 where id = $1`,
        [id, input.retiredOn, input.reason ?? null, deps.clock.now()],
      );
      await indexPersons(q, [row.person_id]);
    },
    audit: (row) => ({
      committeeId: row.committee_id,
      action: 'members.retire',
      targetType: 'membership',
      targetId: id,
      detail: { retiredOn: input.retiredOn },
    }),
    reload: () => getMember(deps, actor, id),
  });
}
