import type { z } from 'zod';
import type {
  Consultation,
  amendmentBody,
  closeBody,
  consultationCreateBody,
  consultationUpdateBody,
  microBody,
} from '../../../../contracts/consultations.ts';
import { consultationWorkflow, minutesWorkflow } from '../../../../contracts/consultation-workflow.ts';
import type { ConsultationSubject } from '../../../../contracts/consultation-workflow.ts';
import { allowedTransitions, assertMayAttempt, assertTransition } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { publicCode } from '../../lib/clock.ts';
import { assertCan } from '../auth/policy.ts';
import { hasActiveSeatIn, personNames } from '../members/for-consultations.ts';
import { requireCommittee } from '../org/service.ts';
import { studioInScope, studioPeople, studiosConvenedBy } from '../studios/for-consultations.ts';
import { iso, workflowActor, write } from './common.ts';
import { outcomesOf } from './outcome-view.ts';
import { agendaOf, amendmentsOf, consultationsInScope, itemInScope, participantsOf } from './queries.ts';
import type { ConsultationRow } from './queries.ts';

// A consultation (协商活动): kind, on site / online / both, time window, place, host, agenda;
// participants invited by role, one by one or with their studio, who accept or decline; the
// sign-in at the door; minutes drafted → amended by participants for a set time → locked;
// closed with its record (minutes, attendees, contributions, outcomes), after which the record
// changes only by a recorded amendment. A micro-consultation (微协商) is a studio's, recorded
// by its convenor in one form.

export const doorUrl = (deps: Deps, code: string) => `${deps.settings.publicBaseUrl}/sign-in/${code}`;

async function subjectOf(q: Queryable, r: ConsultationRow, actor: Actor): Promise<ConsultationSubject> {
  const convenor =
    actor.role === 'member' && r.studio_id !== null && actor.personId !== null
      ? (await studiosConvenedBy(q, actor.personId)).includes(r.studio_id)
      : false;
  return { status: r.status, convenor };
}

export async function requireConsultation(
  deps: Deps,
  actor: Actor,
  id: string,
  q: Queryable = deps.db,
  lock = false,
) {
  const [row] = await consultationsInScope(q, actor.scope, { id }, lock, invitee(actor));
  if (!row) throw new AppError('consultations.not_found');
  return row;
}

const staffRole = (a: Actor) => a.role === 'admin' || a.role === 'staff';
/** The person whose invitations widen a member's reach beyond their scope. */
export const invitee = (a: Actor) => (a.role === 'member' ? a.personId : null);

const summaryOf = (r: ConsultationRow) => ({
  id: r.id,
  committeeId: r.committee_id,
  committeeName: r.committee_name,
  studioName: r.studio_name,
  title: r.title,
  kind: r.kind,
  mode: r.mode,
  startsAt: iso(r.starts_at)!,
  endsAt: iso(r.ends_at)!,
  place: r.place,
  status: r.status,
  minutesStatus: r.minutes_status,
  signedInCount: r.signed_in_count,
});

export async function listConsultations(
  deps: Deps,
  actor: Actor,
  f: { committeeId?: string; kind?: string; status?: string },
) {
  assertCan(actor, 'consultations.read');
  return (await consultationsInScope(deps.db, actor.scope, f, false, invitee(actor))).map(summaryOf);
}

