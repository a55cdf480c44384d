import type { z } from 'zod';
import type { minutesBody, minutesOpenBody } from '../../../../contracts/consultations.ts';
import { minutesWorkflow } from '../../../../contracts/consultation-workflow.ts';
import { assertMayAttempt, assertTransition } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { workflowActor, write } from './common.ts';
import { getConsultation, requireConsultation } from './meetings.ts';
import type { ConsultationRow } from './queries.ts';

// Minutes (会议纪要) in three steps: drafted during the meeting (staff), amended by the
// participants until a set time, then locked. The consultation itself must not be closed:
// after closing, the minutes change only by a recorded amendment (meetings.ts amendClosed).

function minutesStep(
  deps: Deps,
  actor: Actor,
  id: string,
  ip: string,
  transition: keyof typeof minutesWorkflow.transitions,
  s: {
    check?: (row: ConsultationRow, q: Queryable) => Promise<void> | void;
    apply: (q: Queryable, row: ConsultationRow) => Promise<void>;
  },
) {
  const who = workflowActor(actor);
  assertMayAttempt(minutesWorkflow, transition, who, AppError);
  return write(deps, actor, ip, {
    action: minutesWorkflow.transitions[transition].audit,
    target: 'consultation',
    load: async (q) => {
      const row = await requireConsultation(deps, actor, id, q, true);
      if (row.status === 'closed') throw new AppError('consultations.bad_state');
      assertTransition(minutesWorkflow, transition, { status: row.minutes_status }, who, AppError);
      await s.check?.(row, q);
      return row;
    },
    apply: s.apply,
    targetId: () => id,
    reload: () => getConsultation(deps, actor, id),
  });
}

export const draftMinutes = (
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof minutesBody>,
  ip: string,
) =>
  minutesStep(deps, actor, id, ip, 'draft', {
    apply: async (q) => {
      await q.query(
        `update consultations set minutes = $2, minutes_status = 'draft', updated_at = $3 where id = $1`,
        [id, b.text, deps.clock.now()],
      );
    },
  });

export const openAmending = (
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof minutesOpenBody>,
  ip: string,
) =>
  minutesStep(deps, actor, id, ip, 'openAmending', {
    apply: async (q) => {
      const now = deps.clock.now();
      await q.query(
        `update consultations set minutes_status = 'amending', amend_until = $2, updated_at = $3 where id = $1`,
        [id, new Date(now.getTime() + b.amendHours * 3600_000), now],
      );
    },
  });

/** A participant's (or staff's) amendment while the window is open: the text as amended. */
export const amendMinutes = (
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof minutesBody>,
  ip: string,
) =>
  minutesStep(deps, actor, id, ip, 'amend', {
    check: async (row, q) => {
      if (row.amend_until && deps.clock.now() > new Date(row.amend_until))
        throw new AppError('consultations.amend_window_closed');
      if (actor.role === 'member') {
        const mine = await q.query(
          'select 1 from consultation_participants where consultation_id = $1 and person_id = $2',
          [id, actor.personId],
        );
        if (!mine.length) throw new AppError('consultations.not_invited');
      }
    },
    apply: async (q) => {
      await q.query(`update consultations set minutes = $2, updated_at = $3 where id = $1`, [
        id,
        b.text,
        deps.clock.now(),
      ]);
    },
  });

export const lockMinutes = (deps: Deps, actor: Actor, id: string, ip: string) =>
  minutesStep(deps, actor, id, ip, 'lock', {
    apply: async (q) => {
      await q.query(`update consultations set minutes_status = 'locked', updated_at = $2 where id = $1`, [
        id,
        deps.clock.now(),
      ]);
    },
  });
