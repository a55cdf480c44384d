import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays } from './working-days.ts';

test('working days skip Saturday and Sunday in China time', () => {
  // Thursday 2026-12-03 10:00 China time.
  const thu = new Date('2026-12-03T10:00:00+08:00');
  assert.equal(addWorkingDays(thu, 1).toISOString(), new Date('2026-12-04T10:00:00+08:00').toISOString());
  assert.equal(addWorkingDays(thu, 3).toISOString(), new Date('2026-12-08T10:00:00+08:00').toISOString());
  assert.equal(addWorkingDays(thu, 10).toISOString(), new Date('2026-12-17T10:00:00+08:00').toISOString());
  // Friday 23:30 China time is still Friday (UTC says Friday 15:30): Monday is the next one.
  const fri = new Date('2026-12-04T23:30:00+08:00');
  assert.equal(addWorkingDays(fri, 1).toISOString(), new Date('2026-12-07T23:30:00+08:00').toISOString());
  // Saturday: Monday is the first working day after it.
  const sat = new Date('2026-12-05T09:00:00+08:00');
  assert.equal(addWorkingDays(sat, 1).toISOString(), new Date('2026-12-07T09:00:00+08:00').toISOString());
  assert.equal(addWorkingDays(thu, 0).getTime(), thu.getTime());
});
