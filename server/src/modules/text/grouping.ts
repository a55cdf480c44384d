// The incremental index of common issues (共性问题) of one scope: a committee subtree and a time
// window chosen by the caller. `place` puts a new concern into the closest group or opens a new
// one; candidates come through an inverted index from a group's heaviest terms, so placing
// stays a few dot products however many concerns are indexed.
import { Centroid, load, PostingList, unload } from './centroid.ts';
import { isObjectConcept, isProblemConcept, textTerms } from './features.ts';
import type { Constraints } from './decisions.ts';
import { emptyConstraints, mayJoin } from './decisions.ts';
import type { BlockWeights, SparseVector, Vocabulary } from './vocabulary.ts';
import { createVocabulary, defaultBlockWeights } from './vocabulary.ts';

export interface ConcernText {
  id: string;
  text: string;
  place?: string | undefined;
  studio?: string | undefined;
  /** ISO date or date-time of arrival; counts by day use its first 10 characters. */
  at?: string | undefined;
}

export interface GroupingOptions {
  /** Least cosine similarity to a group's centroid for a concern to join it. */
  threshold: number;
  blockWeights: BlockWeights;
  /** Terms of a new concern looked up in the inverted index. */
  queryTerms: number;
  /** Terms under which a group is listed in the inverted index. */
  groupTerms: number;
  /** Candidates scored exactly after the inverted-index pre-score. */
  candidates: number;
  /** Terms kept in a centroid (the lightest are dropped beyond it; memory stays bounded). */
  centroidTerms: number;
  /**
   * How much a concern's similarity to a group falls when the group is tied to another narrow
   * place (a street, an estate, a village) than the concern's: 0 ignores places' difference.
   */
  placeConflict: number;
  /**
   * How much a concern's similarity to a group falls when the group's members name other
   * problems (concepts.txt [problem]: 噪音, 拖欠) than the concern does, and other objects
   * ([object]: 工地, 医院): in proportion to the members that do.
   */
  problemConflict: number;
  objectConflict: number;
}

export const defaultGroupingOptions: GroupingOptions = {
  threshold: 0.12,
  blockWeights: defaultBlockWeights,
  queryTerms: 10,
  groupTerms: 12,
  candidates: 24,
  centroidTerms: 160,
  placeConflict: 0.6,
  problemConflict: 1,
  objectConflict: 0.8,
};

/** Groups walked per inverted-index term, at most. */
const maxPosting = 256;

// Administrative areas (a city, a district, a town, a sub-district) hold many unrelated issues;
// a street, an estate, a village or a named site is where one problem is.
export const broadPlace = /(省|自治区|市|地区|盟|州|县|旗|区|镇|乡|街道)$/u;

export interface Group {
  id: string;
  members: string[];
  /** Sum of the members' unit vectors, by term id. */
  centroid: Centroid;
  norm2: number;
  /** Term ids under which the group is listed in the inverted index. */
  listed: number[];
  /** The group's position in each listed term's posting list. */
  listedAt: number[];
  addsSinceListed: number;
  /** The one or two members closest to the centroid when they joined: [id, similarity]. */
  representatives: [string, number][];
  /** Members by the narrow place (term id) they name: where the group's problem is. */
  places: Map<number, number>;
  /** Members by concept (term id) they name, and members naming a problem / an object. */
  concepts: Map<number, number>;
  problemsNamed: number;
  objectsNamed: number;
  /** The group's slot in the index's scratch arrays (pre-scores while placing). */
  slot: number;
}

export interface IndexedConcern {
  group: string;
  /** Narrow places (term ids) the concern itself names. */
  places: number[];
  /** Concepts (term ids) the concern itself names. */
  concepts: number[];
  text: string;
  place: string | undefined;
  studio: string | undefined;
  at: string | undefined;
}

