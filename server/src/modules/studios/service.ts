import type { z } from 'zod';
import type {
  Studio,
  dutyRuleBody,
  dutySlotBody,
  standardChecksBody,
  studioCreateBody,
  studioReviewBody,
  studioUpdateBody,
} from '../../../../contracts/studios.ts';
import { dutiesWaivedFor, studioWorkflow } from '../../../../contracts/studio-workflow.ts';
import type { StudioSubject } from '../../../../contracts/studio-workflow.ts';
import { assertMayAttempt, assertTransition } from '../../../../contracts/workflow.ts';
import type { WorkflowActor } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { change } from '../audit/change.ts';
import { publicCode } from '../../lib/clock.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { hasActiveSeatIn } from '../members/for-studios.ts';
import { sectorUsable } from '../org/for-others.ts';
import { requireCommittee } from '../org/service.ts';
import { indexStudio } from '../search/service.ts';
import { localDate } from '../../lib/local-date.ts';
import { addDays, expandDuty } from './duty.ts';
import { dutyOf, personNames, standardChecks, studioMembers, studiosInScope } from './queries.ts';
import type { StudioRow } from './queries.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const studioUrl = (deps: Deps, code: string) => `${deps.settings.publicBaseUrl}/s/${code}`;
export const memberUrl = (deps: Deps, code: string) => `${deps.settings.publicBaseUrl}/m/${code}`;

export function toSummary(deps: Deps, r: StudioRow) {
  return {
    id: r.id,
    committeeId: r.committee_id,
    committeeName: r.committee_name,
    name: r.name,
    kind: r.kind,
    sectorId: r.sector_id,
    sectorName: r.sector_name,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    leadPersonId: r.lead_person_id,
    leadName: r.lead_name,
    intro: r.intro,
    services: r.services,
    openingHours: r.opening_hours,
    hotline: r.hotline,
    status: r.status,
    reviewReason: r.review_reason,
    submittedAt: iso(r.submitted_at),
    submittedBy: r.submitted_by,
    reviewedAt: iso(r.reviewed_at),
    separateDuties: r.separate_duties,
    publicCode: r.public_code,
    publicUrl: studioUrl(deps, r.public_code),
    memberCount: r.member_count,
  };
}

/** On `q` when called inside a transaction (PGlite has one connection). */
export async function requireStudio(deps: Deps, actor: Actor, id: string, q: Queryable = deps.db) {
  const [row] = await studiosInScope(q, actor.scope, { id });
  if (!row) throw new AppError('studios.not_found');
  return row;
}

export async function listStudios(deps: Deps, actor: Actor, f: { committeeId?: string; status?: string }) {
  assertCan(actor, 'studios.read');
  if (f.committeeId) await requireCommittee(deps, actor, f.committeeId);
  return (await studiosInScope(deps.db, actor.scope, f)).map((r) => toSummary(deps, r));
}

export async function getStudio(deps: Deps, actor: Actor, id: string): Promise<Studio> {
  assertCan(actor, 'studios.read');
  const row = await requireStudio(deps, actor, id);
  const { memberCount: _count, ...summary } = toSummary(deps, row);
  const members = await studioMembers(deps.db, id);
  const checks = await standardChecks(deps.db, id, row.committee_id);
  return {
    ...summary,
    members: members.map((m) => ({
      personId: m.person_id,
      name: m.name,
      role: m.role,
      sectorName: m.sector_name,
      committeeName: m.committee_name,
    })),
    standards: checks.map((c) => ({
      standardId: c.standard_id,
      name: c.name,
      met: c.met ?? false,
      note: c.note,
    })),
  };
}

/**
 * A staff write to one studio in the caller's scope (modules/audit/change.ts): `check` on the studio as
 * loaded, `apply` the change, audited as `action` on the studio, answered by `reload`.
 */
function studioChange<Done, Out>(
  deps: Deps,
  actor: Actor,
  id: string,
  ip: string,
  s: {
    action: string;
    check?: (row: StudioRow) => void;
    apply: (q: Queryable, row: StudioRow) => Promise<Done>;
    detail?: (done: Done) => Record<string, unknown>;
    reload: () => Promise<Out>;
  },
): Promise<Out> {
  return change(deps, {
    actor,
    ip,
    assert: () => assertCan(actor, 'studios.write'),
    load: async (q) => {
      const row = await requireStudio(deps, actor, id, q);
      s.check?.(row);
      return row;
    },
    apply: s.apply,
    audit: (row, done) => ({
      committeeId: row.committee_id,
      action: s.action,
      targetType: 'studio',
      targetId: id,
      detail: s.detail?.(done),
    }),
    reload: s.reload,
  });
}

