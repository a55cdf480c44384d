import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { localDate } from '../../lib/local-date.ts';
import { addDays, expandDuty } from './duty.ts';
import type { Rule } from './duty.ts';

const rule = (o: Partial<Rule>): Rule => ({
  id: 'r1',
  freq: 'monthly',
  day: 15,
  startTime: '09:00',
  endTime: '11:30',
  personIds: [],
  validFrom: '2026-01-01',
  validTo: null,
  note: null,
  ...o,
});

test('the 15th of each month, 9:00–11:30 local time', () => {
  const occ = expandDuty([rule({})], [], '2026-11-01', '2027-01-31');
  assert.deepEqual(
    occ.map((o) => o.startsAt),
    ['2026-11-15T01:00:00.000Z', '2026-12-15T01:00:00.000Z', '2027-01-15T01:00:00.000Z'],
  );
  assert.equal(occ[0]!.endsAt, '2026-11-15T03:30:00.000Z');
});

test('every Tuesday, within its validity', () => {
  const occ = expandDuty(
    [rule({ freq: 'weekly', day: 2, validFrom: '2026-11-10', validTo: '2026-11-24' })],
    [],
    '2026-11-01',
    '2026-11-30',
  );
  assert.deepEqual(
    occ.map((o) => localDate(new Date(o.startsAt))),
    ['2026-11-10', '2026-11-17', '2026-11-24'],
  );
});

test('the 31st is skipped in shorter months; one-off slots are merged in time order', () => {
  const occ = expandDuty(
    [rule({ day: 31 })],
    [
      {
        id: 's1',
        startsAt: '2026-11-20T14:00:00+08:00',
        endsAt: '2026-11-20T16:00:00+08:00',
        personIds: ['p'],
        note: '义诊',
      },
    ],
    '2026-10-01',
    '2026-12-31',
  );
  assert.deepEqual(
    occ.map((o) => [localDate(new Date(o.startsAt)), o.source]),
    [
      ['2026-10-31', 'rule'],
      ['2026-11-20', 'slot'],
      ['2026-12-31', 'rule'],
    ],
  );
});

test('a monthly rule gives exactly one occurrence in every month where the day exists', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 30 }), (day, monthOffset) => {
      const start = `${2026 + Math.floor(monthOffset / 12)}-${String((monthOffset % 12) + 1).padStart(2, '0')}-01`;
      const occ = expandDuty([rule({ day })], [], start, addDays(addDays(start, 27), 3));
      const inMonth = occ.filter((o) => localDate(new Date(o.startsAt)).slice(0, 7) === start.slice(0, 7));
      assert.equal(inMonth.length, 1);
    }),
  );
});
