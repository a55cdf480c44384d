import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { createHttp } from './server.ts';

// Per-address rate limits are only as good as the address: X-Forwarded-For counts only when
// it comes from a trusted proxy, never from a client on the network.
async function addressSeen(trustProxy: string | undefined, remoteAddresses: string[]) {
  const app = await createHttp(pino({ level: 'silent' }), trustProxy);
  app.get('/ip', { schema: { hide: true } }, async (req) => ({ ip: req.ip }));
  await app.ready();
  const seen: string[] = [];
  for (const remoteAddress of remoteAddresses) {
    const res = await app.inject({
      method: 'GET',
      url: '/ip',
      remoteAddress,
      headers: { 'x-forwarded-for': '10.1.1.1' },
    });
    seen.push(res.json().ip);
  }
  await app.close();
  return seen;
}

test('X-Forwarded-For is believed from a local proxy only (TRUST_PROXY=loopback)', async () => {
  assert.deepEqual(await addressSeen(undefined, ['127.0.0.1', '203.0.113.9']), ['10.1.1.1', '203.0.113.9']);
});

test('a named proxy network is trusted, others are not', async () => {
  assert.deepEqual(await addressSeen('192.168.0.0/16', ['192.168.3.4', '127.0.0.1']), [
    '10.1.1.1',
    '127.0.0.1',
  ]);
});
