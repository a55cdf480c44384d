import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { filterOfQuery, inboxFilterOf } from './lists.ts';
import type { ListQuery } from './lists.ts';
import type { ListFilter } from './queries.ts';
import { countConcerns } from './queries.ts';

// What concerns offers the workbench: how many concerns a list query finds, counted with the
// very conditions the list (GET /api/concerns, GET /api/concerns/inbox) applies to the same
// query, so the number on the card is the total the list shows behind its link.

/** One count per (query, committee) pair; the committee is in the actor's scope (or absent: all of it). */
export async function staffListCounts(
  deps: Deps,
  actor: Actor,
  asks: { query: ListQuery; committee?: { id: string; path: string } }[],
): Promise<number[]> {
  const now = deps.clock.now();
  const filters = asks.map((a) =>
    filterOfQuery(a.query, { now, committee: a.committee, ownCommitteeId: actor.scope.committeeId }),
  );
  return countConcerns(deps.db, actor, filters);
}

type InboxAsk = { bucket: 'new' | 'in_progress' | 'overdue' | 'all'; studioId?: string };

/** A member's inbox totals, one per (tab, studio) asked. */
export async function inboxListCounts(deps: Deps, actor: Actor, asks: InboxAsk[]): Promise<number[]> {
  const now = deps.clock.now();
  const filters: ListFilter[] = asks.map((a) => inboxFilterOf(a, now));
  return countConcerns(deps.db, actor, filters);
}
