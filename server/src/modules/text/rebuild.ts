// Grouping a scope from scratch (the background job, the CLI, the benchmark). Unlike arrivals
// one by one, a rebuild knows every text first, so IDF is the scope's own from the start; then
// it refines: every concern is placed again against the final groups, and groups whose
// centroids are close are merged. Staff decisions are replayed before anything else.
import type { Decision } from './decisions.ts';
import { constraintsOf } from './decisions.ts';
import type { ConcernText, Group, GroupIndex, GroupingOptions } from './grouping.ts';
import { broadPlace, createGroupIndex } from './grouping.ts';
import { agglomerate } from './agglomerate.ts';
import { isObjectConcept, isProblemConcept, textTerms } from './features.ts';
import { placeFinder } from './places.ts';
import { expand, nearestNeighbours } from './neighbours.ts';
import type { SparseVector } from './vocabulary.ts';
import { normalized } from './vocabulary.ts';

export interface RebuildOptions extends GroupingOptions {
  /** Least similarity of two group centroids for them to be merged. */
  mergeThreshold: number;
  /** Refinement passes (re-place each concern against the final groups). */
  passes: number;
  /** Least average similarity of two clusters' texts for the clustering to merge them. */
  linkThreshold: number;
  /** How much shared place terms count when clusters are merged (1: like any term). */
  placeShare: number;
  /** Least average similarity of two clusters' own words (unexpanded, no places) before it costs. */
  ownFloor: number;
  /**
   * Least share of two clusters' own-word likeness inside them (geometric mean) that their
   * own words must reach across them before their similarity costs (0: not checked).
   */
  cohesion: number;
  /** Groups of at most this many concerns are offered to the larger groups at the end (0: never). */
  fragment: number;
}

export interface ExpansionOptions {
  /** Neighbours added to each text's vector before clustering (0: no expansion). */
  neighbours: number;
  /** How much the neighbours weigh against the text itself. */
  expansionWeight: number;
  /** Rounds of expansion (each spreads a topic's words one step further). */
  expansionRounds: number;
  /** Threshold while clustering expanded vectors (they are more alike than raw ones). */
  clusterThreshold: number;
  /** Find neighbours by own words (places left out) rather than by the whole vector. */
  neighboursByOwn: boolean;
  /** Least similarity of a neighbour for it to lend its words. */
  neighbourFloor: number;
}

export const defaultRebuildOptions = {
  mergeThreshold: 0.6,
  passes: 2,
  linkThreshold: 0.3,
  placeShare: 0.3,
  ownFloor: 0.04,
  cohesion: 0.7,
  fragment: 4,
  neighbours: 10,
  expansionWeight: 3,
  expansionRounds: 1,
  clusterThreshold: 0.25,
  neighboursByOwn: false,
  neighbourFloor: 0,
};

