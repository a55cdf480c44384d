import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergePlaces } from './place-tally.ts';

test('places that contain a shorter one are its parts, counted together', () => {
  const merged = mergePlaces([
    { label: '城关镇振兴路', count: 2 },
    { label: '振兴路', count: 3 },
    { label: '振兴路县医院附近', count: 1 },
    { label: '幸福家园', count: 2 },
  ]);
  assert.deepEqual(merged, [
    {
      label: '振兴路',
      count: 6,
      parts: [
        { label: '城关镇振兴路', count: 2 },
        { label: '振兴路县医院附近', count: 1 },
      ],
    },
    { label: '幸福家园', count: 2, parts: [] },
  ]);
});

test('a part of a part lands on the outermost place; one character absorbs nothing; blanks drop', () => {
  const merged = mergePlaces([
    { label: '和平路', count: 1 },
    { label: '东段和平路', count: 1 },
    { label: '城关镇东段和平路口', count: 1 },
    { label: '路', count: 4 },
    { label: ' ', count: 9 },
  ]);
  assert.deepEqual(
    merged.map((g) => [g.label, g.count, g.parts.map((p) => p.label)]),
    [
      ['路', 4, []],
      ['和平路', 3, ['城关镇东段和平路口', '东段和平路']],
    ],
  );
});

test('a place containing two others joins the most named of the shortest', () => {
  const merged = mergePlaces([
    { label: '振兴路', count: 1 },
    { label: '和平路', count: 5 },
    { label: '振兴路和平路口', count: 1 },
  ]);
  assert.deepEqual(
    merged.map((g) => [g.label, g.count]),
    [
      ['和平路', 6],
      ['振兴路', 1],
    ],
  );
});