export async function getConsultation(deps: Deps, actor: Actor, id: string): Promise<Consultation> {
  assertCan(actor, 'consultations.read');
  const r = await requireConsultation(deps, actor, id);
  const [agenda, participants, outcomes, amendments, subject] = await Promise.all([
    agendaOf(deps.db, id),
    participantsOf(deps.db, id),
    outcomesOf(deps, actor, { consultationId: id }),
    amendmentsOf(deps.db, id),
    subjectOf(deps.db, r, actor),
  ]);
  const who = workflowActor(actor);
  const mine = actor.personId ? participants.find((p) => p.person_id === actor.personId) : undefined;
  const minutesActions = allowedTransitions(minutesWorkflow, { status: r.minutes_status }, who).filter(
    // A member amends the minutes of a consultation they took part in, while the window is open.
    (t) => t !== 'amend' || staffRole(actor) || Boolean(mine),
  );
  return {
    ...summaryOf(r),
    planItemId: r.plan_item_id,
    topicId: r.topic_id,
    studioId: r.studio_id,
    hostPersonId: r.host_person_id,
    hostName: r.host_name,
    // The door's code is for those who run the consultation; a participant scans it.
    doorCode: staffRole(actor) ? r.door_code : null,
    doorUrl: staffRole(actor) ? doorUrl(deps, r.door_code) : null,
    minutes: r.minutes,
    amendUntil: iso(r.amend_until),
    attendeeCount: r.attendee_count,
    contributionCount: r.contribution_count,
    citizenCount: r.citizen_count,
    citizenNames: r.citizen_names,
    consensus: r.consensus,
    followUp: r.follow_up,
    closedAt: iso(r.closed_at),
    agenda: agenda.map((a) => ({ title: a.title, durationMinutes: a.duration_minutes, speaker: a.speaker })),
    participants: participants.map((p) => ({
      id: p.id,
      role: p.role,
      personId: p.person_id,
      departmentId: p.department_id,
      name: p.name,
      viaStudioName: p.via_studio_name,
      reply: p.reply,
      declineReason: p.decline_reason,
      repliedAt: iso(p.replied_at),
      signedInAt: iso(p.signed_in_at),
      signInMethod: p.sign_in_method,
    })),
    outcomes,
    amendments: amendments.map((a) => ({
      field: a.field,
      before: a.before_value,
      after: a.after_value,
      reason: a.reason,
      at: iso(a.at)!,
    })),
    actions: allowedTransitions(consultationWorkflow, subject, who),
    minutesActions,
    myParticipantId: mine?.id ?? null,
  };
}

function assertWindow(startsAt: string | Date, endsAt: string | Date) {
  if (new Date(endsAt).getTime() <= new Date(startsAt).getTime())
    throw new AppError('request.invalid', { fields: [{ field: 'body.endsAt', problem: 'invalid' }] });
}

async function assertHost(q: Queryable, actor: Actor, hostPersonId: string | null | undefined) {
  if (hostPersonId && !(await hasActiveSeatIn(q, hostPersonId, actor.scope)))
    throw new AppError('members.not_found', { fields: [{ field: 'body.hostPersonId', problem: 'invalid' }] });
}

async function writeAgenda(
  q: Queryable,
  deps: Deps,
  id: string,
  agenda: z.infer<typeof consultationCreateBody>['agenda'],
) {
  await q.query('delete from consultation_agenda_items where consultation_id = $1', [id]);
  for (const [i, a] of agenda.entries())
    await q.query(
      `insert into consultation_agenda_items (id, consultation_id, position, title, duration_minutes, speaker)
       values ($1, $2, $3, $4, $5, $6)`,
      [deps.ids.uuid(), id, i, a.title, a.durationMinutes, a.speaker ?? null],
    );
}

