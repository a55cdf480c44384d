import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ttlCache } from './ttl-cache.ts';

test('a value is loaded once while fresh, shared while loading, and again once expired', async () => {
  let loads = 0;
  const load = async () => ++loads;
  const c = ttlCache(40);
  const [a, b] = await Promise.all([c.get('k', load), c.get('k', load)]);
  assert.deepEqual([a, b, loads], [1, 1, 1]);
  assert.equal(await c.get('k', load), 1);
  assert.equal(await c.get('other', load), 2);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(await c.get('k', load), 3);
  c.clear();
  assert.equal(await c.get('k', load), 4);
});

test('a failed load is not kept; a zero lifetime keeps nothing', async () => {
  const c = ttlCache(10_000);
  await assert.rejects(
    c.get('k', () => Promise.reject(new Error('down'))),
    /down/,
  );
  assert.equal(await c.get('k', async () => 'up'), 'up');
  let loads = 0;
  const none = ttlCache(0);
  await none.get('k', async () => ++loads);
  await none.get('k', async () => ++loads);
  assert.equal(loads, 2);
});
