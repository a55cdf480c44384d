import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import type { Db, Queryable } from '../../db/db.ts';
import { makeTestApp } from '../../test-support/app.ts';
import type { TestApp } from '../../test-support/app.ts';
import { submittedConcern } from '../../test-support/fixtures.ts';
import { testBackends } from '../../test-support/test-db.ts';

// The citizen's pages while the database is out of reach (as during a PostgreSQL restart;
// here a switch in front of the database, so it runs on PGlite too): a post answers a
// "try again in a moment" page (503, Retry-After) that keeps what was typed, and says the
// photos must be chosen again only when they could not be kept; a page answers 503 HTML.
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function switchable(db: Db) {
  let down = false;
  const guard = <T>(fn: () => Promise<T>) => (down ? Promise.reject(refused()) : fn());
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params, opts) => guard(() => q.query(sql, params, opts)),
    exec: (sql) => guard(() => q.exec(sql)),
  });
  const wrapped: Db = {
    kind: db.kind,
    ...wrap(db),
    tx: (fn) => guard(() => db.tx((q) => fn(wrap(q)))),
    close: () => db.close(),
  };
  return { db: wrapped, set: (d: boolean) => (down = d) };
}

for (const backend of testBackends()) {
  describe(`H5 pages while the database is out of reach [${backend.name}]`, () => {
    let t: TestApp;
    let sw: ReturnType<typeof switchable>;
    const code = 'DOWNM234';
    let jpeg: Buffer;
    before(async () => {
      sw = switchable(await backend.open());
      t = await makeTestApp(sw.db);
      await t.memberWithCode('131121', code);
      jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
        .jpeg()
        .toBuffer();
    });
    after(async () => {
      sw.set(false);
      await t.close();
    });
    const down = async <T>(fn: () => Promise<T>) => {
      sw.set(true);
      try {
        return await fn();
      } finally {
        sw.set(false);
      }
    };
    const fields = {
      k: 'b'.repeat(24),
      category: 'transport',
      text: '断网时写下的诉求<原文>',
      place: '南门',
      action: 'submit',
    };

    test('the probes: live while the database is out of reach, ready only with it and every migration', async () => {
      const get = (url: string) => t.app.inject({ method: 'GET', url });
      const [last] = await sw.db.query<{ name: string; checksum: string }>(
        'select name, checksum from schema_migrations order by name desc limit 1',
      );
      // An app started on a database that lacks a migration of its version is not ready,
      // until the migration is there.
      await sw.db.query('delete from schema_migrations where name = $1', [last!.name]);
      const early = await makeTestApp(sw.db, { seed: false });
      try {
        const pending = await early.app.inject({ method: 'GET', url: '/api/health/ready' });
        assert.equal(pending.statusCode, 503);
        assert.equal(pending.json().checks.migrations, 'pending');
        await sw.db.query('insert into schema_migrations (name, checksum) values ($1, $2)', [
          last!.name,
          last!.checksum,
        ]);
        assert.equal((await early.app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode, 200);
      } finally {
        await early.app.close();
      }
      for (const url of ['/api/health/ready', '/api/health', '/api/health/live'])
        assert.equal((await get(url)).statusCode, 200, url);
      // PostgreSQL is pinged; the embedded PGlite has nothing to reach (health.ts).
      const downReady = await down(() => get('/api/health/ready'));
      if (backend.name === 'postgres') {
        assert.equal(downReady.statusCode, 503);
        assert.ok(Number(downReady.headers['retry-after']) > 0);
        assert.deepEqual(downReady.json().checks, {
          database: 'unreachable',
          migrations: 'ok',
          jobs: 'not-here',
        });
        assert.equal((await down(() => get('/api/health'))).statusCode, 503, '/api/health is ready');
      } else assert.equal(downReady.json().checks.database, 'embedded');
      assert.equal((await down(() => get('/api/health/live'))).statusCode, 200);
    });

    test('the form answers 503 with what was typed, and no photo to choose again when none was sent', async () => {
      const r = await down(() =>
        t.app.inject({
          method: 'POST',
          url: `/m/${code}/concern`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.77.0.1' },
          payload: new URLSearchParams(fields).toString(),
        }),
      );
      assert.equal(r.statusCode, 503);
      assert.ok(Number(r.headers['retry-after']) > 0);
      assert.match(r.body, /请稍后再试/);
      assert.match(r.body, /断网时写下的诉求&lt;原文&gt;/);
      assert.match(r.body, /value="南门"/);
      assert.match(r.body, new RegExp(`action="/m/${code}/concern"`));
      assert.doesNotMatch(r.body, /照片未能保存/);
      // Sent again once the database is back, the same form goes through.
      const again = await t.app.inject({
        method: 'POST',
        url: `/m/${code}/concern`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.77.0.1' },
        payload: new URLSearchParams(fields).toString(),
      });
      assert.equal(again.statusCode, 303, again.body);
    });

    test('with a photo that could not be stored, the page says to choose it again', async () => {
      const boundary = '----lxoutage';
      const part = (name: string, value: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const body = Buffer.concat([
        Buffer.from(
          Object.entries({ ...fields, k: 'c'.repeat(24) })
            .map(([k, v]) => part(k, v))
            .join(''),
        ),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        jpeg,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const r = await down(() =>
        t.app.inject({
          method: 'POST',
          url: `/m/${code}/concern`,
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'x-forwarded-for': '10.77.0.2',
          },
          payload: body,
        }),
      );
      assert.equal(r.statusCode, 503);
      assert.match(r.body, /断网时写下的诉求/);
      assert.match(r.body, /照片未能保存，再次提交前请重新选择照片/);
    });

    test('a rating sent meanwhile is shown again to send later; a page is a 503 page, the API a 503 body', async () => {
      const c = await submittedConcern(t, { memberCode: code });
      const r = await down(() =>
        t.app.inject({
          method: 'POST',
          url: `/t/${c.trackingCode}/info`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ text: '补充：积水更深了' }).toString(),
        }),
      );
      assert.equal(r.statusCode, 503);
      assert.ok(Number(r.headers['retry-after']) > 0);
      assert.match(r.body, /补充：积水更深了/);
      assert.match(r.body, new RegExp(`action="/t/${c.trackingCode}/info"`));
      const pageDown = await down(() => t.app.inject({ method: 'GET', url: `/t/${c.trackingCode}` }));
      assert.equal(pageDown.statusCode, 503);
      assert.match(pageDown.headers['content-type'] as string, /text\/html/);
      assert.match(pageDown.body, /请稍后再试/);
      const api = await down(() =>
        t.app.inject({ method: 'GET', url: `/api/public/concerns/${c.trackingCode}` }),
      );
      assert.equal(api.statusCode, 503);
      assert.equal(api.json().error.code, 'service.unavailable');
      assert.ok(api.json().error.messages.en && api.json().error.messages['zh-CN']);
    });
  });
}
