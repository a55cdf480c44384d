import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/service.ts';
import { assertCan } from '../auth/policy.ts';
import { evidenceOf } from '../concerns/for-grouping.ts';
import { acceptConcern, replyConcern } from '../concerns/handling.ts';
import { issueInScope, memberIds } from './queries.ts';

// Staff answer a common issue's concerns at once: one text, and each citizen still gets their
// own answer (and SMS) on their own concern. Each concern is its own step through the concern's
// workflow — accepted first if nobody has yet — so one that is closed, under review or passed
// elsewhere is left as it is and reported, and the others are answered all the same.

type Outcome = { concernId: string; trackingCode: string };
export type AnsweredTogether = {
  answered: Outcome[];
  skipped: (Outcome & { status: string; code: string })[];
};

const answerable = new Set(['submitted', 'accepted', 'reopened']);

export async function answerTogether(
  deps: Deps,
  actor: Actor,
  issueId: string,
  text: string,
  ip: string,
): Promise<AnsweredTogether> {
  assertCan(actor, 'commonIssues.manage');
  const row = await issueInScope(deps.db, actor.scope, issueId);
  if (!row) throw new AppError('commonIssues.not_found');
  const ids = (await memberIds(deps.db, issueId)).map((r) => r.concern_id);
  const concerns = await evidenceOf(deps.db, ids);
  const out: AnsweredTogether = { answered: [], skipped: [] };
  for (const k of concerns) {
    const who = { concernId: k.id, trackingCode: k.trackingCode };
    if (!answerable.has(k.status)) {
      out.skipped.push({ ...who, status: k.status, code: 'concerns.bad_state' });
      continue;
    }
    try {
      if (k.status === 'submitted') await acceptConcern(deps, actor, k.id, ip);
      await replyConcern(deps, actor, k.id, text, ip);
      out.answered.push(who);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.skipped.push({ ...who, status: k.status, code: err.code });
    }
  }
  await recordAudit(deps.db, deps.clock, {
    actorId: actor.accountId,
    actorName: actor.username,
    committeeId: row.committee_id,
    ip,
    action: 'commonIssues.reply_together',
    targetType: 'common_issue',
    targetId: issueId,
    result: 'ok',
    status: 200,
    detail: { answered: out.answered.length, skipped: out.skipped.length },
  });
  return out;
}
