import type { z } from 'zod';
import type { inviteBody, invitationReplyBody } from '../../../../contracts/consultations.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { assertCan } from '../auth/policy.ts';
import { hasActiveSeatIn, personNames } from '../members/for-consultations.ts';
import { activeDepartmentOf } from '../org/for-others.ts';
import { studioInScope, studioPeople } from '../studios/for-consultations.ts';
import { write } from './common.ts';
import { consultationStep, getConsultation, invitee, requireConsultation } from './meetings.ts';
import { consultationsInScope } from './queries.ts';
import type { ConsultationRow } from './queries.ts';

// Who takes part: members, experts, department leaders (部门答) and citizens' representatives
// (市民评), invited one by one or with their studio; their replies; and the sign-in at the door,
// kept exact (one time per participant, how it was taken, by which account) because the
// attendance becomes a duty record.

type Invitee = {
  role: 'member' | 'expert' | 'department_leader' | 'citizen_rep';
  personId: string | null;
  departmentId: string | null;
  name: string;
  viaStudioId: string | null;
};

async function inviteesOf(q: Queryable, actor: Actor, row: ConsultationRow, b: z.infer<typeof inviteBody>) {
  const out: Invitee[] = [];
  const seated = b.participants.flatMap((p) => (p.personId ? [p.personId] : []));
  const names = await personNames(q, seated);
  for (const [i, p] of b.participants.entries()) {
    const at = (f: string) => `body.participants.${i}.${f}`;
    if (p.personId) {
      if (!(await hasActiveSeatIn(q, p.personId, actor.scope)))
        throw new AppError('members.not_found', { fields: [{ field: at('personId'), problem: 'invalid' }] });
    } else if (p.role === 'member')
      throw new AppError('request.invalid', { fields: [{ field: at('personId'), problem: 'required' }] });
    if (p.departmentId && !(await activeDepartmentOf(q, p.departmentId, row.committee_id)))
      throw new AppError('org.department_not_found', {
        fields: [{ field: at('departmentId'), problem: 'invalid' }],
      });
    const name = p.personId ? (names.get(p.personId) ?? '') : p.name;
    if (!name)
      throw new AppError('request.invalid', { fields: [{ field: at('name'), problem: 'required' }] });
    out.push({
      role: p.role,
      personId: p.personId ?? null,
      departmentId: p.departmentId ?? null,
      name,
      viaStudioId: null,
    });
  }
  for (const [i, sid] of b.studioIds.entries()) {
    if (!(await studioInScope(q, actor.scope, sid)))
      throw new AppError('studios.not_found', {
        fields: [{ field: `body.studioIds.${i}`, problem: 'invalid' }],
      });
    for (const m of await studioPeople(q, sid))
      out.push({ role: 'member', personId: m.person_id, departmentId: null, name: m.name, viaStudioId: sid });
  }
  return out;
}

/** Invites; a person already invited stays as they were (their reply is kept). */
export async function invite(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof inviteBody>,
  ip: string,
) {
  assertCan(actor, 'consultations.manage');
  return consultationStep(deps, actor, id, ip, {
    transition: 'invite',
    apply: async (q, row) => {
      const now = deps.clock.now();
      let added = 0;
      for (const p of await inviteesOf(q, actor, row, b)) {
        const res = await q.query(
          `insert into consultation_participants (id, consultation_id, role, person_id, department_id, name, via_studio_id, invited_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (consultation_id, person_id) where person_id is not null do nothing returning id`,
          [deps.ids.uuid(), id, p.role, p.personId, p.departmentId, p.name, p.viaStudioId, now],
        );
        added += res.length;
      }
      return added;
    },
    detail: (_r, added) => ({ added, studios: b.studioIds.length }),
  });
}

export async function schedule(deps: Deps, actor: Actor, id: string, ip: string) {
  assertCan(actor, 'consultations.manage');
  return consultationStep(deps, actor, id, ip, {
    transition: 'schedule',
    apply: async (q) => {
      await q.query(`update consultations set status = 'scheduled', updated_at = $2 where id = $1`, [
        id,
        deps.clock.now(),
      ]);
    },
  });
}

