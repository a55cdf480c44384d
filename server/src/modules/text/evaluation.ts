// The labelled evaluation set (bench/data/text/concerns-*.jsonl) and the measures taken on it,
// shared by `npm run bench:text` and the quality-floor test so both judge the same way.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConcernText } from './grouping.ts';
import { bcubedScores, pairwiseScores } from './metrics.ts';
import type { Scores } from './metrics.ts';
import { rebuild } from './rebuild.ts';
import type { RebuildOptions } from './rebuild.ts';
import { createSectorRouter } from './sector-router.ts';
import type { SectorRouterOptions } from './sector-router.ts';
import { prng } from '../../lib/prng.ts';

export interface Labelled extends ConcernText {
  topic: string;
  sector: string;
  category: string;
  place?: string;
}

/**
 * Every labelled concern under `dir`. A line that does not parse (a file still being written)
 * is skipped, not fatal: the set is data, not batch input.
 */
export function loadLabelled(dir: string): Labelled[] {
  const out: Labelled[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /^concerns-.*\.jsonl$/.test(f))
    .sort()) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as Partial<Labelled>;
        if (r.id && r.text && r.topic && r.sector) {
          out.push({
            id: r.id,
            text: r.text,
            topic: r.topic,
            sector: r.sector,
            category: r.category ?? '',
            ...(r.place ? { place: r.place } : {}),
          });
        }
      } catch {
        // a half-written last line
      }
    }
  }
  return out;
}

export interface GroupingReport {
  pairwise: Scores;
  bcubed: Scores;
  groups: number;
  topics: number;
  predicted: Map<string, string>;
}

export function evaluateGrouping(
  set: readonly Labelled[],
  options: Partial<RebuildOptions> = {},
): GroupingReport {
  const index = rebuild(set, [], options);
  const predicted = new Map(set.map((c) => [c.id, index.concerns.get(c.id)?.group ?? c.id]));
  const truth = new Map(set.map((c) => [c.id, c.topic]));
  return {
    pairwise: pairwiseScores(predicted, truth),
    bcubed: bcubedScores(predicted, truth),
    groups: index.groups.size,
    topics: new Set(set.map((c) => c.topic)).size,
    predicted,
  };
}

/**
 * Deterministic half, stratified by topic: each topic's concerns are shuffled with a seeded
 * PRNG (without a seed: kept in file order) and every other one is for training, so every
 * topic has about half its texts on each side (~3 of 6: what a new committee has labelled).
 */
export function splitHalves(
  set: readonly Labelled[],
  seed?: number,
): { train: Labelled[]; test: Labelled[] } {
  const byTopic = new Map<string, Labelled[]>();
  for (const c of set) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  const random = seed === undefined ? undefined : prng(seed);
  const trainIds = new Set<string>();
  for (const members of byTopic.values()) {
    const order = [...members];
    if (random)
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as Labelled, order[i] as Labelled];
      }
    order.forEach((c, n) => {
      if (n % 2 === 0) trainIds.add(c.id);
    });
  }
  return { train: set.filter((c) => trainIds.has(c.id)), test: set.filter((c) => !trainIds.has(c.id)) };
}

/** The seed of the routing split that `npm run bench:text` and the quality floors use. */
export const routingSplitSeed = 16;

export interface RoutingReport {
  train: number;
  test: number;
  /** Share of the test texts whose true sector is the first / among the first three suggested. */
  top1: number;
  top3: number;
  /** Share of test texts with no confident suggestion, and top-1 accuracy on the others. */
  abstained: number;
  answeredTop1: number;
}

/**
 * Routing trained on one half of `set` (the seeded split) and judged on the other: top-1 and
 * top-3 over every test text (an abstention still ranks its sectors), abstention rate and the
 * accuracy of the suggestions that were made.
 */
export function evaluateRouting(
  set: readonly Labelled[],
  seed = routingSplitSeed,
  options: Partial<SectorRouterOptions> = {},
): RoutingReport {
  const { train, test } = splitHalves(set, seed);
  const router = createSectorRouter(options);
  for (const c of train) router.learn(c);
  let top1 = 0;
  let top3 = 0;
  let abstained = 0;
  let answeredRight = 0;
  for (const c of test) {
    const r = router.suggest(c, 3);
    const right = r.suggestions[0]?.sector === c.sector;
    if (right) top1++;
    if (r.suggestions.some((s) => s.sector === c.sector)) top3++;
    if (r.abstain) abstained++;
    else if (right) answeredRight++;
  }
  const n = Math.max(1, test.length);
  return {
    train: train.length,
    test: test.length,
    top1: top1 / n,
    top3: top3 / n,
    abstained: abstained / n,
    answeredTop1: test.length - abstained > 0 ? answeredRight / (test.length - abstained) : 0,
  };
}
