import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { concernsByIds } from '../concerns/for-grouping.ts';
import type { ConcernForGrouping } from '../concerns/for-grouping.ts';
import { rebuild } from '../text/rebuild.ts';
import { forget, remember, textOf, windowStart } from './engine.ts';
import { notifyGrown, saveGroup } from './persist.ts';
import {
  committeesWithPlacements,
  loadDecisions,
  placeConcern,
  placementsOf,
  refreshCounts,
  staleIssues,
} from './queries.ts';

// Regroup a subtree from scratch: each committee's concerns of the window are clustered
// again with everything known at once (better than one by one), staff decisions replayed
// first, so confirmed groups keep their concerns and detached concerns stay out.

export const rebuildJob: JobHandler = async ({ q, deps, job }) => {
  const path = String(job.payload.committeePath ?? '');
  for (const committeeId of await committeesWithPlacements(q, path))
    await rebuildCommittee(q, deps, committeeId);
};

/** `arriving`: new concerns not yet placed, grouped together with the placed ones. */
export async function rebuildCommittee(
  q: Queryable,
  deps: Deps,
  committeeId: string,
  arriving: readonly ConcernForGrouping[] = [],
) {
  const now = deps.clock.now();
  try {
    const placed = await placementsOf(q, committeeId, windowStart(now));
    const texts = (
      await concernsByIds(
        q,
        placed.map((p) => p.concern_id),
      )
    ).map(textOf);
    texts.push(...arriving.map(textOf));
    const index = rebuild(texts, await loadDecisions(q, committeeId));
    const before = new Map(placed.map((p) => [p.concern_id, p.issue_id]));
    for (const gid of index.groups.keys()) await saveGroup(q, index, committeeId, gid, now);
    for (const [cid, c] of index.concerns)
      if (before.get(cid) !== c.group)
        await placeConcern(q, {
          concernId: cid,
          issueId: c.group,
          committeeId,
          studioId: c.studio ?? null,
          at: now,
        });
    const touched = [...new Set([...index.groups.keys(), ...before.values()])];
    await refreshCounts(q, [...touched, ...(await staleIssues(q, committeeId))]);
    await notifyGrown(q, deps, [...index.groups.keys()]);
    await remember(q, committeeId, index);
  } catch (err) {
    forget(committeeId);
    throw err;
  }
}
