import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bcubedScores, pairwiseScores } from './metrics.ts';

const truth = new Map([
  ['1', 'a'],
  ['2', 'a'],
  ['3', 'b'],
  ['4', 'b'],
]);

test('a perfect grouping scores 1; everything in one group has full recall, half precision', () => {
  assert.deepEqual(bcubedScores(truth, truth), { precision: 1, recall: 1, f1: 1 });
  assert.equal(pairwiseScores(truth, truth).f1, 1);
  const one = new Map([...truth.keys()].map((k) => [k, 'x']));
  assert.equal(bcubedScores(one, truth).recall, 1);
  assert.equal(bcubedScores(one, truth).precision, 0.5);
  assert.equal(pairwiseScores(one, truth).precision, 2 / 6);
});

test('all singletons: precision 1, B-cubed recall 1/2, pairwise recall 0', () => {
  const alone = new Map([...truth.keys()].map((k) => [k, k]));
  assert.equal(bcubedScores(alone, truth).precision, 1);
  assert.equal(bcubedScores(alone, truth).recall, 0.5);
  assert.equal(pairwiseScores(alone, truth).recall, 0);
});
