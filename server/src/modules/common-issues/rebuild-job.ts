import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { concernsByIds } from '../concerns/for-grouping.ts';
import type { ConcernForGrouping } from '../concerns/for-grouping.ts';
import type { GroupIndex } from '../text/grouping.ts';
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
    if (texts.length < smallBatch) dropStrangers(index);
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

/** Below this many concerns, neighbours are whatever there is: check each member's place. */
const smallBatch = 300;
/** Least similarity of a member to the rest of its group (its own text left out). */
const belongs = 0.1;

/**
 * In a small batch the rebuild's neighbour expansion can pull an unrelated concern into a
 * group (a rubbish bin among a committee's first street lamps): a member that does not
 * resemble the rest of its group by its own words is set apart, unless staff pinned it there.
 */
function dropStrangers(index: GroupIndex) {
  for (const g of [...index.groups.values()]) {
    if (g.members.length < 2 || index.constraints.confirmed.has(g.id)) continue;
    for (const m of [...g.members]) {
      if (index.constraints.pins.has(m)) continue;
      const c = index.concerns.get(m);
      if (!c) continue;
      const t = { id: m, ...c };
      const v = index.vectorOf(t, false);
      const dot = index.cosine(v, g) * Math.sqrt(g.norm2);
      const rest = Math.sqrt(Math.max(1e-12, g.norm2 - 2 * dot + 1));
      if ((dot - 1) / rest >= belongs) continue;
      index.remove(m, v);
      index.addTo(`g-${m}`, t, v);
    }
  }
}
