import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GateBusy, gate } from './gate.ts';

const later = () => {
  let done!: () => void;
  const p = new Promise<void>((r) => (done = r));
  return { p, done };
};

test('a gate runs at most atOnce together and the rest in arrival order', async () => {
  const g = gate({ atOnce: 2, maxWaiting: 10, maxWaitMs: 60_000 });
  const started: number[] = [];
  const holds = Array.from({ length: 5 }, later);
  const runs = holds.map((h, i) =>
    g.run(async () => {
      started.push(i);
      await h.p;
      return i;
    }),
  );
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1]);
  assert.equal(g.running, 2);
  assert.equal(g.waiting, 3);
  holds[1]!.done();
  await runs[1];
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1, 2], 'the first in line goes next');
  holds[0]!.done();
  holds[2]!.done();
  await Promise.all([runs[0], runs[2]]);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
  holds[3]!.done();
  holds[4]!.done();
  assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3, 4]);
  assert.equal(g.running, 0);
});

test('a failing call frees its slot', async () => {
  const g = gate({ atOnce: 1, maxWaiting: 10, maxWaitMs: 60_000 });
  await assert.rejects(
    g.run(async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(await g.run(async () => 'next'), 'next');
  assert.equal(g.running, 0);
});

test('a full line refuses at once; a call that waited too long leaves the line refused', async () => {
  const g = gate({ atOnce: 1, maxWaiting: 1, maxWaitMs: 20 });
  const hold = later();
  const first = g.run(() => hold.p);
  const second = g.run(async () => 'second');
  await assert.rejects(
    g.run(async () => 'third'),
    GateBusy,
  );
  // Refused after 20 ms although the first still holds its slot: nobody waits for ever.
  await assert.rejects(second, GateBusy);
  assert.equal(g.waiting, 0);
  assert.equal(g.running, 1);
  hold.done();
  await first;
  assert.equal(g.running, 0);
  assert.equal(await g.run(async () => 'after'), 'after');
});
