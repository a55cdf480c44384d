import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { concernsSubmittedAfter, concernsSubmittedSince } from '../concerns/for-grouping.ts';
import type { ConcernForGrouping } from '../concerns/for-grouping.ts';
import { forget, indexOf, remember, textOf } from './engine.ts';
import { notifyGrown, saveGroup } from './persist.ts';
import { alreadyPlaced, placeConcerns, placedMark, refreshCounts, setPlacedMark } from './queries.ts';
import { rebuildCommittee } from './rebuild-job.ts';

// New concerns are put into common issues by a recurring job: durable (a crash loses
// nothing: the mark moves only with the placements, in one transaction) and decoupled from
// intake, which stays fast. Each placement is a few dot products in the committee's index.

/** Concerns read per round. */
const batch = 2_000;
/**
 * A run takes rounds until the backlog is drained or this time has passed: a campaign burst
 * (tens of thousands a minute) is placed as it comes instead of 500 a minute falling behind.
 */
const runBudgetMs = 45_000;
/** A concern committed late with an earlier submitted_at is still found. */
const overlapMs = 10 * 60_000;

export const placeJob: JobHandler = async ({ q, deps }) => {
  await placeBacklog(q, deps);
};

/** Rounds of placeNewConcerns until fewer than a batch are new or the run's budget is spent. */
export async function placeBacklog(
  q: Queryable,
  deps: Deps,
  opts = { batch, budgetMs: runBudgetMs, regroupBelow },
): Promise<number> {
  const started = Date.now();
  let placed = 0;
  // The first round reads from a little before the mark (late commits); the following ones page
  // on from the last concern read, so a full batch of concerns already placed (a burst inside
  // the overlap) is stepped over instead of read again and again.
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const round = await placeRound(q, deps, opts, after);
    placed += round.placed;
    if (round.found < opts.batch || !round.last || Date.now() - started >= opts.budgetMs) return placed;
    after = round.last;
  }
}

export async function placeNewConcerns(q: Queryable, deps: Deps, opts = { regroupBelow }): Promise<number> {
  return (await placeRound(q, deps, { ...opts, batch })).placed;
}

async function placeRound(
  q: Queryable,
  deps: Deps,
  opts: { regroupBelow: number; batch: number },
  after?: { at: Date; id: string },
): Promise<{ found: number; placed: number; last?: { at: Date; id: string } }> {
  const mark = after ? undefined : await placedMark(q);
  const since = mark ? new Date(mark.getTime() - overlapMs) : new Date(0);
  const found = after
    ? await concernsSubmittedAfter(q, after, opts.batch)
    : await concernsSubmittedSince(q, since, opts.batch);
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
  return {
    found: found.length,
    placed: fresh.length,
    ...(last ? { last: { at: last.submittedAt, id: last.id } } : {}),
  };
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
  await placeConcerns(
    q,
    placed.map(({ c, issueId }) => ({ concernId: c.id, issueId, committeeId, studioId: c.studioId })),
    now,
  );
  await refreshCounts(q, [...touched]);
  await notifyGrown(q, deps, [...touched]);
  await remember(q, committeeId, index);
}
