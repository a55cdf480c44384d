import type { z } from 'zod';
import type { committeeSettings, committeeSettingsBody } from '../../../../contracts/org.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { change } from '../audit/change.ts';
import { assertCan } from '../auth/policy.ts';
import { replyReviewOf } from './for-others.ts';
import { requireCommittee } from './service.ts';

// A committee's settings (committee_settings, one row per committee, absent = defaults):
// today whether members' and departments' replies wait for staff review.

type Settings = z.infer<typeof committeeSettings>;

export async function getCommitteeSettings(deps: Deps, actor: Actor, committeeId: string): Promise<Settings> {
  assertCan(actor, 'org.read');
  await requireCommittee(deps, actor, committeeId);
  return { committeeId, replyReview: await replyReviewOf(deps.db, committeeId) };
}

export function updateCommitteeSettings(
  deps: Deps,
  actor: Actor,
  committeeId: string,
  input: z.infer<typeof committeeSettingsBody>,
  ip: string,
): Promise<Settings> {
  return change(deps, {
    actor,
    ip,
    assert: () => assertCan(actor, 'org.write'),
    load: (q) => requireCommittee(deps, actor, committeeId, q),
    apply: async (q) => {
      const before = await replyReviewOf(q, committeeId);
      await q.query(
        `insert into committee_settings (committee_id, reply_review, updated_at) values ($1, $2, $3)
         on conflict (committee_id) do update set reply_review = excluded.reply_review, updated_at = excluded.updated_at`,
        [committeeId, input.replyReview, deps.clock.now()],
      );
      return before;
    },
    audit: (_c, before) => ({
      committeeId,
      action: 'committees.settings_update',
      targetType: 'committee',
      targetId: committeeId,
      detail: { replyReview: input.replyReview, before: { replyReview: before } },
    }),
    reload: async () => ({ committeeId, replyReview: await replyReviewOf(deps.db, committeeId) }),
  });
}
