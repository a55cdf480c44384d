// Group-average agglomerative clustering for rebuilds. Greedy placement (each text joins the
// closest group so far) depends on the order texts come in and lets a broad group swallow
// neighbours; average link merges, round after round, the two clusters whose texts are most
// alike on average, and stops when no pair is alike enough. With clusters kept as sums of unit
// vectors, the average similarity of all pairs across two clusters is one sparse dot product:
// dot(ΣA, ΣB) / (|A|·|B|).
import type { SparseVector } from './vocabulary.ts';

export interface AgglomerateOptions {
  /** Least average pairwise similarity for two clusters to merge. */
  threshold: number;
  /**
   * Share of similarity lost by a pair of texts naming different narrow places (same problem,
   * another street or estate); averaged over the pairs of two clusters.
   */
  placeConflict: number;
  /** Terms under which a cluster is listed to find merge candidates. */
  listTerms?: number;
  /** May these two clusters (item indices) become one? (Staff decisions.) */
  mayMerge?: (a: readonly number[], b: readonly number[]) => boolean;
}

interface Cluster {
  id: number;
  members: number[];
  sum: Map<number, number>;
  places: Map<number, number>;
  /** Members naming at least one narrow place. */
  placed: number;
  listed: number[];
}

/**
 * Clusters of `vectors` (indices), starting from `initial` clusters (pinned by staff) and
 * singletons for every index not in them.
 */
export function agglomerate(
  vectors: readonly SparseVector[],
  places: readonly (readonly number[])[],
  options: AgglomerateOptions,
  initial: readonly (readonly number[])[] = [],
): number[][] {
  const listTerms = options.listTerms ?? 24;
  const clusters = new Map<number, Cluster>();
  const postings = new Map<number, Set<number>>();
  let nextId = 0;

  function make(members: readonly number[]): Cluster {
    const c: Cluster = {
      id: nextId++,
      members: [...members],
      sum: new Map(),
      places: new Map(),
      placed: 0,
      listed: [],
    };
    for (const m of members) add(c, m);
    return c;
  }
  function add(c: Cluster, m: number): void {
    const v = vectors[m];
    if (v)
      for (let i = 0; i < v.ids.length; i++) {
        const id = v.ids[i] ?? -1;
        c.sum.set(id, (c.sum.get(id) ?? 0) + (v.weights[i] ?? 0));
      }
    const own = places[m] ?? [];
    if (own.length) c.placed++;
    for (const p of own) c.places.set(p, (c.places.get(p) ?? 0) + 1);
  }
  // The larger cluster's sums are reused; only the smaller one's terms are added.
  function join(a: Cluster, b: Cluster): Cluster {
    const [large, small] = a.members.length >= b.members.length ? [a, b] : [b, a];
    const c: Cluster = { ...large, id: nextId++, members: [...large.members, ...small.members], listed: [] };
    for (const [id, w] of small.sum) c.sum.set(id, (c.sum.get(id) ?? 0) + w);
    for (const [p, n] of small.places) c.places.set(p, (c.places.get(p) ?? 0) + n);
    c.placed += small.placed;
    return c;
  }
  function list(c: Cluster): void {
    c.listed = [...c.sum]
      .sort((a, b) => b[1] - a[1])
      .slice(0, listTerms)
      .map(([id]) => id);
    for (const id of c.listed) {
      let set = postings.get(id);
      if (!set) postings.set(id, (set = new Set()));
      set.add(c.id);
    }
  }
  function unlist(c: Cluster): void {
    for (const id of c.listed) postings.get(id)?.delete(c.id);
  }
  function similarity(a: Cluster, b: Cluster): number {
    const [small, large] = a.sum.size <= b.sum.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [id, w] of small.sum) dot += w * (large.sum.get(id) ?? 0);
    const pairs = a.members.length * b.members.length;
    let avg = dot / pairs;
    if (options.placeConflict > 0 && a.placed && b.placed) {
      // Pairs that both name a narrow place, less those naming the same one (a text naming
      // two places counts once per place: an approximation that only softens the penalty).
      let same = 0;
      const [fewer, more] = a.places.size <= b.places.size ? [a, b] : [b, a];
      for (const [p, n] of fewer.places) same += n * (more.places.get(p) ?? 0);
      const conflicting = Math.max(0, a.placed * b.placed - same);
      avg *= 1 - (options.placeConflict * conflicting) / pairs;
    }
    return avg;
  }

  const seen = new Set<number>();
  for (const members of initial) {
    const c = make(members.filter((m) => !seen.has(m)));
    for (const m of c.members) seen.add(m);
    if (c.members.length) clusters.set(c.id, c);
  }
  vectors.forEach((_, m) => {
    if (seen.has(m)) return;
    const c = make([m]);
    clusters.set(c.id, c);
  });
  for (const c of clusters.values()) list(c);

  for (;;) {
    const proposals: [Cluster, Cluster, number][] = [];
    for (const a of clusters.values()) {
      const candidates = new Set<number>();
      for (const id of a.listed)
        for (const other of postings.get(id) ?? []) if (other > a.id) candidates.add(other);
      let best: [Cluster, number] | undefined;
      for (const other of candidates) {
        const b = clusters.get(other);
        if (!b) continue;
        const s = similarity(a, b);
        if (s >= options.threshold && (!best || s > best[1])) best = [b, s];
      }
      if (best) proposals.push([a, best[0], best[1]]);
    }
    if (!proposals.length) break;
    proposals.sort((x, y) => y[2] - x[2]);
    const touched = new Set<number>();
    let merged = 0;
    for (const [a, b] of proposals) {
      if (touched.has(a.id) || touched.has(b.id)) continue;
      if (options.mayMerge && !options.mayMerge(a.members, b.members)) continue;
      touched.add(a.id);
      touched.add(b.id);
      unlist(a);
      unlist(b);
      clusters.delete(a.id);
      clusters.delete(b.id);
      const c = join(a, b);
      clusters.set(c.id, c);
      list(c);
      merged++;
    }
    if (!merged) break;
  }
  return [...clusters.values()].map((c) => c.members);
}
