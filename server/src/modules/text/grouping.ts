// The incremental index of common issues (共性问题) of one scope: a committee subtree and a time
// window chosen by the caller. `place` puts a new concern into the closest group or opens a new
// one; candidates come through an inverted index from a group's heaviest terms, so placing
// stays a few dot products however many concerns are indexed.
import { textTerms } from './features.ts';
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
}

export const defaultGroupingOptions: GroupingOptions = {
  threshold: 0.12,
  blockWeights: defaultBlockWeights,
  queryTerms: 10,
  groupTerms: 12,
  candidates: 24,
  centroidTerms: 160,
  placeConflict: 0.6,
};

/** Groups walked per inverted-index term, at most. */
const maxPosting = 256;

// Administrative areas (a city, a district, a town, a sub-district) hold many unrelated issues;
// a street, an estate, a village or a named site is where one problem is.
const broadPlace = /(省|自治区|市|地区|盟|州|县|旗|区|镇|乡|街道)$/u;

export interface Group {
  id: string;
  members: string[];
  /** Sum of the members' unit vectors, by term id. */
  centroid: Map<number, number>;
  norm2: number;
  /** Term ids under which the group is listed in the inverted index. */
  listed: number[];
  addsSinceListed: number;
  /** The one or two members closest to the centroid when they joined: [id, similarity]. */
  representatives: [string, number][];
  /** Members by the narrow place (term id) they name: where the group's problem is. */
  places: Map<number, number>;
}

