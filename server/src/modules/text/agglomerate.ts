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
  /**
   * How much place terms count in the similarity of two clusters (1: like any other term); a
   * shared street should not make two problems there one.
   */
  placeShare?: number;
  isPlace?: (termId: number) => boolean;
  /**
   * Each text's own vector, place terms left out (not expanded by its neighbours). Expansion
   * lends a text its neighbours' words, and a text's neighbours are often its place's other
   * problems (sewage and rubbish at one estate): two clusters whose own words are on average
   * less alike than `ownFloor` lose similarity in proportion.
   */
  own?: readonly SparseVector[];
  ownFloor?: number;
  /**
   * Two clusters of at least `cohesionSize` members whose own words are less alike across them
   * than `cohesion` times how alike they are inside each (geometric mean) lose similarity in
   * proportion: one topic's two halves are about as alike across as within, two problems at
   * one place much less.
   */
  cohesion?: number;
  cohesionSize?: number;
  /**
   * What each text is about, in kinds of aspect (what is wrong: 噪音, 拖欠; what it concerns:
   * 工地, 医院), with the share of similarity lost by a pair of texts that both name aspects of
   * a kind and share none of them: two problems at one worksite both name 工地, but one names
   * 噪音 and the other 拖欠. Averaged over the pairs of two clusters, like places.
   */
  aspects?: readonly { of: readonly (readonly number[])[]; conflict: number }[];
  /** Terms under which a cluster is listed to find merge candidates. */
  listTerms?: number;
  /** May these two clusters (item indices) become one? (Staff decisions.) */
  mayMerge?: (a: readonly number[], b: readonly number[]) => boolean;
}

/** Clusters walked per listed term when looking for merge candidates, at most. */
const maxWalk = 300;
/** Candidates whose average similarity is computed exactly, after the pre-score. */
const exactCandidates = 24;

/** Higher similarity first; ties by cluster id, so the same input gives the same clusters. */
function before(x: [number, number, number] | undefined, y: [number, number, number] | undefined): boolean {
  if (!x || !y) return false;
  return x[0] > y[0] || (x[0] === y[0] && x[1] < y[1]);
}

interface Cluster {
  id: number;
  members: number[];
  sum: Map<number, number>;
  /** Sum of the members' own vectors (see `own`). */
  own: Map<number, number>;
  /** Average own-word similarity of its pairs of members, once worked out. */
  cohesion?: number;
  places: Map<number, number>;
  /** Members naming at least one narrow place. */
  placed: number;
  /** Per kind of aspect: members by aspect named, and members naming any. */
  aspects: { counts: Map<number, number>; named: number }[];
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
  const listTerms = options.listTerms ?? 16;
  const kinds = options.aspects ?? [];
  const clusters = new Map<number, Cluster>();
  const placeShare = options.placeShare ?? 1;
  const placeTerms = new Map<number, boolean>();
  const placeTerm = (id: number): boolean => {
    let p = placeTerms.get(id);
    if (p === undefined) placeTerms.set(id, (p = options.isPlace?.(id) ?? false));
    return p;
  };
  const postings = new Map<number, Set<number>>();
  let nextId = 0;

