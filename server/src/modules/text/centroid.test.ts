import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Centroid } from './centroid.ts';
import type { SparseVector } from './vocabulary.ts';

// A reference centroid kept in a Map, the way the index kept it before typed arrays.
function reference(vectors: [SparseVector, 1 | -1][]): Map<number, number> {
  const m = new Map<number, number>();
  for (const [v, sign] of vectors)
    v.ids.forEach((id, i) => {
      const after = (m.get(id) ?? 0) + sign * (v.weights[i] ?? 0);
      if (after > 1e-9) m.set(id, after);
      else m.delete(id);
    });
  return m;
}

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2 ** 31;
    return a / 2 ** 31;
  };
}

function vectorFrom(next: () => number, terms: number): SparseVector {
  const ids = [...new Set(Array.from({ length: terms }, () => Math.floor(next() * 400)))];
  return { ids, weights: ids.map(() => 0.05 + next()) };
}

test('adding and taking away vectors gives the sums, the squared norm and the order of a Map', () => {
  const next = random(7);
  const vectors = Array.from({ length: 40 }, () => vectorFrom(next, 30));
  const c = new Centroid(4);
  let norm2 = 0;
  const applied: [SparseVector, 1 | -1][] = [];
  for (const v of vectors) {
    norm2 += c.add(v, 1);
    applied.push([v, 1]);
  }
  for (const v of vectors.slice(0, 25)) {
    norm2 += c.add(v, -1);
    applied.push([v, -1]);
  }
  const ref = reference(applied);
  assert.deepEqual(c.keys(), [...ref.keys()]);
  for (const [id, w] of ref) assert.ok(Math.abs(c.get(id) - w) < 1e-4, `term ${id}: ${c.get(id)} vs ${w}`);
  let refNorm2 = 0;
  for (const w of ref.values()) refNorm2 += w * w;
  assert.ok(Math.abs(norm2 - refNorm2) < 1e-3 * refNorm2, `${norm2} vs ${refNorm2}`);
  assert.ok(Math.abs(c.norm2() - refNorm2) < 1e-3 * refNorm2);

  const q = vectors[30] as SparseVector;
  let dot = 0;
  q.ids.forEach((id, i) => (dot += (q.weights[i] ?? 0) * (ref.get(id) ?? 0)));
  assert.ok(Math.abs(c.dot(q) - dot) < 1e-3 * Math.max(1, dot));
  // The scratch is left clean: a second query is not polluted by the first.
  assert.ok(Math.abs(c.dot({ ids: [], weights: [] })) === 0);
});

test('a term taken away that the centroid no longer holds does not change its norm', () => {
  const c = new Centroid();
  c.add({ ids: [1, 2], weights: [0.6, 0.8] }, 1);
  const delta = c.add({ ids: [3], weights: [0.5] }, -1);
  assert.equal(delta, 0);
  assert.deepEqual(c.keys(), [1, 2]);
});

test('heaviest and prune keep the heaviest terms, earlier entries first among equals', () => {
  const c = new Centroid();
  c.add({ ids: [10, 11, 12, 13, 14, 15], weights: [0.1, 0.5, 0.25, 0.5, 0.05, 0.25] }, 1);
  assert.deepEqual(c.heaviest(3), [11, 13, 12]);
  assert.deepEqual(c.heaviest(10), [11, 13, 12, 15, 10, 14]);
  const norm2 = c.prune(3);
  assert.deepEqual(c.keys(), [11, 12, 13]);
  assert.ok(Math.abs(norm2 - (0.25 + 0.0625 + 0.25)) < 1e-6);
});
