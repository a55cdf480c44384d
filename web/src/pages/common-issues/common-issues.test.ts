// Unit tests of the trend chart's helpers: `node --test web/src/pages/common-issues/common-issues.test.ts`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barsOf, fillDays } from './issue-trend.ts';

test('quiet days between the first and the last concern are shown as zero', () => {
  assert.deepEqual(
    fillDays([
      { label: '2026-02-27', count: 2 },
      { label: '2026-03-02', count: 1 },
    ]),
    [
      { label: '2026-02-27', count: 2 },
      { label: '2026-02-28', count: 0 },
      { label: '2026-03-01', count: 0 },
      { label: '2026-03-02', count: 1 },
    ],
  );
});

test('the server’s order does not matter, bad labels are ignored, a long span keeps the latest days', () => {
  assert.deepEqual(
    fillDays([
      { label: '2026-01-02', count: 1 },
      { label: 'x', count: 9 },
      { label: '2026-01-01', count: 3 },
    ]).map((d) => d.count),
    [3, 1],
  );
  assert.deepEqual(fillDays([]), []);
  const long = fillDays(
    [
      { label: '2025-01-01', count: 1 },
      { label: '2026-01-01', count: 4 },
    ],
    30,
  );
  assert.equal(long.length, 30);
  assert.equal(long[29]!.label, '2026-01-01');
  assert.equal(long[0]!.label, '2025-12-03');
});

test('bars fill the width, the tallest bar is the full height, an empty day has no bar', () => {
  const bars = barsOf(
    [
      { label: 'a', count: 4 },
      { label: 'b', count: 0 },
      { label: 'c', count: 2 },
    ],
    100,
    40,
    5,
  );
  assert.equal(bars.length, 3);
  assert.equal(bars[0]!.height, 40);
  assert.equal(bars[0]!.y, 0);
  assert.equal(bars[1]!.height, 0);
  assert.equal(bars[2]!.height, 20);
  assert.equal(bars[2]!.y, 20);
  const last = bars[2]!;
  assert.ok(Math.abs(last.x + last.width - 100) < 1e-9, 'the last bar ends at the right edge');
});
