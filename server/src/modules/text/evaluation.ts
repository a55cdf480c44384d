// The labelled evaluation set (bench/data/text/concerns-*.jsonl) and the measures taken on it,
// shared by `npm run bench:text` and the quality-floor test so both judge the same way.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConcernText } from './grouping.ts';
import { bcubedScores, pairwiseScores } from './metrics.ts';
import type { Scores } from './metrics.ts';
import { rebuild } from './rebuild.ts';
import type { RebuildOptions } from './rebuild.ts';

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

/** Deterministic half: every other concern of each topic, in file order, is for training. */
export function splitHalves(set: readonly Labelled[]): { train: Labelled[]; test: Labelled[] } {
  const seen = new Map<string, number>();
  const train: Labelled[] = [];
  const test: Labelled[] = [];
  for (const c of set) {
    const n = seen.get(c.topic) ?? 0;
    seen.set(c.topic, n + 1);
    (n % 2 === 0 ? train : test).push(c);
  }
  return { train, test };
}
