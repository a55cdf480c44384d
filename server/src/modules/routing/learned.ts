import type { RoutingReason } from '../../../../contracts/routing.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { joinUnerasedConcern } from '../concerns/for-routing.ts';
import { joinSector } from '../org/for-others.ts';
import { createRoutingModel } from '../text/routing-model.ts';
import type { RoutingModel, RoutingModelState } from '../text/routing-model.ts';
import { sectorScorer } from '../text/sector-scores.ts';
import type { ExtraSectorScorer, SectorScores } from './suggest.ts';

// Routing that learns (issue 4): a naive Bayes model of the text engine, trained from every
// routing decision staff take (accept or override: the sector they chose is the label), one
// model per tree (the root committee), so a county's few decisions add to the province's.
// The rules of suggest.ts stay; the model's vote grows with what it has learned, so on day
// one suggestions are the rule set's and later mostly the model's.

const kind = 'routing.sectors';
/** Examples after which the model's vote counts in full. */
const fullTrustAt = 20;
/** A certain model (probability 1) outweighs the category rule and a keyword together. */
const maxWeight = 8;

type Stored = { model: RoutingModelState; lastSeq: number };
type Cached = { model: RoutingModel; examples: number; updatedAt: number };
const cache = new Map<string, Cached>();

/** Which model a committee's suggestions use, and how fresh it is: one light query. */
async function modelOf(q: Queryable, committeeId: string) {
  const [row] = await q.query<{ root_id: string; examples: number; updated_at: Date }>(
    `select m.committee_id as root_id, m.examples, m.updated_at
       from committees c
       join committees r on r.path = split_part(c.path, '/', 1)
       join text_models m on m.committee_id = r.id and m.kind = $2
      where c.id = $1`,
    [committeeId, kind],
  );
  return row;
}

/** The stored state (counts and mark) of a tree's model, for learning on top of it. */
async function storedState(q: Queryable, rootId: string): Promise<Stored | undefined> {
  const [row] = await q.query<{ state: Stored }>(
    'select state from text_models where committee_id = $1 and kind = $2',
    [rootId, kind],
  );
  return row?.state;
}

/**
 * The model in memory, reread only when the learning job has stored a newer one: a
 * submission checks a timestamp, not the whole model.
 */
async function cachedModel(q: Queryable, committeeId: string): Promise<Cached | undefined> {
  const m = await modelOf(q, committeeId);
  if (!m) return undefined;
  const updatedAt = new Date(m.updated_at).getTime();
  const hit = cache.get(m.root_id);
  if (hit && hit.updatedAt === updatedAt) return hit;
  const state = await storedState(q, m.root_id);
  if (!state) return undefined;
  const fresh = { model: createRoutingModel(state.model), examples: m.examples, updatedAt };
  cache.set(m.root_id, fresh);
  return fresh;
}

/** The learned scorer for suggestions in this committee's tree (no votes until it has learned). */
export async function learnedSectorScorer(deps: Deps, committeeId: string): Promise<ExtraSectorScorer> {
  const cached = await cachedModel(deps.db, committeeId);
  if (!cached || cached.examples === 0) return () => new Map();
  const weight = maxWeight * Math.min(1, cached.examples / fullTrustAt);
  const score = sectorScorer(cached.model, { k: 3 });
  return (text, input) => {
    const out: SectorScores = new Map();
    for (const [sector, s] of score(text, {
      place: input.place ?? undefined,
      studio: input.studioId ?? undefined,
    })) {
      if (s.score < 0.05) continue;
      const reasons: RoutingReason[] = [
        {
          kind: 'learned',
          detail: `已学习 ${cached.examples} 件分派，${Math.round(s.score * 100)}% 把握`,
          why: { code: 'learned_examples', args: { n: cached.examples, pct: Math.round(s.score * 100) } },
        },
        ...s.reasons.map((detail) => ({ kind: 'learned' as const, detail })),
      ];
      out.set(sector, { score: Math.round(s.score * weight * 100) / 100, reasons });
    }
    return out;
  };
}

/** Learns the decisions taken since the last run, for every tree that has new ones. */
export const learnRoutingJob: JobHandler = async ({ q, deps }) => {
  const roots = await q.query<{ id: string }>(`select id from committees where parent_id is null`);
  for (const r of roots) await learnTree(q, deps, r.id);
};

export async function learnTree(q: Queryable, deps: Deps, rootId: string): Promise<number> {
  const stored = await storedState(q, rootId);
  const lastSeq = stored?.lastSeq ?? 0;
  const rows = await q.query<{
    seq: number;
    body: string;
    place: string | null;
    studio_id: string | null;
    sector: string;
  }>(
    `select d.seq, k.body, k.place, k.studio_id, s.name as sector
       from routing_decisions d
       ${joinUnerasedConcern('d.concern_id')}
       join committees c on c.id = d.committee_id
       join committees r on r.path = split_part(c.path, '/', 1)
       ${joinSector('s', "(d.chosen->>'sectorId')::uuid", 'join')}
      where r.id = $1 and d.seq > $2
      order by d.seq
      limit 5000`,
    [rootId, lastSeq],
  );
  if (!rows.length) return 0;
  const model = createRoutingModel(stored?.model);
  for (const row of rows)
    model.learn({
      text: row.body,
      place: row.place ?? undefined,
      studio: row.studio_id ?? undefined,
      sector: row.sector,
    });
  const state: Stored = { model: model.toJSON(), lastSeq: rows.at(-1)!.seq };
  await q.query(
    `insert into text_models (committee_id, kind, state, examples, updated_at) values ($1, $2, $3, $4, $5)
     on conflict (committee_id, kind) do update
       set state = excluded.state, examples = text_models.examples + $4, updated_at = excluded.updated_at`,
    [rootId, kind, JSON.stringify(state), rows.length, deps.clock.now()],
  );
  cache.delete(rootId);
  return rows.length;
}