export interface GroupIndex {
  readonly options: GroupingOptions;
  readonly vocabulary: Vocabulary;
  readonly groups: Map<string, Group>;
  readonly concerns: Map<string, IndexedConcern>;
  constraints: Constraints;
  /** Vector of a text under the current IDF (counting it as a document if `observe`). */
  vectorOf(c: ConcernText, observe: boolean): SparseVector;
  /**
   * The best group a vector may join, or undefined: [group, similarity]. `places` are the narrow
   * places of the query (by default those the vector names).
   */
  bestGroup(
    v: SparseVector,
    concernId?: string,
    exclude?: string,
    places?: readonly number[],
    concepts?: readonly number[],
  ): [Group, number] | undefined;
  /** Concepts (term ids) a concern names; a rebuild may set them from the raw texts. */
  conceptsOf(c: ConcernText, v: SparseVector): number[];
  /** Narrow places (term ids) a concern names; a rebuild may set them from the raw texts. */
  placesOf(c: ConcernText, v: SparseVector): number[];
  /** Factor (≤ 1) on a query's similarity to a group tied to another narrow place. */
  placeFactor(places: readonly number[], g: Group): number;
  /** Index one new concern; returns its group id. */
  place(c: ConcernText): string;
  /** Place a concern whose vector is already made (it is not counted in IDF again). */
  placeVector(c: ConcernText, v: SparseVector): string;
  /** An id for a new group opened by this concern, unused in the index. */
  freshGroupId(concernId: string): string;
  /** Put an already vectorized concern into a given (possibly new) group. */
  addTo(groupId: string, c: ConcernText, v: SparseVector): Group;
  /** Take a concern out of its group (its vector recomputed from its text unless given). */
  remove(concernId: string, v?: SparseVector): void;
  /** Give a group a new id (rebuilds name groups after their first member). */
  rename(groupId: string, newId: string): void;
  cosine(v: SparseVector, g: Group): number;
}

