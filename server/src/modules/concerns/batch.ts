import type { z } from 'zod';
import type { concernBatchBody, concernBatchResult } from '../../../../contracts/concerns.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, messagesFor } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { assertCan } from '../auth/policy.ts';
import { assignConcern, escalateConcern } from './handling.ts';

// Staff pass many concerns at once. Each concern takes the very step its page would take
// (handling.ts: assign or escalate — same rules, same transaction with its history, audit
// row and notices), one after another, so a refused one (out of scope, wrong state, a target
// not in its committee) is reported on its row and the rest go on. A refused row leaves its
// own audit row, as a refused request does.

type Body = z.infer<typeof concernBatchBody>;
type Result = z.infer<typeof concernBatchResult>['results'][number];

export async function batchConcerns(deps: Deps, actor: Actor, b: Body, ip: string) {
  assertCan(actor, 'concerns.manage');
  const results: Result[] = [];
  for (const id of [...new Set(b.ids)]) {
    try {
      const done =
        b.action === 'assign'
          ? await assignConcern(
              deps,
              actor,
              id,
              {
                committeeId: b.committeeId,
                studioId: b.studioId,
                personId: b.personId,
                reason: b.reason ?? null,
                dueAt: b.dueAt,
              },
              ip,
            )
          : await escalateConcern(deps, actor, id, { reason: b.reason, dueAt: b.dueAt }, ip);
      results.push({ id, ok: true, status: done.status });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await recordAudit(deps.db, deps.clock, {
        actorId: actor.accountId,
        actorName: actor.username,
        committeeId: actor.scope.committeeId,
        ip,
        action: b.action === 'assign' ? 'concerns.assign' : 'concerns.escalate',
        targetType: 'concern',
        targetId: id,
        result: err.status === 403 || err.status === 404 ? 'denied' : 'invalid',
        status: err.status,
        detail: { batch: true, code: err.code },
      });
      results.push({ id, ok: false, code: err.code, messages: messagesFor(err.code, err.vars) });
    }
  }
  return { results };
}
