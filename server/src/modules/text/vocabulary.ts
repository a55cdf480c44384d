// Terms as numbers and their weights. A vocabulary belongs to one index (one committee scope)
// and learns document frequencies as texts arrive, so IDF is kept incrementally: a word every
// concern uses (小区, 反映) weighs little, a rare one (井盖, 清真) a lot.
import type { TextTerms } from './features.ts';

/** A sparse vector: parallel arrays of term ids and weights, L2 norm 1 unless empty. */
export interface SparseVector {
  ids: number[];
  weights: number[];
}

/**
 * How much each kind of term counts. Places weigh least: same place, different problem must
 * not be one issue. Bigrams catch typos and segmentation errors (路等/路灯 share 路).
 */
export interface BlockWeights {
  words: number;
  bigrams: number;
  places: number;
  /** Concepts (concepts.txt): one problem worded differently still names the same ones. */
  concepts: number;
}

export const defaultBlockWeights: BlockWeights = { words: 1, bigrams: 0.6, places: 0.3, concepts: 0.4 };

const prefixes = { words: 'w:', bigrams: 'b:', places: 'p:', concepts: 'k:' } as const;
type Block = keyof typeof prefixes;
const blocks: Block[] = ['words', 'bigrams', 'places', 'concepts'];

export interface VocabularyState {
  terms: string[];
  df: number[];
  docs: number;
}

export interface Vocabulary {
  /** The id of a term, created on first sight. */
  id(term: string): number;
  term(id: number): string;
  /** Count one document's distinct terms (call once per text indexed). */
  observe(terms: TextTerms): void;
  idf(id: number): number;
  /** TF-IDF per block, each block scaled by its weight, the whole L2-normalized. */
  vector(terms: TextTerms, weights?: BlockWeights): SparseVector;
  readonly docs: number;
  readonly size: number;
  toJSON(): VocabularyState;
}

export function createVocabulary(state?: VocabularyState): Vocabulary {
  const terms: string[] = state ? [...state.terms] : [];
  const df: number[] = state ? [...state.df] : [];
  const ids = new Map<string, number>(terms.map((t, i) => [t, i]));
  let docs = state?.docs ?? 0;

  function id(term: string): number {
    let found = ids.get(term);
    if (found === undefined) {
      found = terms.length;
      ids.set(term, found);
      terms.push(term);
      df.push(0);
    }
    return found;
  }

  // The ids of the last terms seen: a text indexed is observed, then made a vector, and the
  // two would otherwise look each of its terms up twice.
  let lastTerms: TextTerms | undefined;
  let lastIds: number[][] = [];
  function idsOf(t: TextTerms): number[][] {
    if (t !== lastTerms) {
      lastIds = blocks.map((block) => t[block].map((term) => id(prefixes[block] + term)));
      lastTerms = t;
    }
    return lastIds;
  }

  function idf(termId: number): number {
    return Math.log((docs + 1) / ((df[termId] ?? 0) + 1)) + 1;
  }

  return {
    id,
    term: (termId) => terms[termId] ?? '',
    observe(t) {
      docs++;
      const seen = new Set<number>();
      for (const list of idsOf(t)) for (const termId of list) seen.add(termId);
      for (const termId of seen) df[termId] = (df[termId] ?? 0) + 1;
    },
    idf,
    vector(t, weights = defaultBlockWeights) {
      const out: SparseVector = { ids: [], weights: [] };
      const termIds = idsOf(t);
      blocks.forEach((block, b) => {
        const counts = new Map<number, number>();
        for (const termId of termIds[b] ?? []) counts.set(termId, (counts.get(termId) ?? 0) + 1);
        let norm = 0;
        const start = out.ids.length;
        for (const [termId, count] of counts) {
          // Sublinear TF: a word written three times is not three times the topic.
          const w = (1 + Math.log(count)) * idf(termId);
          out.ids.push(termId);
          out.weights.push(w);
          norm += w * w;
        }
        const scale = norm > 0 ? weights[block] / Math.sqrt(norm) : 0;
        for (let i = start; i < out.weights.length; i++) out.weights[i] = (out.weights[i] ?? 0) * scale;
      });
      return normalized(out);
    },
    get docs() {
      return docs;
    },
    get size() {
      return terms.length;
    },
    toJSON: () => ({ terms: [...terms], df: [...df], docs }),
  };
}

export function normalized(v: SparseVector): SparseVector {
  let norm = 0;
  for (const w of v.weights) norm += w * w;
  if (norm === 0) return v;
  const inv = 1 / Math.sqrt(norm);
  return { ids: v.ids, weights: v.weights.map((w) => w * inv) };
}

/** The kind of a term id's text: 'w' word, 'b' bigram, 'p' place, 'k' concept. */
export function termKind(term: string): 'w' | 'b' | 'p' | 'k' {
  return term.charAt(0) as 'w' | 'b' | 'p' | 'k';
}

/** The `n` heaviest words of a vector (not bigrams or places): the key terms shown to staff. */
export function keyWords(v: SparseVector, vocabulary: Vocabulary, n: number): string[] {
  const order = v.ids.map((_, i) => i).sort((a, b) => (v.weights[b] ?? 0) - (v.weights[a] ?? 0));
  const out: string[] = [];
  for (const i of order) {
    const term = vocabulary.term(v.ids[i] ?? -1);
    if (termKind(term) !== 'w' || term.length < 4) continue; // 'w:' + at least two characters
    out.push(term.slice(2));
    if (out.length >= n) break;
  }
  return out;
}
