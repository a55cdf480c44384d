// Routing from few examples: a new committee has labelled ~3 concerns per kind of problem, too
// few for the naive Bayes model alone. Three votes are combined: the model's posterior, the
// nearest labelled concerns (what staff chose for the texts most like this one), and a sector
// vocabulary shipped with the product (sector-vocabulary.txt: 医保 → 社会福利和社会保障界).
// When the combined vote is weak or split, the answer is "no confident suggestion" (abstain):
// the sectors are still ranked, but staff are told not to trust the first one.
import { readFileSync } from 'node:fs';
import { cleanText } from './features.ts';
import { createRoutingModel, routingFeatures } from './routing-model.ts';
import type {
  RoutingExample,
  RoutingInput,
  RoutingModel,
  RoutingModelState,
  SectorSuggestion,
} from './routing-model.ts';

export interface RoutingAnswer {
  /** Sectors, best first; `score` is the combined vote (0..1). */
  suggestions: SectorSuggestion[];
  /** True when no suggestion is confident enough to be shown as one. */
  abstain: boolean;
  /** The first suggestion's combined vote. */
  confidence: number;
}

export interface SectorRouterOptions {
  /** Weights of the three votes: model, neighbours, vocabulary. */
  modelWeight: number;
  neighbourWeight: number;
  vocabularyWeight: number;
  /** Nearest labelled concerns that vote. */
  neighbours: number;
  /** Least combined vote of the first sector, and least lead over the second, to suggest it. */
  minConfidence: number;
  minMargin: number;
}

export const defaultSectorRouterOptions: SectorRouterOptions = {
  modelWeight: 0.3,
  neighbourWeight: 0.5,
  vocabularyWeight: 0.2,
  neighbours: 5,
  minConfidence: 0.35,
  minMargin: 0.1,
};

const vocabularyBySector = new Map<string, string[]>();
for (const line of readFileSync(new URL('./sector-vocabulary.txt', import.meta.url), 'utf8').split('\n')) {
  const [sector, ...patterns] = line.trim().split(/\s+/);
  if (!sector || sector.startsWith('#')) continue;
  vocabularyBySector.set(sector, [...(vocabularyBySector.get(sector) ?? []), ...patterns]);
}

/** The vocabulary's vote: sectors by the share of matched patterns that name them. */
export function vocabularyVote(text: string): Map<string, number> {
  const cleaned = cleanText(text);
  const hits = new Map<string, number>();
  let total = 0;
  for (const [sector, patterns] of vocabularyBySector) {
    let n = 0;
    for (const p of patterns) if (cleaned.includes(p)) n++;
    if (n) {
      hits.set(sector, n);
      total += n;
    }
  }
  for (const [s, n] of hits) hits.set(s, n / total);
  return hits;
}

interface Stored {
  sector: string;
  features: Map<string, number>;
}

export interface SectorRouter {
  learn(example: RoutingExample): void;
  suggest(input: RoutingInput, k?: number): RoutingAnswer;
  readonly model: RoutingModel;
}

/**
 * A router over a naive Bayes model (given or new) and the labelled examples it keeps for the
 * neighbour vote. Examples are held in memory; a committee's labelled concerns are thousands at
 * most, and the vote compares with them through an inverted index of their features.
 */
export function createSectorRouter(
  options: Partial<SectorRouterOptions> = {},
  state?: RoutingModelState,
): SectorRouter {
  const opts = { ...defaultSectorRouterOptions, ...options };
  const model = createRoutingModel(state);
  const examples: Stored[] = [];
  const postings = new Map<string, number[]>();
  const df = new Map<string, number>();

  const idf = (f: string) => Math.log((examples.length + 1) / ((df.get(f) ?? 0) + 1)) + 1;
  function weighted(features: Map<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    let norm = 0;
    for (const [f, w] of features) {
      if (!df.has(f)) continue;
      const x = w * idf(f);
      out.set(f, x);
      norm += x * x;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [f, x] of out) out.set(f, x * inv);
    return out;
  }

  function neighbourVote(features: Map<string, number>): Map<string, number> {
    const q = weighted(features);
    const dots = new Map<number, number>();
    for (const [f, w] of q) for (const i of postings.get(f) ?? []) dots.set(i, (dots.get(i) ?? 0) + w);
    const scored = [...dots].map(([i]) => {
      const e = weighted((examples[i] as Stored).features);
      let dot = 0;
      for (const [f, w] of q) dot += w * (e.get(f) ?? 0);
      return [i, dot] as const;
    });
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const vote = new Map<string, number>();
    let total = 0;
    for (const [i, sim] of scored.slice(0, opts.neighbours)) {
      if (sim <= 0) continue;
      const s = (examples[i] as Stored).sector;
      vote.set(s, (vote.get(s) ?? 0) + sim);
      total += sim;
    }
    for (const [s, v] of vote) vote.set(s, v / total);
    return vote;
  }

  return {
    model,
    learn(example) {
      model.learn(example);
      const features = routingFeatures(example);
      const at = examples.length;
      examples.push({ sector: example.sector, features });
      for (const f of features.keys()) {
        df.set(f, (df.get(f) ?? 0) + 1);
        let list = postings.get(f);
        if (!list) postings.set(f, (list = []));
        list.push(at);
      }
    },
    suggest(input, k = 3) {
      const fromModel = model.predict(input, Math.max(k, 8));
      const nb = new Map(fromModel.map((s) => [s.sector, s.score]));
      const keywords = new Map(fromModel.map((s) => [s.sector, s.keywords]));
      const near = neighbourVote(routingFeatures(input));
      const vocab = vocabularyVote(input.text);
      const sectors = new Set([...nb.keys(), ...near.keys(), ...vocab.keys()]);
      const combined = [...sectors].map((sector) => ({
        sector,
        score:
          opts.modelWeight * (nb.get(sector) ?? 0) +
          opts.neighbourWeight * (near.get(sector) ?? 0) +
          opts.vocabularyWeight * (vocab.get(sector) ?? 0),
        keywords: keywords.get(sector) ?? [],
      }));
      combined.sort((a, b) => b.score - a.score || a.sector.localeCompare(b.sector));
      const first = combined[0]?.score ?? 0;
      const second = combined[1]?.score ?? 0;
      return {
        suggestions: combined.slice(0, k),
        abstain: first < opts.minConfidence || first - second < opts.minMargin,
        confidence: first,
      };
    },
  };
}