/** A sector studio names a sector of its committee (or a national one): not any id. */
async function assertSector(q: Queryable, sectorId: string | null | undefined, committeeId: string) {
  if (sectorId && !(await sectorUsable(q, sectorId, committeeId)))
    throw new AppError('org.sector_not_found', { fields: [{ field: 'body.sectorId', problem: 'invalid' }] });
}

/** A person may serve in a studio if the caller can see one of their active seats. */
async function assertServable(q: Queryable, actor: Actor, personId: string) {
  if (!(await hasActiveSeatIn(q, personId, actor.scope)))
    throw new AppError('studios.person_not_member', {
      fields: [{ field: 'body.personId', problem: 'invalid' }],
    });
}

async function upsertMember(
  deps: Deps,
  q: Queryable,
  studioId: string,
  personId: string,
  role: 'convenor' | 'member',
) {
  await q.query(
    `insert into studio_members (studio_id, person_id, role, joined_at) values ($1, $2, $3, $4)
     on conflict (studio_id, person_id) do update set role = excluded.role`,
    [studioId, personId, role, deps.clock.now()],
  );
}

export async function createStudio(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof studioCreateBody>,
  ip: string,
) {
  return change(deps, {
    actor,
    ip,
    assert: () => assertCan(actor, 'studios.write'),
    load: (q) => requireCommittee(deps, actor, input.committeeId, q),
    apply: async (q) => {
      const id = deps.ids.uuid();
      const now = deps.clock.now();
      if (input.leadPersonId) await assertServable(q, actor, input.leadPersonId);
      await assertSector(q, input.sectorId, input.committeeId);
      await q.query(
        `insert into studios (id, committee_id, name, kind, sector_id, address, lat, lng, lead_person_id, intro, services,
         opening_hours, hotline, public_code, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
        [
          id,
          input.committeeId,
          input.name,
          input.kind,
          input.sectorId ?? null,
          input.address ?? null,
          input.lat ?? null,
          input.lng ?? null,
          input.leadPersonId ?? null,
          input.intro ?? null,
          input.services ?? null,
          input.openingHours ?? null,
          input.hotline ?? null,
          publicCode(),
          now,
        ],
      );
      if (input.leadPersonId) await upsertMember(deps, q, id, input.leadPersonId, 'convenor');
      await indexStudio(q, id);
      return id;
    },
    audit: (_committee, id) => ({
      committeeId: input.committeeId,
      action: 'studios.create',
      targetType: 'studio',
      targetId: id,
      detail: { name: input.name },
    }),
    reload: (_committee, id) => getStudio(deps, actor, id),
  });
}

export async function updateStudio(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof studioUpdateBody>,
  ip: string,
) {
  return studioChange(deps, actor, id, ip, {
    reload: () => getStudio(deps, actor, id),
    action: 'studios.update',
    detail: () => ({ fields: Object.keys(input) }),
    apply: async (q, row) => {
      if (input.leadPersonId) await assertServable(q, actor, input.leadPersonId);
      await assertSector(q, input.sectorId, row.committee_id);
      // Only the keys sent are changed; null clears an optional field.
      const cols: Record<string, string> = {
        name: 'name',
        kind: 'kind',
        sectorId: 'sector_id',
        address: 'address',
        lat: 'lat',
        lng: 'lng',
        leadPersonId: 'lead_person_id',
        intro: 'intro',
        services: 'services',
        openingHours: 'opening_hours',
        hotline: 'hotline',
      };
      const sets: string[] = [];
      const params: unknown[] = [id];
      for (const [k, col] of Object.entries(cols)) {
        const v = (input as Record<string, unknown>)[k];
        if (v !== undefined) sets.push(`${col} = $${params.push(v)}`);
      }
      sets.push(`updated_at = $${params.push(deps.clock.now())}`);
      await q.query(`update studios set ${sets.join(', ')} where id = $1`, params);
      await indexStudio(q, id);
      if (input.leadPersonId) await upsertMember(deps, q, id, input.leadPersonId, 'convenor');
    },
  });
}

export async function addStudioMember(
  deps: Deps,
  actor: Actor,
  id: string,
  personId: string,
  role: 'convenor' | 'member',
  ip: string,
) {
  return studioChange(deps, actor, id, ip, {
    reload: () => getStudio(deps, actor, id),
    action: 'studios.member_add',
    detail: () => ({ personId, role }),
    apply: async (q) => {
      await assertServable(q, actor, personId);
      await upsertMember(deps, q, id, personId, role);
    },
  });
}

export async function removeStudioMember(deps: Deps, actor: Actor, id: string, personId: string, ip: string) {
  return studioChange(deps, actor, id, ip, {
    reload: () => getStudio(deps, actor, id),
    action: 'studios.member_remove',
    detail: () => ({ personId }),
    apply: async (q) => {
      await q.query('delete from studio_members where studio_id = $1 and person_id = $2', [id, personId]);
      await q.query('update studios set lead_person_id = null where id = $1 and lead_person_id = $2', [
        id,
        personId,
      ]);
    },
  });
}

export async function setStandardChecks(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof standardChecksBody>,
  ip: string,
) {
  return studioChange(deps, actor, id, ip, {
    reload: () => getStudio(deps, actor, id),
    action: 'studios.standards',
    apply: async (q, row) => {
      for (const c of input.checks) {
        const ok = await q.query('select 1 from studio_standards where id = $1 and committee_id = $2', [
          c.standardId,
          row.committee_id,
        ]);
        if (!ok.length)
          throw new AppError('request.invalid', {
            fields: [{ field: 'body.checks.standardId', problem: 'invalid' }],
          });
        await q.query(
          `insert into studio_standard_checks (studio_id, standard_id, met, note) values ($1, $2, $3, $4)
         on conflict (studio_id, standard_id) do update set met = excluded.met, note = excluded.note`,
          [id, c.standardId, c.met, c.note ?? null],
        );
      }
    },
  });
}

// Approval before a studio goes online (严格审批程序), by contracts/studio-workflow.ts:
// draft → submitted → approved | rejected; whoever submitted it does not review it, unless
// the studio's committee waived the separation.
const subjectOf = (r: StudioRow): StudioSubject => ({
  status: r.status,
  submittedBy: r.submitted_by,
  separateDuties: r.separate_duties,
});
const workflowActor = (actor: Actor): WorkflowActor => ({ id: actor.accountId, role: actor.role });

export async function submitStudio(deps: Deps, actor: Actor, id: string, ip: string) {
  assertMayAttempt(studioWorkflow, 'submit', workflowActor(actor), AppError);
  return studioChange(deps, actor, id, ip, {
    reload: () => getStudio(deps, actor, id),
    action: studioWorkflow.transitions.submit.audit,
    check: (row) =>
      assertTransition(studioWorkflow, 'submit', subjectOf(row), workflowActor(actor), AppError),
    apply: async (q) => {
      await q.query(
        `update studios set status = 'submitted', submitted_at = $2, submitted_by = $3, updated_at = $2 where id = $1`,
        [id, deps.clock.now(), actor.accountId],
      );
    },
  });
}

export async function reviewStudio(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof studioReviewBody>,
  ip: string,
) {
  const transition = input.decision;
  const who = workflowActor(actor);
  return change(deps, {
    actor,
    ip,
    assert: () => {
      assertCan(actor, 'studios.review');
      assertMayAttempt(studioWorkflow, transition, who, AppError);
    },
    load: async (q) => {
      const row = await requireStudio(deps, actor, id, q);
      assertTransition(studioWorkflow, transition, subjectOf(row), who, AppError);
      if (input.decision === 'reject' && !input.reason)
        throw new AppError('studios.reason_required', {
          fields: [{ field: 'body.reason', problem: 'required' }],
        });
      return row;
    },
    apply: async (q) => {
      await q.query(
        `update studios set status = $2, review_reason = $3, reviewed_by = $4, reviewed_at = $5, updated_at = $5 where id = $1`,
        [
          id,
          input.decision === 'approve' ? 'approved' : 'rejected',
          input.reason ?? null,
          actor.accountId,
          deps.clock.now(),
        ],
      );
    },
    audit: (row) => ({
      committeeId: row.committee_id,
      action: studioWorkflow.transitions[transition].audit,
      targetType: 'studio',
      targetId: id,
      detail: {
        reason: input.reason ?? null,
        submittedBy: row.submitted_by,
        // Either way the row says how the review stood to the submission.
        separationOfDuties: dutiesWaivedFor(subjectOf(row), who) ? 'waived_by_committee_setting' : 'kept',
      },
    }),
    reload: () => getStudio(deps, actor, id),
  });
}

/** The roster of one or more studios with named occurrences between two local dates. */
export async function occurrencesOf(deps: Deps, studioIds: string[], from: string, to: string) {
  const { rules, slots } = await dutyOf(deps.db, studioIds);
  const occ = expandDuty(rules, slots, from, to).map((o) => ({
    ...o,
    studioId: (o.source === 'rule'
      ? rules.find((r) => r.id === o.sourceId)
      : slots.find((s) => s.id === o.sourceId))!.studioId,
  }));
  const names = await personNames(deps.db, [...new Set(occ.flatMap((o) => o.personIds))]);
  return {
    rules,
    slots,
    occurrences: occ.map(({ personIds, ...o }) => ({
      ...o,
      people: personIds.map((p) => ({ personId: p, name: names.get(p) ?? '' })),
    })),
  };
}

export async function dutyRoster(
  deps: Deps,
  actor: Actor,
  id: string,
  range: { from?: string; to?: string },
) {
  assertCan(actor, 'studios.read');
  await requireStudio(deps, actor, id);
  const from = range.from ?? localDate(deps.clock.now());
  const to = range.to ?? addDays(from, 92);
  const r = await occurrencesOf(deps, [id], from, to);
  return {
    rules: r.rules.map(({ studioId: _s, ...x }) => x),
    slots: r.slots.map(({ studioId: _s, ...x }) => x),
    occurrences: r.occurrences.map(({ studioId: _s, ...x }) => x),
  };
}

async function assertOnDutyAreMembers(q: Queryable, studioId: string, personIds: string[]) {
  if (!personIds.length) return;
  const rows = await q.query<{ person_id: string }>(
    'select person_id from studio_members where studio_id = $1 and person_id = any($2::uuid[])',
    [studioId, personIds],
  );
  if (rows.length !== new Set(personIds).size)
    throw new AppError('studios.person_not_member', {
      fields: [{ field: 'body.personIds', problem: 'invalid' }],
    });
}

export async function addDutyRule(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof dutyRuleBody>,
  ip: string,
) {
  return studioChange(deps, actor, id, ip, {
    action: 'studios.duty_rule_add',
    detail: (ruleId) => ({ ruleId }),
    reload: () => dutyRoster(deps, actor, id, {}),
    apply: async (q) => {
      const ruleId = deps.ids.uuid();
      await assertOnDutyAreMembers(q, id, input.personIds);
      await q.query(
        `insert into duty_rules (id, studio_id, freq, day, start_time, end_time, person_ids, valid_from, valid_to, note, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          ruleId,
          id,
          input.freq,
          input.day,
          input.startTime,
          input.endTime,
          input.personIds,
          input.validFrom,
          input.validTo ?? null,
          input.note ?? null,
          deps.clock.now(),
        ],
      );
      return ruleId;
    },
  });
}

