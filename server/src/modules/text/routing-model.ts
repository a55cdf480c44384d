// Routing that learns: a multinomial naive Bayes over a concern's words, character bigrams,
// places and studio, trained in-process from every (text, place, studio, sector) staff accept
// or correct. Learning is adding counts, so it is incremental and cheap; the whole model is
// plain JSON the server can store and reload. Each suggestion says why: the words that pulled
// it there most (关键词: 路灯, 照明).
import { textTerms } from './features.ts';

export interface RoutingExample {
  text: string;
  place?: string | undefined;
  studio?: string | undefined;
  sector: string;
}

export interface RoutingInput {
  text: string;
  place?: string | undefined;
  studio?: string | undefined;
}

export interface SectorSuggestion {
  sector: string;
  /** Posterior probability under the model, 0..1 (the suggestions of one input sum to ≤ 1). */
  score: number;
  /** Words that weigh most for this sector in this text. */
  keywords: string[];
}

export interface RoutingModelState {
  version: 1;
  /** Per sector: examples learned, feature occurrences in all, occurrences by feature. */
  sectors: Record<string, { examples: number; total: number; counts: Record<string, number> }>;
}

export interface RoutingModel {
  learn(example: RoutingExample): void;
  /** Take back an example learned before (a staff override replaces the old sector). */
  unlearn(example: RoutingExample): void;
  predict(input: RoutingInput, k?: number): SectorSuggestion[];
  readonly sectors: string[];
  toJSON(): RoutingModelState;
}

/** Smoothing: small, because most words are seen in one or two sectors only. */
const alpha = 0.1;
/** Bigrams repeat what the words say; they count less so they do not outvote them. */
const bigramWeight = 0.35;
const placeWeight = 0.5;
const conceptWeight = 1.5;
const studioWeight = 1;

/** The weighted features of a routing input (feature → weight). */
export function routingFeatures(input: RoutingInput): Map<string, number> {
  const terms = textTerms(input.text, input.place);
  const out = new Map<string, number>();
  // Binary per feature: one letter repeating a word is not more evidence than saying it once.
  for (const w of terms.words) out.set(`w:${w}`, 1);
  for (const b of terms.bigrams) out.set(`b:${b}`, bigramWeight);
  for (const p of terms.places) out.set(`p:${p}`, placeWeight);
  // Concepts (路灯, 拖欠, 工地+噪音) say what the text is about however it is worded.
  for (const k of terms.concepts) out.set(`k:${k}`, conceptWeight);
  if (input.studio) out.set(`s:${input.studio}`, studioWeight);
  return out;
}

export function createRoutingModel(state?: RoutingModelState): RoutingModel {
  const sectors = new Map<string, { examples: number; total: number; counts: Map<string, number> }>();
  const vocabulary = new Map<string, number>(); // feature → sectors-summed count, for |V| and P(f)
  for (const [name, s] of Object.entries(state?.sectors ?? {})) {
    const counts = new Map(Object.entries(s.counts));
    sectors.set(name, { examples: s.examples, total: s.total, counts });
    for (const [f, n] of counts) vocabulary.set(f, (vocabulary.get(f) ?? 0) + n);
  }
  let examples = [...sectors.values()].reduce((n, s) => n + s.examples, 0);

  function update(example: RoutingExample, sign: 1 | -1): void {
    let s = sectors.get(example.sector);
    if (!s) {
      if (sign < 0) return;
      sectors.set(example.sector, (s = { examples: 0, total: 0, counts: new Map() }));
    }
    s.examples += sign;
    examples += sign;
    for (const [f, w] of routingFeatures(example)) {
      const n = Math.max(0, (s.counts.get(f) ?? 0) + sign * w);
      if (n > 1e-9) s.counts.set(f, n);
      else s.counts.delete(f);
      s.total = Math.max(0, s.total + sign * w);
      const v = Math.max(0, (vocabulary.get(f) ?? 0) + sign * w);
      if (v > 1e-9) vocabulary.set(f, v);
      else vocabulary.delete(f);
    }
    if (s.examples <= 0) sectors.delete(example.sector);
  }

  return {
    learn: (e) => update(e, 1),
    unlearn: (e) => update(e, -1),
    get sectors() {
      return [...sectors.keys()];
    },
    predict(input, k = 3) {
      if (sectors.size === 0) return [];
      const features = [...routingFeatures(input)].filter(([f]) => vocabulary.has(f)); // unseen words say nothing
      const v = vocabulary.size + 1;
      const scored = [...sectors].map(([sector, s]) => {
        let logp = Math.log((s.examples + 1) / (examples + sectors.size));
        const lifts: [string, number][] = [];
        for (const [f, w] of features) {
          const lp = Math.log(((s.counts.get(f) ?? 0) + alpha) / (s.total + alpha * v));
          logp += w * lp;
          if (f.startsWith('w:') && f.length > 3) {
            // How much likelier the word is here than in the others together: its pull.
            const rest = (vocabulary.get(f) ?? 0) - (s.counts.get(f) ?? 0);
            const restTotal = [...sectors.values()].reduce((n, o) => n + o.total, 0) - s.total;
            lifts.push([f.slice(2), lp - Math.log((rest + alpha) / (restTotal + alpha * v))]);
          }
        }
        return { sector, logp, lifts };
      });
      const max = Math.max(...scored.map((s) => s.logp));
      const z = scored.reduce((n, s) => n + Math.exp(s.logp - max), 0);
      return scored
        .map((s) => ({
          sector: s.sector,
          score: Math.exp(s.logp - max) / z,
          keywords: s.lifts
            .filter(([, lift]) => lift > 1)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 3)
            .map(([w]) => w),
        }))
        .sort((a, b) => b.score - a.score || a.sector.localeCompare(b.sector))
        .slice(0, k);
    },
    toJSON() {
      const out: RoutingModelState = { version: 1, sectors: {} };
      for (const [name, s] of sectors) {
        out.sectors[name] = { examples: s.examples, total: s.total, counts: Object.fromEntries(s.counts) };
      }
      return out;
    },
  };
}
