import type { Queryable } from '../../db/db.ts';
import { concernsByIds } from '../concerns/for-grouping.ts';
import type { ConcernForGrouping } from '../concerns/for-grouping.ts';
import { constraintsOf } from '../text/decisions.ts';
import type { Decision } from '../text/decisions.ts';
import { createGroupIndex } from '../text/grouping.ts';
import type { ConcernText, GroupIndex } from '../text/grouping.ts';
import { bumpVersion, loadDecisions, placementsOf, versionOf } from './queries.ts';

// The text engine's index of one committee, kept in memory between runs. The database is the
// truth (which concern is in which common issue, and staff decisions); the index is rebuilt
// from it on first use, and again whenever another instance has placed concerns since.

/** Concerns older than this are not grouped with new ones any more. */
export const windowDays = 90;

type Cached = { index: GroupIndex; version: number };
const cache = new Map<string, Cached>();

export const windowStart = (now: Date) => new Date(now.getTime() - windowDays * 86400_000);

export function textOf(c: ConcernForGrouping): ConcernText {
  return {
    id: c.id,
    text: c.body,
    place: c.place ?? undefined,
    studio: c.studioId ?? undefined,
    at: c.submittedAt.toISOString(),
  };
}

/** The committee's index, loaded from the database if it is missing or stale. */
export async function indexOf(q: Queryable, committeeId: string, now: Date): Promise<GroupIndex> {
  const version = await versionOf(q, committeeId);
  const hit = cache.get(committeeId);
  if (hit && hit.version === version) return hit.index;

  const placed = await placementsOf(q, committeeId, windowStart(now));
  const decisions: Decision[] = await loadDecisions(q, committeeId);
  const index = createGroupIndex();
  index.constraints = constraintsOf(decisions);
  const texts = new Map(
    (
      await concernsByIds(
        q,
        placed.map((p) => p.concern_id),
      )
    ).map((c) => [c.id, textOf(c)]),
  );
  // Document frequencies first, then every concern into the group the database says.
  for (const t of texts.values()) index.vectorOf(t, true);
  for (const p of placed) {
    const t = texts.get(p.concern_id);
    if (t) index.addTo(p.issue_id, t, index.vectorOf(t, false));
  }
  cache.set(committeeId, { index, version });
  return index;
}

/** In the transaction that changed the committee's common issues: the cache matches it again. */
export async function remember(q: Queryable, committeeId: string, index: GroupIndex): Promise<void> {
  cache.set(committeeId, { index, version: await bumpVersion(q, committeeId) });
}

/** After a failed transaction the in-memory index may be ahead of the database. */
export function forget(committeeId: string): void {
  cache.delete(committeeId);
}

export function forgetAll(): void {
  cache.clear();
}
