import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { createHttp } from './server.ts';

// Per-address rate limits are only as good as the address: X-Forwarded-For counts only when
// it comes from a trusted proxy, never from a client on the network.
test('X-Forwarded-For is believed from a local proxy only (TRUST_PROXY=loopback)', async () => {
  const app = await createHttp(pino({ level: 'silent' }));
  app.get('/ip', { schema: { hide: true } }, async (req) => ({ ip: req.ip }));
  await app.ready();
  const ip = async (remoteAddress: string) =>
    (
      await app.inject({
        method: 'GET',
        url: '/ip',
        remoteAddress,
        headers: { 'x-forwarded-for': '10.1.1.1' },
      })
    ).json().ip;
  assert.equal(await ip('127.0.0.1'), '10.1.1.1');
  assert.equal(await ip('203.0.113.9'), '203.0.113.9');
  await app.close();
});

test('a named proxy network is trusted, others are not', async () => {
  const app = await createHttp(pino({ level: 'silent' }), '192.168.0.0/16');
  app.get('/ip', { schema: { hide: true } }, async (req) => ({ ip: req.ip }));
  await app.ready();
  const ip = async (remoteAddress: string) =>
    (
      await app.inject({
        method: 'GET',
        url: '/ip',
        remoteAddress,
        headers: { 'x-forwarded-for': '10.1.1.1' },
      })
    ).json().ip;
  assert.equal(await ip('192.168.3.4'), '10.1.1.1');
  assert.equal(await ip('127.0.0.1'), '127.0.0.1');
  await app.close();
});