export async function createConsultation(
  deps: Deps,
  actor: Actor,
  b: z.infer<typeof consultationCreateBody>,
  ip: string,
) {
  assertCan(actor, 'consultations.manage');
  assertWindow(b.startsAt, b.endsAt);
  const committee = await requireCommittee(deps, actor, b.committeeId);
  return write(deps, actor, ip, {
    action: 'consultations.create',
    target: 'consultation',
    load: async (q) => {
      if (b.planItemId) {
        const item = await itemInScope(q, actor.scope, b.planItemId);
        if (!item || item.committee_id !== committee.id)
          throw new AppError('consultations.topic_not_found', {
            fields: [{ field: 'body.planItemId', problem: 'invalid' }],
          });
      }
      if (b.studioId && !(await studioInScope(q, actor.scope, b.studioId)))
        throw new AppError('studios.not_found', { fields: [{ field: 'body.studioId', problem: 'invalid' }] });
      await assertHost(q, actor, b.hostPersonId);
      return { committee_id: committee.id };
    },
    apply: async (q) => {
      const id = deps.ids.uuid();
      const now = deps.clock.now();
      await q.query(
        `insert into consultations (id, committee_id, plan_item_id, studio_id, title, kind, mode, starts_at, ends_at,
           place, host_person_id, host_name, door_code, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
        [
          id,
          b.committeeId,
          b.planItemId ?? null,
          b.studioId ?? null,
          b.title,
          b.kind,
          b.mode,
          b.startsAt,
          b.endsAt,
          b.place ?? null,
          b.hostPersonId ?? null,
          b.hostName ?? null,
          publicCode(10),
          actor.accountId,
          now,
        ],
      );
      await writeAgenda(q, deps, id, b.agenda);
      return id;
    },
    detail: () => ({ kind: b.kind, title: b.title }),
    targetId: (_r, id) => id,
    reload: (_r, id) => getConsultation(deps, actor, id),
  });
}

/** A write on a consultation by a transition of its workflow, checked on the row as loaded (and locked). */
export function consultationStep<Done>(
  deps: Deps,
  actor: Actor,
  id: string,
  ip: string,
  s: {
    transition: keyof typeof consultationWorkflow.transitions;
    check?: (row: ConsultationRow, q: Queryable) => Promise<void> | void;
    apply: (q: Queryable, row: ConsultationRow) => Promise<Done>;
    detail?: (row: ConsultationRow, done: Done) => Record<string, unknown>;
  },
) {
  const who = workflowActor(actor);
  assertMayAttempt(consultationWorkflow, s.transition, who, AppError);
  return write(deps, actor, ip, {
    action: consultationWorkflow.transitions[s.transition].audit,
    target: 'consultation',
    load: async (q) => {
      const row = await requireConsultation(deps, actor, id, q, true);
      assertTransition(consultationWorkflow, s.transition, await subjectOf(q, row, actor), who, AppError);
      await s.check?.(row, q);
      return row;
    },
    apply: s.apply,
    detail: s.detail,
    targetId: () => id,
    reload: () => getConsultation(deps, actor, id),
  });
}

export async function updateConsultation(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof consultationUpdateBody>,
  ip: string,
) {
  return consultationStep(deps, actor, id, ip, {
    transition: 'edit',
    check: async (row, q) => {
      assertWindow(b.startsAt ?? row.starts_at, b.endsAt ?? row.ends_at);
      await assertHost(q, actor, b.hostPersonId);
    },
    apply: async (q) => {
      const cols: Record<string, string> = {
        title: 'title',
        mode: 'mode',
        startsAt: 'starts_at',
        endsAt: 'ends_at',
        place: 'place',
        hostPersonId: 'host_person_id',
        hostName: 'host_name',
      };
      const sets: string[] = [];
      const params: unknown[] = [id];
      for (const [k, col] of Object.entries(cols)) {
        const v = (b as Record<string, unknown>)[k];
        if (v !== undefined) sets.push(`${col} = $${params.push(v)}`);
      }
      sets.push(`updated_at = $${params.push(deps.clock.now())}`);
      await q.query(`update consultations set ${sets.join(', ')} where id = $1`, params);
      if (b.agenda) await writeAgenda(q, deps, id, b.agenda);
    },
    detail: () => ({ fields: Object.keys(b) }),
  });
}

/** Closing needs the record: locked minutes, the counts, and at least one outcome. */
export async function closeConsultation(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof closeBody>,
  ip: string,
) {
  return consultationStep(deps, actor, id, ip, {
    transition: 'close',
    check: (row) => {
      if (row.minutes_status !== 'locked' || row.outcome_count === 0)
        throw new AppError('consultations.close_incomplete');
    },
    apply: async (q) => {
      const now = deps.clock.now();
      await q.query(
        `update consultations set status = 'closed', attendee_count = $2, contribution_count = $3, closed_at = $4,
           closed_by = $5, updated_at = $4 where id = $1`,
        [id, b.attendeeCount, b.contributionCount, now, actor.accountId],
      );
    },
    detail: () => ({ attendeeCount: b.attendeeCount, contributionCount: b.contributionCount }),
  });
}

const amendColumns = {
  title: 'title',
  place: 'place',
  minutes: 'minutes',
  attendeeCount: 'attendee_count',
  contributionCount: 'contribution_count',
} as const;

/** The only change a closed consultation takes: one field, with the reason, kept with before and after. */
export async function amendClosed(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof amendmentBody>,
  ip: string,
) {
  const count = b.field === 'attendeeCount' || b.field === 'contributionCount';
  if (count && !/^\d{1,6}$/.test(b.value))
    throw new AppError('request.invalid', { fields: [{ field: 'body.value', problem: 'invalid_format' }] });
  return consultationStep(deps, actor, id, ip, {
    transition: 'amend',
    apply: async (q, row) => {
      const col = amendColumns[b.field];
      const before = (row as unknown as Record<string, unknown>)[col];
      await q.query(`update consultations set ${col} = $2, updated_at = $3 where id = $1`, [
        id,
        count ? Number(b.value) : b.value,
        deps.clock.now(),
      ]);
      await q.query(
        `insert into consultation_amendments (id, consultation_id, field, before_value, after_value, reason, by_account, at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          deps.ids.uuid(),
          id,
          b.field,
          before === null || before === undefined ? null : String(before),
          b.value,
          b.reason,
          actor.accountId,
          deps.clock.now(),
        ],
      );
    },
    detail: () => ({ field: b.field, reason: b.reason }),
  });
}

