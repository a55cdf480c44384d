import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { notifyCommitteeStaff } from '../notify/notices.ts';
import type { GroupIndex } from '../text/grouping.ts';
import { issuesByIds, markNotified, upsertIssue } from './queries.ts';
import { describe } from './summary.ts';
import { notifyAtCount, notifyAtStudios } from './threshold.ts';

export { notifyAtCount, notifyAtStudios } from './threshold.ts';
export async function saveGroup(
  q: Queryable,
  index: GroupIndex,
  committeeId: string,
  issueId: string,
  at: Date,
) {
  const g = index.groups.get(issueId);
  if (!g) return;
  await upsertIssue(q, { id: issueId, committeeId, ...describe(index, g), at });
}

/** A common issue past the threshold tells its committee's staff, once. */
export async function notifyGrown(q: Queryable, deps: Deps, issueIds: string[]) {
  for (const i of await issuesByIds(q, issueIds)) {
    if (i.notified_at || (i.concern_count < notifyAtCount && i.studio_count < notifyAtStudios)) continue;
    await notifyCommitteeStaff(q, deps, {
      committeeId: i.committee_id,
      kind: 'common_issue.grown',
      key: 'common_issue.grown',
      params: { title: i.title, concerns: i.concern_count, studios: i.studio_count },
      ref: { commonIssueId: i.id },
      email: {
        subject: `共性问题提示：${i.title}`,
        text: `共性问题「${i.title}」已有 ${i.concern_count} 件诉求，来自 ${i.studio_count} 个工作室，可作为社情民意信息的素材。`,
      },
    });
    await markNotified(q, i.id, deps.clock.now());
  }
}
