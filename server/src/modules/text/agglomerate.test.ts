import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agglomerate } from './agglomerate.ts';
import type { SparseVector } from './vocabulary.ts';
import { normalized } from './vocabulary.ts';

const v = (pairs: [number, number][]): SparseVector =>
  normalized({ ids: pairs.map(([id]) => id), weights: pairs.map(([, w]) => w) });

// Four texts whose expanded vectors are alike (neighbours lent them a shared word, term 1),
// while by their own words two are about one problem (term 10) and two about another (term 20).
const expanded = [
  v([
    [1, 1],
    [10, 0.3],
  ]),
  v([
    [1, 1],
    [10, 0.3],
  ]),
  v([
    [1, 1],
    [20, 0.3],
  ]),
  v([
    [1, 1],
    [20, 0.3],
  ]),
];
const own = [v([[10, 1]]), v([[10, 1]]), v([[20, 1]]), v([[20, 1]])];
const sorted = (clusters: number[][]) =>
  clusters.map((c) => [...c].sort()).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

test('without the own-words floor, expansion alone makes the two problems one cluster', () => {
  const clusters = agglomerate(expanded, [[], [], [], []], { threshold: 0.3, placeConflict: 0 });
  assert.deepEqual(sorted(clusters), [[0, 1, 2, 3]]);
});

test('clusters whose own words are not alike on average stay apart', () => {
  const clusters = agglomerate(expanded, [[], [], [], []], {
    threshold: 0.3,
    placeConflict: 0,
    own,
    ownFloor: 0.04,
  });
  assert.deepEqual(sorted(clusters), [
    [0, 1],
    [2, 3],
  ]);
});
