import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { concernsSubmittedSince } from '../concerns/for-grouping.ts';
import type { ConcernForGrouping } from '../concerns/for-grouping.ts';
import { forget, indexOf, remember, textOf } from './engine.ts';
import { notifyGrown, saveGroup } from './persist.ts';
import { alreadyPlaced, placeConcern, placedMark, refreshCounts, setPlacedMark } from './queries.ts';
import { rebuildCommittee } from './rebuild-job.ts';

// New concerns are put into common issues by a recurring job: durable (a crash loses
// nothing: the mark moves only with the placements, in one transaction) and decoupled from
// intake, which stays fast. Each placement is a few dot products in the committee's index.

/** Concerns read per run; a backlog drains over the following runs. */
const batch = 500;
/** A concern committed late with an earlier submitted_at is still found. */
const overlapMs = 10 * 60_000;

export const placeJob: JobHandler = async ({ q, deps }) => {
  await placeNewConcerns(q, deps);
};

export async function placeNewConcerns(q: Queryable, deps: Deps, opts = { regroupBelow }): Promise<number> {
  const mark = await placedMark(q);
  const since = mark ? new Date(mark.getTime() - overlapMs) : new Date(0);
  const found = await concernsSubmittedSince(q, since, batch);
  const done = await alreadyPlaced(
    q,
    found.map((c) => c.id),
  );
  const fresh = found.filter((c) => !done.has(c.id));
  const byCommittee = new Map<string, ConcernForGrouping[]>();
  for (const c of fresh) {
    const list = byCommittee.get(c.committeeId);
    if (list) list.push(c);
    else byCommittee.set(c.committeeId, [c]);
  }
  try {
    for (const [committeeId, concerns] of byCommittee)
      await placeInto(q, deps, committeeId, concerns, opts.regroupBelow);
  } catch (err) {
    for (const committeeId of byCommittee.keys()) forget(committeeId);
    throw err;
  }
  const last = found.at(-1);
  if (last) await setPlacedMark(q, last.submittedAt);
  return fresh.length;
}

/**
 * Below this many concerns a committee is regrouped whole on each run: one by one, the first
 * few texts of a young index compare under document frequencies of a handful of texts, where
 * the words they share count least; all together they group as well as a rebuild does.
 */
const regroupBelow = 300;

async function placeInto(
  q: Queryable,
  deps: Deps,
  committeeId: string,
  concerns: ConcernForGrouping[],
  regroupUnder: number,
) {
  const now = deps.clock.now();
  const index = await indexOf(q, committeeId, now);
  if (index.concerns.size + concerns.length < regroupUnder)
    return rebuildCommittee(q, deps, committeeId, concerns);
  // Place all in memory first, then write each touched issue once (before its concerns' rows,
  // which refer to it).
  const placed = concerns.map((c) => ({ c, issueId: index.place(textOf(c)) }));
  const touched = new Set(placed.map((p) => p.issueId));
  for (const issueId of touched) await saveGroup(q, index, committeeId, issueId, now);
  for (const { c, issueId } of placed)
    await placeConcern(q, { concernId: c.id, issueId, committeeId, studioId: c.studioId, at: now });
  await refreshCounts(q, [...touched]);
  await notifyGrown(q, deps, [...touched]);
  await remember(q, committeeId, index);
}
