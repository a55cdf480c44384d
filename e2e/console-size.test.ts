// The login page fetches only its own chunks (issue 10): the shell, the router and every page
// come later, and what it does fetch stays under the size target. Needs a build with its
// manifest (npm run build); the chunks expected come from that manifest.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { consoleRoutes, consoleShell, readManifest, routeFiles } from '../bench/web-manifest.ts';
import { logIn, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

const targetBytes = 250 * 1024;

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** Every file of the app the page requests (path, e.g. `assets/x.js`), in order. */
function recordFiles(page: Page, origin: string): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== origin || url.pathname.startsWith('/api/')) return;
    files.push(r.resourceType() === 'document' ? 'index.html' : url.pathname.slice(1));
  });
  return files;
}

test('the login page fetches its own chunks only, under 250 KB gzipped', async () => {
  const manifest = readManifest();
  const login = routeFiles(manifest, consoleRoutes[0]!);
  const lazyChunk = (key: string) => {
    const chunk = manifest[key];
    assert.ok(
      chunk?.isDynamicEntry,
      `${key} is not a lazily loaded chunk: it is bundled into the first load`,
    );
    return chunk.file;
  };
  const shell = lazyChunk(consoleShell);
  const landingPage = lazyChunk('src/pages/workbench/workbench-page.tsx');
  const { page, context, errors } = await openPage(h);
  const files = recordFiles(page, h.app.url);

  await page.goto('/login');
  await page.getByRole('heading', { name: '登录' }).waitFor();
  // Everything a rendered login page needed has been requested by now: its modules ran.
  assert.ok(!files.includes(shell), `the console shell was fetched: ${shell}`);
  assert.ok(!files.includes(landingPage), `the workbench page was fetched: ${landingPage}`);
  assert.deepEqual(new Set(files), login, 'the login page fetches what the manifest says it needs');

  // The app sends files uncompressed; gzip is what a compressing proxy in front would send.
  let total = 0;
  for (const f of login) {
    const body = await (await context.request.get('/' + (f === 'index.html' ? 'login' : f))).body();
    total += gzipSync(body, { level: 9 }).length;
  }
  assert.ok(total < targetBytes, `login page ${Math.round(total / 1024)} KB gzipped, target < 250 KB`);

  // Once logged in, the shell and the page arrive: the names above are the ones really used.
  await logIn(page, h.app.admin.username, h.app.admin.password);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  assert.ok(
    files.includes(shell) && files.includes(landingPage),
    'the shell and the workbench page load after login',
  );
  assert.deepEqual(errors, []);
  await context.close();
});