export function rebuild(
  concerns: readonly ConcernText[],
  decisions: readonly Decision[] = [],
  options: Partial<RebuildOptions & ExpansionOptions> = {},
): GroupIndex {
  const opts = { ...defaultRebuildOptions, ...options };
  const index = createGroupIndex(options);
  index.constraints = constraintsOf(decisions);
  const unique = [...new Map(concerns.map((c) => [c.id, c])).values()];
  for (const c of unique) index.vectorOf(c, true); // first pass: document frequencies
  const raw = unique.map((c) => index.vectorOf(c, false));
  const isPlace = (id: number) => index.vocabulary.term(id).startsWith('p:');
  // The scope's gazetteer: narrow places its concerns name (place fields and texts).
  const known = placeFinder(
    unique.flatMap((_, n) =>
      (raw[n] as SparseVector).ids
        .map((id) => index.vocabulary.term(id))
        .filter((t) => t.startsWith('p:') && !broadPlace.test(t))
        .flatMap((t) => [t.slice(2), `${t.slice(2)}小区`, `${t.slice(2)}社区`]),
    ),
  );
  const own = raw.map((v, n) => {
    // Own words leave out the place: its terms and the words cut out of its name (和谐 of 和谐小区).
    const c = unique[n] as ConcernText;
    const pieces = new Set((textTerms(c.text, c.place, known).placeWords ?? []).map((w) => `w:${w}`));
    const keep = v.ids
      .map((id, i) => [id, v.weights[i] ?? 0] as const)
      .filter(([id]) => !isPlace(id) && !pieces.has(index.vocabulary.term(id)));
    return normalized({ ids: keep.map(([id]) => id), weights: keep.map(([, w]) => w) });
  });
  // Neighbours are found by own words (no place terms, no pieces of place names): a text's
  // nearest texts by place are its place's other problems. Only neighbours alike enough lend
  // their words, so a short text with nothing specific is not pulled toward whatever is near.
  let expanded = raw;
  for (let round = 0; round < opts.expansionRounds && opts.neighbours > 0; round++) {
    const found = nearestNeighbours(opts.neighboursByOwn ? own : expanded, opts.neighbours).map((list) =>
      list.filter((n) => n.similarity >= opts.neighbourFloor),
    );
    expanded = expand(expanded, found, opts.expansionWeight);
  }
  // Cluster the expanded vectors in a working index that shares the vocabulary…
  const work = createGroupIndex({ ...options, threshold: opts.clusterThreshold }, index.vocabulary);
  work.constraints = index.constraints;
  // Expanded vectors carry their neighbours' places too: a concern's places are its own.
  const ownPlaces = new Map(unique.map((c, i) => [c.id, index.placesOf(c, raw[i] as SparseVector)]));
  work.placesOf = (c, v) => ownPlaces.get(c.id) ?? index.placesOf(c, v);
  const ownConcepts = new Map(unique.map((c, i) => [c.id, index.conceptsOf(c, raw[i] as SparseVector)]));
  work.conceptsOf = (c, v) => ownConcepts.get(c.id) ?? index.conceptsOf(c, v);
  cluster(work, unique, new Map(unique.map((c, i) => [c.id, expanded[i] as SparseVector])), own, opts, raw);
  nameGroups(work, unique);
  // …then the index kept for arrivals holds the raw vectors, so a new text is compared with
  // centroids of texts like itself.
  unique.forEach((c, i) => {
    const group = work.concerns.get(c.id)?.group ?? `g-${c.id}`;
    index.addTo(group, c, raw[i] as SparseVector);
  });
  if (opts.fragment > 0) adoptFragments(index, unique, raw, opts.fragment);
  dropStrangers(index);
  return index;
}

function cluster(
  index: GroupIndex,
  unique: readonly ConcernText[],
  vectors: Map<string, SparseVector>,
  own: readonly SparseVector[],
  opts: {
    passes: number;
    mergeThreshold: number;
    linkThreshold: number;
    placeShare: number;
    ownFloor: number;
    cohesion: number;
  },
  raw: readonly SparseVector[],
): void {
  const vectorOf = (c: ConcernText): SparseVector => vectors.get(c.id) ?? { ids: [], weights: [] };
  const ownById = new Map(unique.map((c, i) => [c.id, own[i] as SparseVector]));
  const ownOf = (id: string): SparseVector | undefined => ownById.get(id);
  const pins = index.constraints.pins;

  const pinned = new Map<string, number[]>();
  unique.forEach((c, i) => {
    const pin = pins.get(c.id);
    if (pin !== undefined) pinned.set(pin, [...(pinned.get(pin) ?? []), i]);
  });
  const { apart, banned } = index.constraints;
  const clusters = agglomerate(
    unique.map(vectorOf),
    unique.map((c) => index.placesOf(c, vectorOf(c))),
    {
      threshold: opts.linkThreshold,
      placeConflict: index.options.placeConflict,
      placeShare: opts.placeShare,
      own,
      ownFloor: opts.ownFloor,
      cohesion: opts.cohesion,
      cohesionSize: 2,
      aspects: [
        { of: raw.map((v) => conceptIds(index, v, true)), conflict: index.options.problemConflict },
        { of: raw.map((v) => conceptIds(index, v, false)), conflict: index.options.objectConflict },
      ],
      isPlace: (id) => index.vocabulary.term(id).startsWith('p:'),
      mayMerge(a, b) {
        const ids = (list: readonly number[]) => list.map((i) => unique[i]?.id ?? '');
        const [left, right] = [ids(a), ids(b)];
        const rightSet = new Set(right);
        const pinsOf = (list: string[]) =>
          new Set(list.map((id) => pins.get(id)).filter((p) => p !== undefined));
        const [leftPins, rightPins] = [pinsOf(left), pinsOf(right)];
        if (leftPins.size && rightPins.size) return false; // two staff-fixed groups stay two
        for (const id of left) {
          for (const o of apart.get(id) ?? []) if (rightSet.has(o)) return false;
          for (const g of banned.get(id) ?? []) if (rightPins.has(g)) return false;
        }
        for (const id of right) for (const g of banned.get(id) ?? []) if (leftPins.has(g)) return false;
        return true;
      },
    },
    [...pinned.values()],
  );
  for (const members of clusters) {
    const first = unique[members[0] ?? -1];
    if (!first) continue;
    const pin = members.map((i) => pins.get(unique[i]?.id ?? '')).find((p) => p !== undefined);
    const groupId = pin ?? index.freshGroupId(first.id);
    for (const i of members) {
      const c = unique[i];
      if (c) index.addTo(groupId, c, vectorOf(c));
    }
  }

  for (let pass = 0; pass < opts.passes; pass++) {
    let moved = 0;
    for (const c of unique) {
      if (pins.has(c.id)) continue;
      const from = index.concerns.get(c.id)?.group;
      const v = vectorOf(c);
      index.remove(c.id, v);
      const best = index.bestGroup(v, c.id, undefined, index.placesOf(c, v), index.conceptsOf(c, v));
      // A move to another group also needs the concern's own words to resemble its members'
      // (see ownFloor): its expanded vector may only resemble them through shared neighbours.
      const stays =
        best &&
        best[0].id !== from &&
        from !== undefined &&
        index.groups.has(from) &&
        opts.ownFloor > 0 &&
        ownSimilarity([c.id], best[0].members, ownOf) < opts.ownFloor;
      if (stays) index.addTo(from, c, v);
      else if (best && best[1] >= index.options.threshold) index.addTo(best[0].id, c, v);
      else index.addTo(from !== undefined && !index.groups.has(from) ? from : index.freshGroupId(c.id), c, v);
      if (index.concerns.get(c.id)?.group !== from) moved++;
    }
    moved += mergeClose(index, opts.mergeThreshold, vectorOf, unique, ownOf, opts.ownFloor);
    if (moved === 0) break;
  }
}