/** The invited member's own reply: accept, or decline with a reason. */
export async function reply(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof invitationReplyBody>,
  ip: string,
) {
  assertCan(actor, 'consultations.read');
  if (b.reply === 'declined' && !b.reason)
    throw new AppError('studios.reason_required', {
      fields: [{ field: 'body.reason', problem: 'required' }],
    });
  return write(deps, actor, ip, {
    action: 'consultations.reply',
    target: 'consultation',
    load: async (q) => {
      const row = await requireConsultation(deps, actor, id, q);
      if (row.status === 'closed') throw new AppError('consultations.bad_state');
      const [p] = actor.personId
        ? await q.query<{ id: string }>(
            'select id from consultation_participants where consultation_id = $1 and person_id = $2',
            [id, actor.personId],
          )
        : [];
      if (!p) throw new AppError('consultations.not_invited');
      return { ...row, participant_id: p.id };
    },
    apply: async (q, row) => {
      await q.query(
        `update consultation_participants set reply = $2, decline_reason = $3, replied_at = $4 where id = $1`,
        [row.participant_id, b.reply, b.reply === 'declined' ? b.reason : null, deps.clock.now()],
      );
    },
    detail: () => ({ reply: b.reply }),
    targetId: () => id,
    reload: () => getConsultation(deps, actor, id),
  });
}

/** Marks a participant signed in, once: a second scan keeps the first time. */
async function markSignedIn(
  q: Queryable,
  deps: Deps,
  participantId: string,
  by: string,
  how: 'door_code' | 'staff',
) {
  const rows = await q.query<{ id: string }>(
    `update consultation_participants set signed_in_at = $2, signed_in_by = $3, sign_in_method = $4
      where id = $1 and signed_in_at is null returning id`,
    [participantId, deps.clock.now(), by, how],
  );
  return rows.length > 0;
}

/**
 * A participant scans the code at the door with their own signed-in phone: the consultation
 * must be scheduled and on today (from an hour before it starts until it ends).
 */
export async function signInAtDoor(deps: Deps, actor: Actor, doorCode: string, ip: string) {
  assertCan(actor, 'consultations.read');
  return write(deps, actor, ip, {
    action: 'consultations.sign_in',
    target: 'consultation',
    load: async (q) => {
      const [row] = await consultationsInScope(q, actor.scope, { doorCode }, true, invitee(actor));
      if (!row)
        throw new AppError('consultations.not_found', {
          fields: [{ field: 'body.doorCode', problem: 'invalid' }],
        });
      const now = deps.clock.now().getTime();
      const open = new Date(row.starts_at).getTime() - 3600_000;
      if (row.status !== 'scheduled' || now < open || now > new Date(row.ends_at).getTime())
        throw new AppError('consultations.bad_state');
      const [p] = actor.personId
        ? await q.query<{ id: string }>(
            'select id from consultation_participants where consultation_id = $1 and person_id = $2',
            [row.id, actor.personId],
          )
        : [];
      if (!p) throw new AppError('consultations.not_invited');
      return { ...row, participant_id: p.id };
    },
    apply: (q, row) => markSignedIn(q, deps, row.participant_id, actor.accountId, 'door_code'),
    detail: (row, first) => ({ participantId: row.participant_id, method: 'door_code', first }),
    targetId: (row) => row.id,
    reload: (row) => getConsultation(deps, actor, row.id),
  });
}

/** Staff at the door sign in a participant without an account (an expert, a citizen). */
export async function signInByStaff(deps: Deps, actor: Actor, id: string, participantId: string, ip: string) {
  assertCan(actor, 'consultations.manage');
  return consultationStep(deps, actor, id, ip, {
    transition: 'signIn',
    check: async (_row, q) => {
      const found = await q.query(
        'select 1 from consultation_participants where id = $1 and consultation_id = $2',
        [participantId, id],
      );
      if (!found.length) throw new AppError('consultations.participant_not_found');
    },
    apply: (q) => markSignedIn(q, deps, participantId, actor.accountId, 'staff'),
    detail: (_r, first) => ({ participantId, method: 'staff', first }),
  });
}