export async function addDutySlot(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof dutySlotBody>,
  ip: string,
) {
  return studioChange(deps, actor, id, ip, {
    action: 'studios.duty_slot_add',
    detail: (slotId) => ({ slotId }),
    reload: () => dutyRoster(deps, actor, id, {}),
    apply: async (q) => {
      const slotId = deps.ids.uuid();
      await assertOnDutyAreMembers(q, id, input.personIds);
      await q.query(
        `insert into duty_slots (id, studio_id, starts_at, ends_at, person_ids, note, created_at) values ($1, $2, $3, $4, $5, $6, $7)`,
        [slotId, id, input.startsAt, input.endsAt, input.personIds, input.note ?? null, deps.clock.now()],
      );
      return slotId;
    },
  });
}

export async function removeDuty(
  deps: Deps,
  actor: Actor,
  id: string,
  kind: 'rule' | 'slot',
  entryId: string,
  ip: string,
) {
  return studioChange(deps, actor, id, ip, {
    action: `studios.duty_${kind}_remove`,
    detail: () => ({ entryId }),
    reload: () => dutyRoster(deps, actor, id, {}),
    apply: async (q) => {
      const table = kind === 'rule' ? 'duty_rules' : 'duty_slots';
      const gone = await q.query(`delete from ${table} where id = $1 and studio_id = $2 returning id`, [
        entryId,
        id,
      ]);
      if (!gone.length) throw new AppError('studios.duty_not_found');
    },
  });
}