/** The concept terms of a vector, problems (what is wrong) or objects (what it concerns). */
function conceptIds(index: GroupIndex, v: SparseVector, problems: boolean): number[] {
  return v.ids.filter((id) => {
    const term = index.vocabulary.term(id);
    const name = term.slice(2);
    return term.startsWith('k:') && (problems ? isProblemConcept(name) : isObjectConcept(name));
  });
}

function unitCentroid(g: Group): SparseVector {
  return g.centroid.vector(1 / Math.sqrt(g.norm2 || 1));
}

/** Merge groups whose centroids are close, the smaller into the larger; returns concerns moved. */
function mergeClose(
  index: GroupIndex,
  threshold: number,
  vectorOf: (c: ConcernText) => SparseVector,
  all: readonly ConcernText[],
  ownOf: (id: string) => SparseVector | undefined,
  ownFloor: number,
): number {
  const byId = new Map(all.map((c) => [c.id, c]));
  const pinnedGroups = new Set(index.constraints.pins.values());
  let moved = 0;
  const order = [...index.groups.values()].sort((a, b) => a.members.length - b.members.length);
  for (const small of order) {
    if (!index.groups.has(small.id) || pinnedGroups.has(small.id)) continue;
    const best = index.bestGroup(
      unitCentroid(small),
      undefined,
      small.id,
      dominantPlaces(small),
      dominantConcepts(small),
    );
    if (!best || best[1] < threshold || best[0].members.length < small.members.length) continue;
    const target = best[0];
    if (
      ownFloor > 0 &&
      best[1] * Math.min(1, ownSimilarity(small.members, target.members, ownOf) / ownFloor) < threshold
    )
      continue;
    const allowed = small.members.every((m) =>
      [...(index.constraints.apart.get(m) ?? [])].every((o) => index.concerns.get(o)?.group !== target.id),
    );
    if (!allowed || small.members.some((m) => index.constraints.banned.get(m)?.has(target.id))) continue;
    for (const m of [...small.members]) {
      const c = byId.get(m);
      if (!c) continue;
      const v = vectorOf(c);
      index.remove(m, v);
      index.addTo(target.id, c, v);
      moved++;
    }
  }
  return moved;
}

