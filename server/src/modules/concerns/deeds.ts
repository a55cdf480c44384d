import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { change } from './handling.ts';

// Staff's two remaining levers on a concern: a deadline set to a date of their choosing
// (extend only adds days), and marking it a service deed (帮办实事) with what was done.

export function setDeadline(
  deps: Deps,
  actor: Actor,
  id: string,
  b: { dueAt: string; reason: string },
  ip: string,
) {
  return change(deps, actor, id, ip, 'deadline', async () => {
    const dueAt = new Date(b.dueAt);
    if (Number.isNaN(dueAt.getTime()) || dueAt <= deps.clock.now())
      throw new AppError('concerns.deadline_past', { fields: [{ field: 'dueAt', problem: 'invalid' }] });
    return {
      set: { due_at: dueAt },
      events: [{ kind: 'deadline_set', note: b.reason, detail: { dueAt: dueAt.toISOString() } }],
      detail: { dueAt: dueAt.toISOString(), reason: b.reason },
    };
  });
}

export function markServiceDeed(deps: Deps, actor: Actor, id: string, b: { result: string }, ip: string) {
  return change(deps, actor, id, ip, 'serviceDeed', async (_q, k) => {
    return {
      set: { service_deed: true, service_deed_result: b.result, service_deed_at: deps.clock.now() },
      events: [
        { kind: 'service_deed', publicText: `已列为帮办实事：${b.result}`, detail: { result: b.result } },
      ],
      detail: { result: b.result, before: k.service_deed_result },
    };
  });
}