export function createGroupIndex(
  options: Partial<GroupingOptions> = {},
  vocabulary?: Vocabulary,
): GroupIndex {
  const opts: GroupingOptions = { ...defaultGroupingOptions, ...options };
  const vocab = vocabulary ?? createVocabulary();
  const groups = new Map<string, Group>();
  const concerns = new Map<string, IndexedConcern>();
  // Each listed term's groups (slots) with the term's weight in the group's unit centroid, kept
  // up to date on every change to the group: the walk reads slots and weights from the list
  // instead of looking each group's centroid up.
  const postings = new Map<number, PostingList>();
  // By term id: 1 a narrow place, 2 not, 0 not yet known.
  let narrow = new Uint8Array(1024);

  // Pre-scores by group slot while placing; `seen` marks the slots scored in this placement.
  let pre = new Float64Array(256);
  let seen = new Uint32Array(256);
  let generation = 0;
  let slots = 0;
  const freeSlots: number[] = [];
  const bySlot: (Group | undefined)[] = [];
  function takeSlot(): number {
    const s = freeSlots.pop() ?? slots++;
    if (s >= pre.length) {
      const p = new Float64Array(pre.length * 2);
      p.set(pre);
      pre = p;
      const q = new Uint32Array(seen.length * 2);
      q.set(seen);
      seen = q;
    }
    return s;
  }

  function isNarrow(id: number): boolean {
    if (id >= narrow.length) {
      let size = narrow.length;
      while (size <= id) size *= 2;
      const next = new Uint8Array(size);
      next.set(narrow);
      narrow = next;
    }
    let n = narrow[id] as number;
    if (n === 0) {
      const term = vocab.term(id);
      n = term.startsWith('p:') && !broadPlace.test(term) ? 1 : 2;
      narrow[id] = n;
    }
    return n === 1;
  }

  // By term id: 1 a problem concept, 2 an object concept, 3 neither (a word, a pair, a general
  // concept), 0 not yet known.
  let conceptKinds = new Uint8Array(1024);
  function conceptKind(id: number): number {
    if (id >= conceptKinds.length) {
      let size = conceptKinds.length;
      while (size <= id) size *= 2;
      const next = new Uint8Array(size);
      next.set(conceptKinds);
      conceptKinds = next;
    }
    let k = conceptKinds[id] as number;
    if (k === 0) {
      const term = vocab.term(id);
      const name = term.slice(2);
      k = !term.startsWith('k:') ? 3 : isProblemConcept(name) ? 1 : isObjectConcept(name) ? 2 : 3;
      conceptKinds[id] = k;
    }
    return k;
  }
  const conceptsIn = (v: SparseVector) => v.ids.filter((id) => conceptKind(id) < 3);

  // A group whose members name other problems than the query (or other objects) is another
  // issue, whatever words and places they share: the query loses similarity in proportion to
  // the members naming a problem (an object) that the query does not.
  function aspectFactor(concepts: readonly number[], g: Group): number {
    if (!concepts.length || (opts.problemConflict <= 0 && opts.objectConflict <= 0)) return 1;
    let problems = 0;
    let objects = 0;
    let shareP = 0;
    let shareO = 0;
    for (const id of concepts) {
      const n = g.concepts.get(id) ?? 0;
      if (conceptKind(id) === 1) {
        problems++;
        if (n > shareP) shareP = n;
      } else {
        objects++;
        if (n > shareO) shareO = n;
      }
    }
    const size = Math.max(1, g.members.length);
    let f = 1;
    if (problems && g.problemsNamed)
      f *= 1 - (opts.problemConflict * Math.max(0, g.problemsNamed - shareP)) / size;
    if (objects && g.objectsNamed)
      f *= 1 - (opts.objectConflict * Math.max(0, g.objectsNamed - shareO)) / size;
    return Math.max(0, f);
  }

  // A group tied to one place (most members name it) is that place's issue: a concern naming
  // another place loses up to `placeConflict` of its similarity. A group spread over many
  // places (a problem type across villages) barely ties, and a text naming no narrow place is
  // never penalised.
  function placeFactor(places: readonly number[], g: Group): number {
    if (!places.length || !g.places.size || opts.placeConflict <= 0) return 1;
    let top = 0;
    for (const n of g.places.values()) if (n > top) top = n;
    let share = 0;
    for (const p of places) share = Math.max(share, g.places.get(p) ?? 0);
    const conflict = (top - share) / Math.max(1, g.members.length);
    return conflict > 0 ? 1 - opts.placeConflict * conflict : 1;
  }

  function cosine(v: SparseVector, g: Group): number {
    if (g.norm2 <= 0) return 0;
    return g.centroid.dot(v) / Math.sqrt(g.norm2);
  }

  function relist(g: Group): void {
    g.listed.forEach((id, j) => {
      const list = postings.get(id);
      if (!list) return;
      const moved = list.removeAt(g.listedAt[j] ?? -1);
      if (moved >= 0) {
        const other = bySlot[moved] as Group;
        other.listedAt[other.listed.indexOf(id)] = g.listedAt[j] ?? -1;
      }
    });
    g.listed = g.members.length ? g.centroid.heaviest(opts.groupTerms) : [];
    g.listedAt = g.listed.map((id) => {
      let list = postings.get(id);
      if (!list) postings.set(id, (list = new PostingList()));
      return list.push(g.slot, 0);
    });
    reweigh(g);
    g.addsSinceListed = 0;
  }

  /** The listed terms' weights in the group's unit centroid, into their posting lists. */
  function reweigh(g: Group): void {
    if (!g.listed.length) return;
    const inv = 1 / Math.sqrt(g.norm2 || 1);
    const { ids, weights, size } = g.centroid;
    let found = 0;
    for (let k = 0; k < size && found < g.listed.length; k++) {
      const j = g.listed.indexOf(ids[k] as number);
      if (j < 0) continue;
      const list = postings.get(ids[k] as number) as PostingList;
      list.weights[g.listedAt[j] as number] = (weights[k] as number) * inv;
      found++;
    }
    // A listed term gone from the centroid (its members left) weighs nothing until relisted.
    if (found < g.listed.length)
      g.listed.forEach((id, j) => {
        if (g.centroid.get(id) === 0) (postings.get(id) as PostingList).weights[g.listedAt[j] as number] = 0;
      });
  }

  function prune(g: Group): void {
    // Bounded centroids: beyond 1.5× the budget, keep the heaviest terms only.
    if (g.centroid.size <= opts.centroidTerms * 1.5) return;
    g.norm2 = g.centroid.prune(opts.centroidTerms);
  }

  function addVector(g: Group, v: SparseVector, sign: 1 | -1): void {
    g.norm2 += g.centroid.add(v, sign);
    if (g.norm2 < 1e-12) g.norm2 = 0;
  }

  // The k best-scored slots, in the order a stable sort by score would give, without sorting
  // all of them: a min-heap of the best k so far, whose root is the worst kept.
  function topSlots(cands: readonly number[], k: number): number[] {
    if (cands.length <= k) return stableByScore([...cands.keys()], cands);
    const score = (i: number) => pre[cands[i] as number] as number;
    const worse = (a: number, b: number) => score(a) < score(b) || (score(a) === score(b) && a > b);
    const heap: number[] = []; // positions in cands
    const swap = (x: number, y: number) => {
      const t = heap[x] as number;
      heap[x] = heap[y] as number;
      heap[y] = t;
    };
    for (let i = 0; i < cands.length; i++) {
      if (heap.length < k) {
        heap.push(i);
        for (let at = heap.length - 1; at > 0;) {
          const up = (at - 1) >> 1;
          if (!worse(heap[at] as number, heap[up] as number)) break;
          swap(at, up);
          at = up;
        }
      } else if (worse(heap[0] as number, i)) {
        heap[0] = i;
        for (let at = 0; ;) {
          const l = 2 * at + 1;
          const r = l + 1;
          let m = at;
          if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
          if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
          if (m === at) break;
          swap(at, m);
          at = m;
        }
      }
    }
    return stableByScore(heap, cands);
  }
  function stableByScore(positions: number[], cands: readonly number[]): number[] {
    const score = (i: number) => pre[cands[i] as number] as number;
    return positions.sort((a, b) => score(b) - score(a) || a - b).map((i) => cands[i] as number);
  }

  const index: GroupIndex = {
    options: opts,
    vocabulary: vocab,
    groups,
    concerns,
    constraints: emptyConstraints(),
    cosine,
    placeFactor,
    placesOf(_c, v) {
      return v.ids.filter(isNarrow);
    },
    conceptsOf(_c, v) {
      return conceptsIn(v);
    },
    vectorOf(c, observe) {
      const terms = textTerms(c.text, c.place);
      if (observe) vocab.observe(terms);
      return vocab.vector(terms, opts.blockWeights);
    },
    bestGroup(v, concernId, exclude, places, concepts) {
      const where = places ?? v.ids.filter(isNarrow);
      const aspects = concepts ?? conceptsIn(v);
      const order = v.ids.map((_, i) => i).sort((a, b) => (v.weights[b] ?? 0) - (v.weights[a] ?? 0));
      if (++generation >= 0xffffffff) {
        seen.fill(0);
        generation = 1;
      }
      const cands: number[] = []; // slots, in the order first scored
      const touch = (s: number, score: number) => {
        if (seen[s] !== generation) {
          seen[s] = generation;
          pre[s] = score;
          cands.push(s);
        } else pre[s] = (pre[s] as number) + score;
      };
      // The query's heaviest terms that some group is listed under: a text's rarest words are
      // often new to the index (heaviest by IDF, listed nowhere) and would find no candidate.
      let used = 0;
      for (const i of order) {
        if (used >= opts.queryTerms) break;
        const id = v.ids[i] ?? -1;
        const listed = postings.get(id);
        if (!listed || listed.size === 0) continue;
        // A term listed by very many groups barely tells them apart and costs the most to
        // walk: once shorter lists have found candidates, long ones are skipped, and no list
        // is walked beyond maxPosting groups.
        if (listed.size > maxPosting && cands.length > 0) continue;
        used++;
        const w = v.weights[i] ?? 0;
        const { slots: listedSlots, weights } = listed;
        for (let k = 0, n = Math.min(listed.size, maxPosting); k < n; k++)
          touch(listedSlots[k] as number, w * (weights[k] as number));
      }
      // A young index has few groups: score them all exactly rather than trust the pre-score.
      if (groups.size <= opts.candidates) for (const g of groups.values()) touch(g.slot, 0);
      const pin = concernId === undefined ? undefined : index.constraints.pins.get(concernId);
      const pinned = pin === undefined ? undefined : groups.get(pin);
      if (pinned) {
        touch(pinned.slot, 0);
        pre[pinned.slot] = 1;
      }
      const ranked = topSlots(cands, opts.candidates);
      let best: [Group, number] | undefined;
      // The query in the dense scratch: each candidate's exact cosine is one pass over its
      // centroid's arrays.
      load(v);
      try {
        for (const s of ranked) {
          const g = bySlot[s] as Group;
          if (g.id === exclude) continue;
          const sim =
            g.norm2 > 0
              ? (g.centroid.dotLoaded() / Math.sqrt(g.norm2)) *
                placeFactor(where, g) *
                aspectFactor(aspects, g)
              : 0;
          if (best && sim <= best[1]) continue;
          if (concernId !== undefined) {
            const allowed = mayJoin(
              index.constraints,
              concernId,
              g.id,
              (o) => concerns.get(o)?.group === g.id,
            );
            if (!allowed) continue;
          }
          best = [g, sim];
        }
      } finally {
        unload(v);
      }
      return best;
    },
    place(c) {
      return index.placeVector(c, index.vectorOf(c, true));
    },
    freshGroupId: (concernId) => newGroupId(concernId),
    placeVector(c, v) {
      const pin = index.constraints.pins.get(c.id);
      if (pin !== undefined) return index.addTo(pin, c, v).id;
      const best = index.bestGroup(v, c.id, undefined, index.placesOf(c, v), index.conceptsOf(c, v));
      if (best && best[1] >= opts.threshold) return index.addTo(best[0].id, c, v).id;
      return index.addTo(newGroupId(c.id), c, v).id;
    },
    addTo(groupId, c, v) {
      let g = groups.get(groupId);
      if (!g) {
        g = {
          id: groupId,
          members: [],
          centroid: new Centroid(),
          norm2: 0,
          listed: [],
          listedAt: [],
          addsSinceListed: 0,
          representatives: [],
          places: new Map(),
          concepts: new Map(),
          problemsNamed: 0,
          objectsNamed: 0,
          slot: takeSlot(),
        };
        bySlot[g.slot] = g;
        groups.set(groupId, g);
      }
      g.members.push(c.id);
      addVector(g, v, 1);
      prune(g);
      const places = index.placesOf(c, v);
      for (const p of places) g.places.set(p, (g.places.get(p) ?? 0) + 1);
      const concepts = index.conceptsOf(c, v);
      countConcepts(g, concepts, 1);
      concerns.set(c.id, {
        group: g.id,
        places,
        concepts,
        text: c.text,
        place: c.place,
        studio: c.studio,
        at: c.at,
      });
      const sim = cosine(v, g);
      g.representatives = [...g.representatives, [c.id, sim] as [string, number]]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 2);
      // Relisting sorts the centroid: do it while the group is young, then ever more rarely.
      if (++g.addsSinceListed >= Math.max(1, g.members.length >> 2) || g.members.length <= 8) relist(g);
      else reweigh(g);
      return g;
    },
    remove(concernId, v) {
      const c = concerns.get(concernId);
      const g = c && groups.get(c.group);
      if (!c || !g) return;
      addVector(g, v ?? index.vectorOf({ id: concernId, ...c }, false), -1);
      g.members = g.members.filter((m) => m !== concernId);
      for (const p of c.places) {
        const n = (g.places.get(p) ?? 0) - 1;
        if (n > 0) g.places.set(p, n);
        else g.places.delete(p);
      }
      countConcepts(g, c.concepts, -1);
      g.representatives = g.representatives.filter(([id]) => id !== concernId);
      concerns.delete(concernId);
      relist(g);
      if (g.members.length === 0) {
        groups.delete(g.id);
        bySlot[g.slot] = undefined;
        freeSlots.push(g.slot);
      }
    },
    rename(groupId, newId) {
      const g = groups.get(groupId);
      if (!g || groupId === newId || groups.has(newId)) return;
      groups.delete(groupId);
      g.id = newId;
      groups.set(newId, g);
      for (const m of g.members) {
        const c = concerns.get(m);
        if (c) c.group = newId;
      }
    },
  };

  function countConcepts(g: Group, concepts: readonly number[], sign: 1 | -1): void {
    let problem = false;
    let object = false;
    for (const id of concepts) {
      const n = (g.concepts.get(id) ?? 0) + sign;
      if (n > 0) g.concepts.set(id, n);
      else g.concepts.delete(id);
      if (conceptKind(id) === 1) problem = true;
      else object = true;
    }
    if (problem) g.problemsNamed += sign;
    if (object) g.objectsNamed += sign;
  }

  function newGroupId(concernId: string): string {
    let id = `g-${concernId}`;
    for (let n = 2; groups.has(id); n++) id = `g-${concernId}-${n}`;
    return id;
  }

  return index;
}
