// What the console fetches for each route, read from the Vite manifest (web/dist/.vite/manifest.json,
// written because web/vite.config.ts sets build.manifest). Shared by bench/web-size.ts and the
// browser test that checks the login page loads only its own chunks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
export type Manifest = Record<string, ManifestChunk>;

export const distDir = path.join(import.meta.dirname, '..', 'web', 'dist');

/** Console routes and the page module each one lazily loads (keys of the manifest). */
export const consoleRoutes: { route: string; url: string; page?: string }[] = [
  { route: 'login', url: '/login' },
  { route: 'workbench', url: '/workbench', page: 'src/pages/workbench/workbench-page.tsx' },
  { route: 'members', url: '/members', page: 'src/pages/members/members-page.tsx' },
  { route: 'members/import', url: '/members/import', page: 'src/pages/members/import-page.tsx' },
  { route: 'org', url: '/org', page: 'src/pages/org/org-page.tsx' },
  { route: 'concerns', url: '/concerns', page: 'src/pages/concerns/concerns-page.tsx' },
  { route: 'concern', url: '/concerns/:id', page: 'src/pages/concerns/concern-page.tsx' },
  { route: 'inbox', url: '/inbox', page: 'src/pages/concerns/inbox-page.tsx' },
  { route: 'studios', url: '/studios', page: 'src/pages/studios/studios-page.tsx' },
  { route: 'studio', url: '/studios/:id', page: 'src/pages/studios/studio-page.tsx' },
  { route: 'common-issues', url: '/common-issues', page: 'src/pages/common-issues/common-issues-page.tsx' },
  { route: 'common-issue', url: '/common-issues/:id', page: 'src/pages/common-issues/common-issue-page.tsx' },
  { route: 'search', url: '/search', page: 'src/pages/search/search-page.tsx' },
  { route: 'accounts', url: '/accounts', page: 'src/pages/auth/accounts-page.tsx' },
  { route: 'audit', url: '/audit', page: 'src/pages/audit/audit-page.tsx' },
  { route: 'password', url: '/password', page: 'src/pages/auth/password-page.tsx' },
];

/** The lazily loaded shell (header, menu) and route table every logged-in page goes through. */
export const consoleShell = 'src/console/routes.tsx';

export function readManifest(dir = distDir): Manifest {
  return JSON.parse(readFileSync(path.join(dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** Files (JS and CSS, relative to dist) a chunk needs: itself, its static imports, their CSS. */
export function chunkFiles(m: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const c = m[key];
    if (!c) throw new Error(`${key} is not in the Vite manifest (renamed? rebuild web/dist)`);
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
    for (const i of c.imports ?? []) walk(i);
  };
  for (const k of keys) walk(k);
  return files;
}

/** The manifest key of the HTML entry. */
export function entryKey(m: Manifest): string {
  const key = Object.keys(m).find((k) => m[k]?.isEntry);
  if (!key) throw new Error('no entry in the Vite manifest');
  return key;
}

/** Everything a first visit to the route fetches, index.html included (logged in for console pages). */
export function routeFiles(m: Manifest, r: (typeof consoleRoutes)[number]): Set<string> {
  const keys = [entryKey(m), ...(r.page ? [consoleShell, r.page] : [])];
  return new Set(['index.html', ...chunkFiles(m, keys)]);
}

/** Size of one file of dist as sent raw and gzipped (level 9, as a compressing proxy would). */
export function fileSize(file: string, dir = distDir): { raw: number; gzip: number } {
  const body = readFileSync(path.join(dir, file));
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}
