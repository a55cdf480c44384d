import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { makeTestApp } from '../test-support/app.ts';
import type { TestApp } from '../test-support/app.ts';
import { approvedStudio, memberWithQr } from '../test-support/fixtures.ts';
import { buildHttpSurface } from '../test-support/http-surface.ts';
import { testBackends } from '../test-support/test-db.ts';
import pino from 'pino';
import { consoleCsp, fileCsp } from './security-headers.ts';
import { createHttp } from './server.ts';

// Every answer carries the headers a browser needs to treat it safely; each kind of answer
// (the console's HTML, a citizen's page, API JSON, a file) with its own policy.

const manifest = '{"index.html":{"file":"assets/app.js","isEntry":true}}';

/** A built console as Vite leaves it: the shell, a chunk, and the manifest in a dotfolder. */
function fakeDist() {
  const dir = mkdtempSync(path.join(tmpdir(), 'lx-dist-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  mkdirSync(path.join(dir, '.vite'));
  writeFileSync(path.join(dir, '.vite', 'manifest.json'), manifest);
  return dir;
}

function assertCommon(r: LightMyRequestResponse, what: string) {
  assert.equal(r.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(r.headers['x-frame-options'], 'DENY', what);
  assert.match(String(r.headers['referrer-policy']), /^(no-referrer|same-origin)$/, what);
  assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/, what);
}

const csp = (r: LightMyRequestResponse) => String(r.headers['content-security-policy']);

test("a route's own policy is kept, with framing refused if it did not say", async () => {
  const app = await createHttp(pino({ level: 'silent' }));
  app.get('/photo', (_req, reply) =>
    reply.type('image/jpeg').header('content-security-policy', "default-src 'none'").send(Buffer.from('x')),
  );
  app.get('/page', (_req, reply) =>
    reply
      .type('text/html')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
      .send('<p>'),
  );
  await app.ready();
  const photo = await app.inject({ method: 'GET', url: '/photo' });
  assert.equal(csp(photo), "default-src 'none'; frame-ancestors 'none'");
  assertCommon(photo, '/photo');
  const page = await app.inject({ method: 'GET', url: '/page' });
  assert.equal(csp(page), "default-src 'none'; frame-ancestors 'self'");
  await app.close();
});

for (const backend of testBackends()) {
  describe(`security headers [${backend.name}]`, () => {
    let t: TestApp;
    let dist: string;
    before(async () => {
      dist = fakeDist();
      t = await makeTestApp(await backend.open(), { webDist: dist });
    });
    after(async () => {
      await t.close();
      rmSync(dist, { recursive: true, force: true });
    });

    test("the console's HTML gets its own strict policy; the manifest is not served", async () => {
      for (const url of ['/', '/members', '/org/committees']) {
        const r = await t.app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 200, url);
        assert.match(String(r.headers['content-type']), /^text\/html/);
        assertCommon(r, url);
        assert.equal(csp(r), consoleCsp, url);
        assert.match(csp(r), /script-src 'self'(;|$)/);
      }
      // The browser's revalidation of the shell: the 304's headers replace the cached ones.
      const first = await t.app.inject({ method: 'GET', url: '/' });
      const again = await t.app.inject({
        method: 'GET',
        url: '/',
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(csp(again), consoleCsp);
      const js = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
      assert.equal(js.statusCode, 200);
      assert.equal(csp(js), fileCsp);
      const m = await t.app.inject({ method: 'GET', url: '/.vite/manifest.json' });
      assert.notEqual(m.body, manifest);
      assert.doesNotMatch(m.body, /isEntry/);
    });

    test('API JSON and the OpenAPI document load nothing; the docs page is a page', async () => {
      for (const url of ['/api/health', '/api/nothing-here', '/api/members', '/api/docs/json']) {
        const r = await t.app.inject({ method: 'GET', url });
        assertCommon(r, url);
        assert.equal(csp(r), fileCsp, url);
      }
      const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      assert.equal(docs.statusCode, 200);
      assertCommon(docs, '/api/docs/');
      assert.doesNotMatch(csp(docs), /unsafe-eval/);
    });

    test("a citizen's pages keep their no-script policy; the H5 form keeps its own headers", async () => {
      const studio = await approvedStudio(t);
      const member = await memberWithQr(t, '131121');
      for (const url of [
        `/s/${studio.code}`,
        `/m/${member.code}`,
        '/s/NOSUCH00',
        `/m/${member.code}/concern`,
      ]) {
        const r = await t.app.inject({ method: 'GET', url });
        assert.match(String(r.headers['content-type']), /^text\/html/, url);
        assertCommon(r, url);
        assert.match(csp(r), /^default-src 'none'/, url);
        assert.doesNotMatch(csp(r), /script-src/, url);
      }
      const form = await t.app.inject({ method: 'GET', url: `/m/${member.code}/concern` });
      assert.equal(form.headers['referrer-policy'], 'no-referrer');
      assert.equal(form.headers['cache-control'], 'no-store');
    });

    test('files and exports load nothing; the SVG QR code is only downloaded', async () => {
      const studio = await approvedStudio(t);
      const s = studio.staff.session;
      const svg = await s.get(`/api/studios/${studio.id}/qr.svg`);
      assert.equal(svg.statusCode, 200);
      assert.equal(csp(svg), fileCsp);
      assert.match(String(svg.headers['content-disposition']), /^attachment;/);
      assertCommon(svg, 'qr.svg');
      for (const url of [
        `/api/studios/${studio.id}/qr.png`,
        `/api/studios/${studio.id}/poster.pdf`,
        `/api/studios/${studio.id}/calendar.ics`,
        '/api/members/export.xlsx',
      ]) {
        const r = await s.get(url);
        assertCommon(r, url);
        assert.equal(csp(r), fileCsp, url);
      }
    });

    test('HSTS only when cookies are secure (served over TLS)', async () => {
      const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(plain.headers['strict-transport-security'], undefined);
      t.deps.settings.secureCookies = true;
      try {
        for (const url of ['/api/health', '/']) {
          const r = await t.app.inject({ method: 'GET', url });
          assert.match(String(r.headers['strict-transport-security']), /max-age=\d{7,}/, url);
        }
      } finally {
        t.deps.settings.secureCookies = false;
      }
    });

    test('every route answers with the headers, whatever it answers', async () => {
      const { app: surface, routes } = await buildHttpSurface();
      await surface.close();
      const seen = new Set<string>();
      for (const route of routes) {
        const methods = ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD');
        for (const method of methods) {
          // Placeholder parameters: the answer may be a 400, 401 or 404, and still needs them.
          const url = route.url.replace(/:\w+/g, 'AAAA1111').replace(/\*$/, 'x');
          const key = `${method} ${url}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const r = await t.app.inject({ method: method as 'GET', url });
          assertCommon(r, `${key} → ${r.statusCode}`);
        }
      }
      assert.ok(seen.size > 50, `only ${seen.size} routes`);
    });
  });
}