  function make(members: readonly number[]): Cluster {
    const c: Cluster = {
      id: nextId++,
      members: [...members],
      sum: new Map(),
      own: new Map(),
      places: new Map(),
      placed: 0,
      aspects: kinds.map(() => ({ counts: new Map(), named: 0 })),
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
    const o = options.own?.[m];
    if (o)
      for (let i = 0; i < o.ids.length; i++) {
        const id = o.ids[i] ?? -1;
        c.own.set(id, (c.own.get(id) ?? 0) + (o.weights[i] ?? 0));
      }
    kinds.forEach((kind, k) => {
      const list = kind.of[m] ?? [];
      const a = c.aspects[k];
      if (!a || !list.length) return;
      a.named++;
      for (const id of list) a.counts.set(id, (a.counts.get(id) ?? 0) + 1);
    });
    const named = places[m] ?? [];
    if (named.length) c.placed++;
    for (const p of named) c.places.set(p, (c.places.get(p) ?? 0) + 1);
  }
  // The larger cluster's sums are reused; only the smaller one's terms are added.
  function join(a: Cluster, b: Cluster): Cluster {
    const [large, small] = a.members.length >= b.members.length ? [a, b] : [b, a];
    const c: Cluster = {
      ...large,
      id: nextId++,
      members: [...large.members, ...small.members],
      listed: [],
      cohesion: undefined,
      aspects: large.aspects.map((a, k) => {
        const counts = new Map(a.counts);
        const other = small.aspects[k];
        for (const [id, n] of other?.counts ?? []) counts.set(id, (counts.get(id) ?? 0) + n);
        return { counts, named: a.named + (other?.named ?? 0) };
      }),
    };
    for (const [id, w] of small.sum) c.sum.set(id, (c.sum.get(id) ?? 0) + w);
    for (const [id, w] of small.own) c.own.set(id, (c.own.get(id) ?? 0) + w);
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
  /** Average own-word similarity of a cluster's pairs of members (self-pairs left out). */
  function cohesion(c: Cluster): number {
    const n = c.members.length;
    if (n < 2) return 0;
    if (c.cohesion === undefined) {
      let norm2 = 0;
      for (const w of c.own.values()) norm2 += w * w;
      c.cohesion = Math.max(0, (norm2 - n) / (n * (n - 1)));
    }
    return c.cohesion;
  }
  function similarity(a: Cluster, b: Cluster): number {
    const [small, large] = a.sum.size <= b.sum.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [id, w] of small.sum) {
      const d = w * (large.sum.get(id) ?? 0);
      dot += d !== 0 && placeShare !== 1 && placeTerm(id) ? placeShare * d : d;
    }
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
    kinds.forEach((kind, k) => {
      const x = a.aspects[k];
      const y = b.aspects[k];
      if (!x || !y || !x.named || !y.named || kind.conflict <= 0) return;
      // Pairs that both name aspects of this kind, less those sharing one (capped: a text naming
      // two aspects counts once per aspect).
      let same = 0;
      const [fewer, more] = x.counts.size <= y.counts.size ? [x, y] : [y, x];
      for (const [id, n] of fewer.counts) same += n * (more.counts.get(id) ?? 0);
      const conflicting = Math.max(0, x.named * y.named - same);
      avg *= 1 - (kind.conflict * conflicting) / pairs;
    });
    const floor = options.ownFloor ?? 0;
    if (floor > 0 && options.own) {
      const [fewer, more] = a.own.size <= b.own.size ? [a.own, b.own] : [b.own, a.own];
      let ownDot = 0;
      for (const [id, w] of fewer) ownDot += w * (more.get(id) ?? 0);
      const ownAvg = ownDot / pairs;
      if (ownAvg < floor) avg *= Math.max(0, ownAvg) / floor;
      const cohesive = options.cohesion ?? 0;
      const least = options.cohesionSize ?? 3;
      if (cohesive > 0 && a.members.length >= least && b.members.length >= least) {
        const within = Math.sqrt(cohesion(a) * cohesion(b));
        if (within > 0 && ownAvg < cohesive * within) avg *= Math.max(0, ownAvg) / (cohesive * within);
      }
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

  // Each cluster's best partner is remembered and looked for again only when the cluster is
  // new or its partner was merged away: under average link a merged cluster is never closer to
  // a third one than the closer of its two parts was, so other remembered partners stay best.
  const blocked = new Set<string>();
  const bestOf = new Map<number, [number, number] | undefined>();
  function findBest(a: Cluster): [number, number] | undefined {
    // Pre-score over the listed terms, then exact average similarity for the closest few.
    const pre = new Map<number, number>();
    for (const id of a.listed) {
      const w = a.sum.get(id) ?? 0;
      let walked = 0;
      for (const other of postings.get(id) ?? []) {
        if (++walked > maxWalk) break;
        if (other === a.id) continue;
        const b = clusters.get(other);
        if (b) pre.set(other, (pre.get(other) ?? 0) + (w * (b.sum.get(id) ?? 0)) / b.members.length);
      }
    }
    const candidates = [...pre].sort((x, y) => y[1] - x[1]).slice(0, exactCandidates);
    let best: [number, number] | undefined;
    for (const [other] of candidates) {
      const b = clusters.get(other);
      if (!b || blocked.has(`${Math.min(a.id, other)}:${Math.max(a.id, other)}`)) continue;
      const s = similarity(a, b);
      if (s >= options.threshold && (!best || s > best[1])) best = [other, s];
    }
    return best;
  }
  // Proposals in a max-heap by similarity; one is stale once either cluster is gone or its
  // remembered best partner changed. `pointedBy` finds the clusters to look at again after a
  // merge: those whose best partner was one of the two merged.
  const heap: [number, number, number][] = []; // [similarity, cluster, partner]
  const pointedBy = new Map<number, Set<number>>();
  function remember(a: Cluster): void {
    const best = findBest(a);
    bestOf.set(a.id, best);
    if (!best) return;
    let set = pointedBy.get(best[0]);
    if (!set) pointedBy.set(best[0], (set = new Set()));
    set.add(a.id);
    push([best[1], a.id, best[0]]);
  }
  function push(item: [number, number, number]): void {
    heap.push(item);
    for (let k = heap.length - 1; k > 0;) {
      const up = (k - 1) >> 1;
      if (!before(heap[k], heap[up])) break;
      [heap[k], heap[up]] = [heap[up] as [number, number, number], heap[k] as [number, number, number]];
      k = up;
    }
  }
  function pop(): [number, number, number] | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length && last) {
      heap[0] = last;
      for (let k = 0; ;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === k) break;
        [heap[k], heap[m]] = [heap[m] as [number, number, number], heap[k] as [number, number, number]];
        k = m;
      }
    }
    return top;
  }
  for (const c of clusters.values()) remember(c);

  for (let item = pop(); item; item = pop()) {
    const [sim, aId, bId] = item;
    const a = clusters.get(aId);
    const b = clusters.get(bId);
    const current = bestOf.get(aId);
    if (!a || !current || current[0] !== bId || current[1] !== sim) continue;
    if (!b) {
      remember(a);
      continue;
    }
    if (options.mayMerge && !options.mayMerge(a.members, b.members)) {
      blocked.add(`${Math.min(aId, bId)}:${Math.max(aId, bId)}`);
      remember(a);
      continue;
    }
    unlist(a);
    unlist(b);
    clusters.delete(aId);
    clusters.delete(bId);
    bestOf.delete(aId);
    bestOf.delete(bId);
    const c = join(a, b);
    clusters.set(c.id, c);
    list(c);
    remember(c);
    const again = new Set([...(pointedBy.get(aId) ?? []), ...(pointedBy.get(bId) ?? [])]);
    pointedBy.delete(aId);
    pointedBy.delete(bId);
    for (const id of again) {
      const other = clusters.get(id);
      if (other && other.id !== c.id) remember(other);
    }
  }
  return [...clusters.values()].map((c) => c.members);
}
