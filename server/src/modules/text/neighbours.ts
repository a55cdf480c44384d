// Nearest neighbours of every text in a batch, and "document expansion": each text's vector
// gains its closest neighbours' vectors. Citizens describe one problem in very different words
// (a long letter vs "路灯坏了咋没人管"), so two texts of one topic often share few terms directly,
// but they share neighbours; after expansion their vectors meet. Used by rebuilds only.
import type { SparseVector } from './vocabulary.ts';
import { normalized } from './vocabulary.ts';

export interface Neighbour {
  index: number;
  similarity: number;
}

/** Terms listed in more than this many texts are too common to find neighbours through (they
 * weigh little, and walking them made finding neighbours grow with the square of the texts). */
const maxPosting = 200;

/** The `k` most similar other vectors of each vector (exact cosine over inverted-index candidates). */
export function nearestNeighbours(
  vectors: readonly SparseVector[],
  k: number,
  candidates = 4 * k,
): Neighbour[][] {
  const postings = new Map<number, [number, number][]>();
  vectors.forEach((v, doc) => {
    v.ids.forEach((id, i) => {
      let list = postings.get(id);
      if (!list) postings.set(id, (list = []));
      list.push([doc, v.weights[i] ?? 0]);
    });
  });
  const maps = vectors.map((v) => new Map(v.ids.map((id, i) => [id, v.weights[i] ?? 0])));
  return vectors.map((v, doc) => {
    const score = new Map<number, number>();
    v.ids.forEach((id, i) => {
      const list = postings.get(id);
      if (!list || list.length > maxPosting) return;
      const w = v.weights[i] ?? 0;
      for (const [other, ow] of list) if (other !== doc) score.set(other, (score.get(other) ?? 0) + w * ow);
    });
    const top = [...score]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Math.max(k, candidates))
      .map(([other]) => ({ index: other, similarity: dotMap(v, maps[other] ?? new Map()) }));
    return top.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  });
}

function dotMap(v: SparseVector, m: Map<number, number>): number {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += (v.weights[i] ?? 0) * (m.get(v.ids[i] ?? -1) ?? 0);
  return s;
}

/** v + weight · Σ similarity·neighbour, L2-normalized. */
export function expand(
  vectors: readonly SparseVector[],
  neighbours: readonly Neighbour[][],
  weight: number,
  keep = 80,
): SparseVector[] {
  return vectors.map((v, doc) => {
    const sum = new Map<number, number>();
    v.ids.forEach((id, i) => sum.set(id, v.weights[i] ?? 0));
    for (const n of neighbours[doc] ?? []) {
      const u = vectors[n.index];
      if (!u || n.similarity <= 0) continue;
      u.ids.forEach((id, i) => sum.set(id, (sum.get(id) ?? 0) + weight * n.similarity * (u.weights[i] ?? 0)));
    }
    // Only the heaviest terms: the tail is noise from neighbours' incidental words, and short
    // vectors keep the clustering passes fast.
    const top = [...sum].sort((a, b) => b[1] - a[1]).slice(0, keep);
    return normalized({ ids: top.map(([id]) => id), weights: top.map(([, w]) => w) });
  });
}