export interface IndexedConcern {
  group: string;
  /** Narrow places (term ids) the concern itself names. */
  places: number[];
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
  ): [Group, number] | undefined;
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
  const postings = new Map<number, Set<Group>>();
  const narrow = new Map<number, boolean>();

  function isNarrow(id: number): boolean {
    let n = narrow.get(id);
    if (n === undefined) {
      const term = vocab.term(id);
      n = term.startsWith('p:') && !broadPlace.test(term);
      narrow.set(id, n);
    }
    return n;
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
    let dot = 0;
    for (let i = 0; i < v.ids.length; i++) dot += (v.weights[i] ?? 0) * (g.centroid.get(v.ids[i] ?? -1) ?? 0);
    return dot / Math.sqrt(g.norm2);
  }

  function heaviest(ids: Iterable<[number, number]>, n: number): number[] {
    return [...ids]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([id]) => id);
  }

  function relist(g: Group): void {
    for (const id of g.listed) postings.get(id)?.delete(g);
    g.listed = g.members.length ? heaviest(g.centroid, opts.groupTerms) : [];
    for (const id of g.listed) {
      let set = postings.get(id);
      if (!set) postings.set(id, (set = new Set()));
      set.add(g);
    }
    g.addsSinceListed = 0;
  }

  function prune(g: Group): void {
    // Bounded centroids: beyond 1.5× the budget, keep the heaviest terms only.
    if (g.centroid.size <= opts.centroidTerms * 1.5) return;
    const keep = new Set(heaviest(g.centroid, opts.centroidTerms));
    for (const id of g.centroid.keys()) if (!keep.has(id)) g.centroid.delete(id);
    g.norm2 = 0;
    for (const w of g.centroid.values()) g.norm2 += w * w;
  }

  function addVector(g: Group, v: SparseVector, sign: 1 | -1): void {
    for (let i = 0; i < v.ids.length; i++) {
      const id = v.ids[i] ?? -1;
      const before = g.centroid.get(id) ?? 0;
      const after = before + sign * (v.weights[i] ?? 0);
      g.norm2 += after * after - before * before;
      if (after > 1e-9) g.centroid.set(id, after);
      else g.centroid.delete(id);
    }
    if (g.norm2 < 1e-12) g.norm2 = 0;
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
    vectorOf(c, observe) {
      const terms = textTerms(c.text, c.place);
      if (observe) vocab.observe(terms);
      return vocab.vector(terms, opts.blockWeights);
    },
    bestGroup(v, concernId, exclude, places) {
      const where = places ?? v.ids.filter(isNarrow);
      const order = v.ids.map((_, i) => i).sort((a, b) => (v.weights[b] ?? 0) - (v.weights[a] ?? 0));
      const pre = new Map<Group, number>();
      // The query's heaviest terms that some group is listed under: a text's rarest words are
      // often new to the index (heaviest by IDF, listed nowhere) and would find no candidate.
      let used = 0;
      for (const i of order) {
        if (used >= opts.queryTerms) break;
        const id = v.ids[i] ?? -1;
        const listed = postings.get(id);
        if (!listed?.size) continue;
        // A term listed by very many groups barely tells them apart and costs the most to
        // walk: once shorter lists have found candidates, long ones are skipped, and no list
        // is walked beyond maxPosting groups.
        if (listed.size > maxPosting && pre.size > 0) continue;
        used++;
        const w = v.weights[i] ?? 0;
        let walked = 0;
        for (const g of listed) {
          if (++walked > maxPosting) break;
          pre.set(g, (pre.get(g) ?? 0) + (w * (g.centroid.get(id) ?? 0)) / Math.sqrt(g.norm2 || 1));
        }
      }
      // A young index has few groups: score them all exactly rather than trust the pre-score.
      if (groups.size <= opts.candidates) for (const g of groups.values()) if (!pre.has(g)) pre.set(g, 0);
      const pin = concernId === undefined ? undefined : index.constraints.pins.get(concernId);
      if (pin !== undefined && groups.has(pin)) pre.set(groups.get(pin) as Group, 1);
      const ranked = [...pre].sort((a, b) => b[1] - a[1]).slice(0, opts.candidates);
      let best: [Group, number] | undefined;
      for (const [g] of ranked) {
        if (g.id === exclude) continue;
        const sim = cosine(v, g) * placeFactor(where, g);
        if (best && sim <= best[1]) continue;
        if (concernId !== undefined) {
          const allowed = mayJoin(index.constraints, concernId, g.id, (o) => concerns.get(o)?.group === g.id);
          if (!allowed) continue;
        }
        best = [g, sim];
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
      const best = index.bestGroup(v, c.id, undefined, index.placesOf(c, v));
      if (best && best[1] >= opts.threshold) return index.addTo(best[0].id, c, v).id;
      return index.addTo(newGroupId(c.id), c, v).id;
    },
    addTo(groupId, c, v) {
      let g = groups.get(groupId);
      if (!g) {
        g = {
          id: groupId,
          members: [],
          centroid: new Map(),
          norm2: 0,
          listed: [],
          addsSinceListed: 0,
          representatives: [],
          places: new Map(),
        };
        groups.set(groupId, g);
      }
      g.members.push(c.id);
      addVector(g, v, 1);
      prune(g);
      const places = index.placesOf(c, v);
      for (const p of places) g.places.set(p, (g.places.get(p) ?? 0) + 1);
      concerns.set(c.id, { group: g.id, places, text: c.text, place: c.place, studio: c.studio, at: c.at });
      const sim = cosine(v, g);
      g.representatives = [...g.representatives, [c.id, sim] as [string, number]]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 2);
      // Relisting sorts the centroid: do it while the group is young, then ever more rarely.
      if (++g.addsSinceListed >= Math.max(1, g.members.length >> 2) || g.members.length <= 8) relist(g);
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
      g.representatives = g.representatives.filter(([id]) => id !== concernId);
      concerns.delete(concernId);
      if (g.members.length === 0) {
        relist(g);
        groups.delete(g.id);
      } else relist(g);
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

  function newGroupId(concernId: string): string {
    let id = `g-${concernId}`;
    for (let n = 2; groups.has(id); n++) id = `g-${concernId}-${n}`;
    return id;
  }

  return index;
}