/** Average similarity of two groups' members' own vectors (every pair across them). */
function ownSimilarity(
  a: readonly string[],
  b: readonly string[],
  ownOf: (id: string) => SparseVector | undefined,
): number {
  const sum = new Map<number, number>();
  for (const m of a) {
    const v = ownOf(m);
    if (v) v.ids.forEach((id, i) => sum.set(id, (sum.get(id) ?? 0) + (v.weights[i] ?? 0)));
  }
  let dot = 0;
  for (const m of b) {
    const v = ownOf(m);
    if (v) v.ids.forEach((id, i) => (dot += (v.weights[i] ?? 0) * (sum.get(id) ?? 0)));
  }
  return dot / Math.max(1, a.length * b.length);
}

/** The place most of a group's members name, if most do. */
function dominantPlaces(g: Group): number[] {
  for (const [p, n] of g.places) if (2 * n > g.members.length) return [p];
  return [];
}

/** The concepts most of a group's members name. */
function dominantConcepts(g: Group): number[] {
  return [...g.concepts].filter(([, n]) => 2 * n > g.members.length).map(([id]) => id);
}

/** Groups nobody pinned are named after their first member, so a rebuild of the same input gives the same ids. */
function nameGroups(index: GroupIndex, order: readonly ConcernText[]): void {
  const pinned = new Set(index.constraints.pins.values());
  const rank = new Map(order.map((c, i) => [c.id, i]));
  const groups = [...index.groups.values()].filter((g) => !pinned.has(g.id));
  for (const g of groups) index.rename(g.id, `tmp:${g.id}`);
  for (const g of groups) {
    const first = [...g.members].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))[0] ?? g.id;
    let id = `g-${first}`;
    for (let n = 2; index.groups.has(id); n++) id = `g-${first}-${n}`;
    index.rename(g.id, id);
  }
}

/** Least similarity of a member to the rest of its group (its own text left out). */
const belongs = 0.1;

/**
 * The rebuild's neighbour expansion can pull an unrelated concern into a group (a rubbish bin
 * among a committee's first street lamps; in a large batch, a short text among its neighbours'
 * topic): a member that does not resemble the rest of its group by its own words is set apart,
 * unless staff pinned it there. A single is cheap to merge later; a wrong member is not.
 */
function dropStrangers(index: GroupIndex): void {
  for (const g of [...index.groups.values()]) {
    if (g.members.length < 2 || index.constraints.confirmed.has(g.id)) continue;
    for (const m of [...g.members]) {
      if (index.constraints.pins.has(m)) continue;
      const c = index.concerns.get(m);
      if (!c) continue;
      const t = { id: m, ...c };
      const v = index.vectorOf(t, false);
      const dot = index.cosine(v, g) * Math.sqrt(g.norm2);
      const rest = Math.sqrt(Math.max(1e-12, g.norm2 - 2 * dot + 1));
      if ((dot - 1) / rest >= belongs) continue;
      index.remove(m, v);
      index.addTo(`g-${m}`, t, v);
    }
  }
}

/**
 * Clustering expanded vectors by average link leaves fragments: a few concerns worded unlike
 * the rest of their topic, whose neighbours were other topics' texts. Each member of a group of
 * at most `size` concerns is judged as an arrival would be (its own vector against the larger
 * groups' centroids, the index's placement threshold and place rules) and moved where an
 * arrival would go; otherwise it stays. Pinned concerns and confirmed groups are left alone.
 */
export function adoptFragments(
  index: GroupIndex,
  unique: readonly ConcernText[],
  raw: readonly SparseVector[],
  size: number,
): void {
  const at = new Map(unique.map((c, i) => [c.id, i]));
  const small = [...index.groups.values()]
    .filter((g) => g.members.length <= size && !index.constraints.confirmed.has(g.id))
    .sort((a, b) => a.members.length - b.members.length);
  for (const g of small) {
    for (const m of [...g.members]) {
      const i = at.get(m);
      const c = i === undefined ? undefined : unique[i];
      if (!c || i === undefined || index.constraints.pins.has(m)) continue;
      const v = raw[i] as SparseVector;
      index.remove(m, v);
      const best = index.bestGroup(v, m, g.id, index.placesOf(c, v), index.conceptsOf(c, v));
      const goes = best && best[1] >= index.options.threshold && best[0].members.length > size;
      index.addTo(goes && best ? best[0].id : g.id, c, v);
    }
  }
}
