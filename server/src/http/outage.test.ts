import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { test } from 'node:test';
import pg from 'pg';
import { migrate } from '../db/migrate.ts';
import { openPostgres } from '../db/postgres.ts';
import { makeTestApp } from '../test-support/app.ts';
import type { TestApp } from '../test-support/app.ts';
import { freshIp, memberWithQr, publicClient, staffOf } from '../test-support/fixtures.ts';

// A PostgreSQL restart or a cut network, as the app's pool sees it: a TCP proxy between the
// pool and the server, which the test cuts (every connection dropped, new ones refused) in
// the middle of requests and then restores. Every answer meanwhile is 503 with Retry-After
// (never 500), and once the proxy is back the same app answers 200 again, not restarted.
// PostgreSQL only: the embedded PGlite has no connection to lose.
const url = process.env.TEST_DATABASE_URL;

/** A TCP proxy to `target` on a port of its own; cut() drops and refuses, restore() lets through. */
async function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let port = 0;
  let server: net.Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const x of [client, upstream]) {
          sockets.add(x);
          x.on('error', () => undefined);
          x.on('close', () => {
            sockets.delete(x);
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    /** Every open connection reset; the port closed, so a new connection is refused. */
    async cut() {
      const s = server!;
      server = undefined;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      for (const x of sockets) x.resetAndDestroy();
      await closed;
    },
    restore: listen,
    async close() {
      if (server) await this.cut();
    },
  };
}

test(
  'a database cut mid-requests answers 503 with Retry-After, never 500, and recovers by itself',
  { skip: url ? false : 'PostgreSQL only: set TEST_DATABASE_URL', timeout: 120_000 },
  async () => {
    const name = `lx_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const direct = new URL(url!);
    direct.pathname = `/${name}`;
    const proxy = await tcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(direct);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    let t: TestApp | undefined;
    try {
      const db = await openPostgres(viaProxy.toString(), 5, { connectTimeoutMs: 1000 });
      await migrate(db);
      t = await makeTestApp(db);
      const app = t;
      const { pub, form } = publicClient(app);
      const { code: memberCode } = await memberWithQr(app, '131121');
      const staff = await staffOf(app, '131100');
      const submit = () =>
        pub('POST', '/api/public/concerns', {
          memberCode,
          category: 'health',
          text: '卫生院周末没有医生值班。',
        });
      const ready = () => app.app.inject({ method: 'GET', url: '/api/health/ready' });
      assert.equal((await ready()).statusCode, 200);
      assert.equal((await submit()).statusCode, 200);

      // Traffic throughout: submissions, a staff read, the readiness probe, logins.
      const seen: { status: number; url: string; body: string }[] = [];
      let running = true;
      const loop = async (send: () => Promise<{ statusCode: number; body: string }>, what: string) => {
        while (running) {
          const r = await send();
          seen.push({ status: r.statusCode, url: what, body: r.body.slice(0, 300) });
          await new Promise((go) => setTimeout(go, 20));
        }
      };
      const loops = Promise.all([
        loop(submit, 'submit'),
        loop(submit, 'submit'),
        loop(() => staff.session.get('/api/members?pageSize=5'), 'members'),
        loop(ready, 'ready'),
        loop(
          () =>
            app.app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: staff.username, password: 'wrong-password' },
            }),
          'login',
        ),
      ]);
      await new Promise((go) => setTimeout(go, 300));
      await proxy.cut();
      await new Promise((go) => setTimeout(go, 1500));

      // While it is cut: each kind of request answers 503, in both languages, with Retry-After.
      const down = await submit();
      assert.equal(down.statusCode, 503, down.body);
      assert.equal(down.json().error.code, 'service.unavailable');
      assert.ok(Number(down.headers['retry-after']) > 0, 'Retry-After');
      const en = await app.app.inject({
        method: 'POST',
        url: '/api/public/concerns',
        headers: {
          'content-type': 'application/json',
          'accept-language': 'en',
          'x-forwarded-for': freshIp(),
        },
        payload: JSON.stringify({ memberCode, category: 'health', text: 'x' }),
      });
      assert.equal(en.statusCode, 503);
      assert.match(en.json().error.message, /unavailable/);
      assert.match(en.json().error.messages['zh-CN'], /请稍后再试/);
      const notReady = await ready();
      assert.equal(notReady.statusCode, 503);
      assert.equal(notReady.json().checks.database, 'unreachable');
      const live = await app.app.inject({ method: 'GET', url: '/api/health/live' });
      assert.equal(live.statusCode, 200, 'the process is alive, only not ready');
      assert.equal((await staff.session.get('/api/members?pageSize=5')).statusCode, 503);
      // The citizen's form answers a page that keeps what was typed.
      const h5 = await form(`/m/${memberCode}/concern`, {
        k: randomBytes(12).toString('hex'),
        category: 'health',
        text: '停电期间提交的诉求文字',
        place: '东街',
        action: 'submit',
      });
      assert.equal(h5.statusCode, 503);
      assert.ok(Number(h5.headers['retry-after']) > 0);
      assert.match(h5.headers['content-type'] as string, /text\/html/);
      assert.match(h5.body, /请稍后再试/);
      assert.match(h5.body, /停电期间提交的诉求文字/);
      assert.match(h5.body, /value="东街"/);

      await proxy.restore();
      const until = Date.now() + 15_000;
      let back = await ready();
      while (back.statusCode !== 200 && Date.now() < until) {
        await new Promise((go) => setTimeout(go, 100));
        back = await ready();
      }
      assert.equal(back.statusCode, 200, `ready again: ${back.body}`);
      await new Promise((go) => setTimeout(go, 300));
      running = false;
      await loops;
      const up = await submit();
      assert.equal(up.statusCode, 200, up.body);
      assert.equal((await staff.session.get('/api/members?pageSize=5')).statusCode, 200);

      const fiveHundreds = seen.filter((s) => s.status >= 500 && s.status !== 503);
      assert.deepEqual(fiveHundreds, [], 'no 500 at any moment');
      const statuses = new Set(seen.map((s) => s.status));
      assert.ok(statuses.has(503), `503s while cut: ${[...statuses].join(',')}`);
      const lastSubmit = seen.filter((s) => s.url === 'submit').at(-1)!;
      assert.equal(lastSubmit.status, 200, 'submissions answer 200 again');
    } finally {
      await t?.close().catch(() => undefined);
      await proxy.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  },
);