/**
 * 微协商 from a studio's convenor's phone: one form, written as a closed consultation of kind
 * `micro` whose record is the form (the consensus as minutes, locked; who took part as the
 * attendance; the follow-up).
 */
export async function recordMicro(deps: Deps, actor: Actor, b: z.infer<typeof microBody>, ip: string) {
  assertCan(actor, 'consultations.micro');
  return write(deps, actor, ip, {
    action: 'consultations.micro_record',
    target: 'consultation',
    load: async (q) => {
      const studio = await studioInScope(q, actor.scope, b.studioId);
      if (!studio)
        throw new AppError('studios.not_found', { fields: [{ field: 'body.studioId', problem: 'invalid' }] });
      if (
        actor.role === 'member' &&
        !(actor.personId && (await studiosConvenedBy(q, actor.personId)).includes(studio.id))
      )
        throw new AppError('consultations.not_convenor');
      const people = await studioPeople(q, studio.id);
      const known = new Set(people.map((p) => p.person_id));
      if (b.memberIds.some((m) => !known.has(m)))
        throw new AppError('studios.person_not_member', {
          fields: [{ field: 'body.memberIds', problem: 'invalid' }],
        });
      return { committee_id: studio.committee_id, studio };
    },
    apply: async (q, { studio }) => {
      const id = deps.ids.uuid();
      const now = deps.clock.now();
      const attendees = new Set(b.memberIds).size + b.citizenCount;
      await q.query(
        `insert into consultations (id, committee_id, studio_id, title, kind, mode, starts_at, ends_at, place, host_person_id,
           status, door_code, minutes, minutes_status, attendee_count, contribution_count, citizen_count, citizen_names,
           consensus, follow_up, closed_at, closed_by, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, 'micro', 'on_site', $5, $6, $7, $8, 'closed', $9, $10, 'locked', $11, $11, $12, $13,
           $10, $14, $15, $16, $16, $15, $15)`,
        [
          id,
          studio.committee_id,
          studio.id,
          b.title,
          b.heldAt,
          new Date(new Date(b.heldAt).getTime() + 3600_000),
          b.place ?? null,
          actor.personId,
          publicCode(10),
          b.consensus,
          attendees,
          b.citizenCount,
          b.citizenNames ?? null,
          b.followUp,
          now,
          actor.accountId,
        ],
      );
      const names = await personNames(q, [...new Set(b.memberIds)]);
      for (const m of new Set(b.memberIds))
        await q.query(
          `insert into consultation_participants (id, consultation_id, role, person_id, name, via_studio_id, reply,
             replied_at, signed_in_at, signed_in_by, sign_in_method, invited_at)
           values ($1, $2, 'member', $3, $4, $5, 'accepted', $6, $6, $7, 'staff', $6)`,
          [deps.ids.uuid(), id, m, names.get(m) ?? '', studio.id, now, actor.accountId],
        );
      return id;
    },
    detail: (_r, id) => ({ consultationId: id, studioId: b.studioId, citizenCount: b.citizenCount }),
    targetId: (_r, id) => id,
    reload: (_r, id) => getConsultation(deps, actor, id),
  });
}
