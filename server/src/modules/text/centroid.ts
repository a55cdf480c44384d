// A group's centroid as two parallel typed arrays (term ids, summed weights) instead of a Map:
// a tenth of the memory, and a dot product with a query is one sequential pass over them
// against the query loaded into a dense scratch array (no hash lookup per term). Entries keep
// the order they were first added in, as a Map would.
import type { SparseVector } from './vocabulary.ts';

/**
 * Weights at or below this are dropped: a term every member that had it has left. Sums are
 * kept in single precision, so taking a member away can leave a remainder of ~1e-6 rather than
 * zero; a real term of a unit vector weighs 100 times more than this.
 */
const epsilon = 1e-4;

// Dense scratch arrays indexed by term id, shared by all centroids (placement is synchronous):
// a vector is loaded, used and unloaded again within one call, so they are all zero between calls.
let dense = new Float64Array(1024);
let flag = new Uint8Array(1024);

function ensure(id: number): void {
  if (id < dense.length) return;
  let n = dense.length;
  while (n <= id) n *= 2;
  const d = new Float64Array(n);
  d.set(dense);
  dense = d;
  const f = new Uint8Array(n);
  f.set(flag);
  flag = f;
}

/** Load a vector into the dense scratch (scaled); `unload` must follow before the next load. */
export function load(v: SparseVector, scale = 1): void {
  for (let i = 0; i < v.ids.length; i++) {
    const id = v.ids[i] as number;
    ensure(id);
    dense[id] = (v.weights[i] as number) * scale;
    flag[id] = 1;
  }
}

export function unload(v: SparseVector): void {
  for (let i = 0; i < v.ids.length; i++) {
    const id = v.ids[i] as number;
    dense[id] = 0;
    flag[id] = 0;
  }
}

export class Centroid {
  ids: Int32Array;
  weights: Float32Array;
  size = 0;

  constructor(capacity = 32) {
    this.ids = new Int32Array(capacity);
    this.weights = new Float32Array(capacity);
  }

  /** Weight of one term (a linear scan: for occasional use, not in loops over terms). */
  get(id: number): number {
    for (let k = 0; k < this.size; k++) if (this.ids[k] === id) return this.weights[k] as number;
    return 0;
  }

  keys(): number[] {
    return Array.from(this.ids.subarray(0, this.size));
  }

  /** The centroid as a sparse vector, every weight times `scale`. */
  vector(scale = 1): SparseVector {
    const weights: number[] = new Array<number>(this.size);
    for (let k = 0; k < this.size; k++) weights[k] = (this.weights[k] as number) * scale;
    return { ids: this.keys(), weights };
  }

  /** Dot product with the vector currently loaded (see `load`). */
  dotLoaded(): number {
    let dot = 0;
    const { ids, weights } = this;
    for (let k = 0; k < this.size; k++) {
      const id = ids[k] as number;
      if (id < dense.length) dot += (weights[k] as number) * (dense[id] as number);
    }
    return dot;
  }

  dot(v: SparseVector): number {
    load(v);
    const d = this.dotLoaded();
    unload(v);
    return d;
  }

  private grow(need: number): void {
    if (need <= this.ids.length) return;
    let n = this.ids.length;
    while (n < need) n *= 2;
    const ids = new Int32Array(n);
    ids.set(this.ids.subarray(0, this.size));
    const weights = new Float32Array(n);
    weights.set(this.weights.subarray(0, this.size));
    this.ids = ids;
    this.weights = weights;
  }

  /** Add (or with sign -1 take away) a vector; returns the change in the squared norm. */
  add(v: SparseVector, sign: 1 | -1): number {
    load(v, sign);
    let delta = 0;
    let write = 0;
    const { ids, weights } = this;
    for (let k = 0; k < this.size; k++) {
      const id = ids[k] as number;
      let w = weights[k] as number;
      if (id < flag.length && flag[id]) {
        const after = Math.fround(w + (dense[id] as number));
        delta += after * after - w * w;
        w = after;
        flag[id] = 0;
      }
      if (w > epsilon) {
        ids[write] = id;
        weights[write] = w;
        write++;
      }
    }
    this.size = write;
    let fresh = 0;
    for (let i = 0; i < v.ids.length; i++) if (flag[v.ids[i] as number]) fresh++;
    if (fresh) {
      this.grow(this.size + fresh);
      for (let i = 0; i < v.ids.length; i++) {
        const id = v.ids[i] as number;
        if (!flag[id]) continue;
        flag[id] = 0;
        const w = Math.fround(dense[id] as number);
        if (w <= epsilon) continue;
        this.ids[this.size] = id;
        this.weights[this.size] = w;
        this.size++;
        delta += w * w;
      }
    }
    unload(v);
    return delta;
  }

  /**
   * Ids of the `n` heaviest terms, heaviest first; among equal weights the earlier entry
   * first (what a stable sort of the entries gives), without sorting them all.
   */
  heaviest(n: number): number[] {
    const top: number[] = []; // entry positions, heaviest first
    const { weights } = this;
    for (let k = 0; k < this.size; k++) {
      const w = weights[k] as number;
      if (top.length >= n && w <= (weights[top[top.length - 1] as number] as number)) continue;
      let at = top.length;
      while (at > 0 && (weights[top[at - 1] as number] as number) < w) at--;
      top.splice(at, 0, k);
      if (top.length > n) top.pop();
    }
    return top.map((k) => this.ids[k] as number);
  }

  /** Keep the `n` heaviest terms only (in their order); returns the new squared norm. */
  prune(n: number): number {
    if (this.size <= n) return this.norm2();
    const sorted = Float32Array.from(this.weights.subarray(0, this.size)).sort();
    const cut = sorted[this.size - n] as number; // the n-th heaviest weight
    let above = 0;
    for (let k = 0; k < this.size; k++) if ((this.weights[k] as number) > cut) above++;
    let ties = n - above; // entries equal to the cut that still fit, earliest first
    let write = 0;
    for (let k = 0; k < this.size; k++) {
      const w = this.weights[k] as number;
      if (w > cut || (w === cut && ties-- > 0)) {
        this.ids[write] = this.ids[k] as number;
        this.weights[write] = w;
        write++;
      }
    }
    this.size = write;
    return this.norm2();
  }

  norm2(): number {
    let s = 0;
    for (let k = 0; k < this.size; k++) s += (this.weights[k] as number) ** 2;
    return s;
  }

  /** Bytes held by the arrays (for memory reports). */
  get bytes(): number {
    return this.ids.byteLength + this.weights.byteLength;
  }
}

/**
 * The groups listed under one term, as parallel arrays of group slots and the term's weight in
 * each group's unit centroid: walking it reads two arrays and touches no group. Removal moves
 * the last entry into the hole, so the caller is told which slot moved where.
 */
export class PostingList {
  slots = new Int32Array(4);
  weights = new Float32Array(4);
  size = 0;

  /** Appends; returns the entry's position. */
  push(slot: number, weight: number): number {
    if (this.size === this.slots.length) {
      const slots = new Int32Array(this.size * 2);
      slots.set(this.slots);
      this.slots = slots;
      const weights = new Float32Array(this.size * 2);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.slots[this.size] = slot;
    this.weights[this.size] = weight;
    return this.size++;
  }

  /** Removes the entry at `at`; returns the slot now at `at` (moved from the end), or -1. */
  removeAt(at: number): number {
    const last = --this.size;
    if (at === last) return -1;
    const moved = this.slots[last] as number;
    this.slots[at] = moved;
    this.weights[at] = this.weights[last] as number;
    return moved;
  }
}
