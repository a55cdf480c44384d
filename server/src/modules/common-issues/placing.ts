import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { concernsSubmittedSince } from '../concerns/for-grouping.ts';
import type { ConcernForGrouping } from '../concerns/for-grouping.ts';
import { notifyCommitteeStaff } from '../notify/notices.ts';
import type { GroupIndex } from '../text/grouping.ts';
import { forget, indexOf, remember, textOf } from './engine.ts';
import {
  alreadyPlaced,
  issuesByIds,
  markNotified,
  placeConcern,
  placedMark,
  refreshCounts,
  setPlacedMark,
  upsertIssue,
} from './queries.ts';
import { describe } from './summary.ts';

// New concerns are put into common issues by a recurring job: durable (a crash loses
// nothing: the mark moves only with the placements, in one transaction) and decoupled from
// intake, which stays fast. Each placement is a few dot products in the committee's index.

/** Staff hear of a common issue once it has this many concerns… */
export const notifyAtCount = 5;
/** …or comes through this many studios. */
export const notifyAtStudios = 3;
/** Concerns read per run; a backlog drains over the following runs. */
const batch = 500;
/** A concern committed late with an earlier submitted_at is still found. */
const overlapMs = 10 * 60_000;

export const placeJob: JobHandler = async ({ q, deps }) => {
  await placeNewConcerns(q, deps);
};

export async function placeNewConcerns(q: Queryable, deps: Deps): Promise<number> {
  const mark = await placedMark(q);
  const since = mark ? new Date(mark.getTime() - overlapMs) : new Date(0);
  const found = await concernsSubmittedSince(q, since, batch);
  const done = await alreadyPlaced(
    q,
    found.map((c) => c.id),
  );
  const fresh = found.filter((c) => !done.has(c.id));
  const byCommittee = new Map<string, ConcernForGrouping[]>();
  for (const c of fresh) byCommittee.set(c.committeeId, [...(byCommittee.get(c.committeeId) ?? []), c]);
  try {
    for (const [committeeId, concerns] of byCommittee) await placeInto(q, deps, committeeId, concerns);
  } catch (err) {
    for (const committeeId of byCommittee.keys()) forget(committeeId);
    throw err;
  }
  const last = found.at(-1);
  if (last) await setPlacedMark(q, last.submittedAt);
  return fresh.length;
}

async function placeInto(q: Queryable, deps: Deps, committeeId: string, concerns: ConcernForGrouping[]) {
  const now = deps.clock.now();
  const index = await indexOf(q, committeeId, now);
  const touched = new Set<string>();
  for (const c of concerns) {
    const issueId = index.place(textOf(c));
    touched.add(issueId);
    await saveGroup(q, index, committeeId, issueId, now);
    await placeConcern(q, { concernId: c.id, issueId, committeeId, studioId: c.studioId, at: now });
  }
  await refreshCounts(q, [...touched]);
  await notifyGrown(q, deps, [...touched]);
  await remember(q, committeeId, index);
}

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
      title: `共性问题「${i.title}」已有 ${i.concern_count} 件诉求，来自 ${i.studio_count} 个工作室`,
      ref: { commonIssueId: i.id },
      email: {
        subject: `共性问题提示：${i.title}`,
        text: `共性问题「${i.title}」已有 ${i.concern_count} 件诉求，来自 ${i.studio_count} 个工作室，可作为社情民意信息的素材。`,
      },
    });
    await markNotified(q, i.id, deps.clock.now());
  }
}
