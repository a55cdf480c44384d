// npm run bench:web-size — what the console sends per route (issue 10): builds web/dist with
// the project's Vite config (BENCH_NO_BUILD=1 reads the existing build), then resolves from
// the Vite manifest what a first visit to each route fetches — index.html, the entry and its
// static imports for the login page; plus the lazily loaded shell and the route's page chunk
// for a console page — and prints raw and gzipped sizes per route and the largest chunks.
// Starts nothing: the files are read from disk. Writes bench/out/web-size.json.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { consoleRoutes, distDir, fileSize, readManifest, routeFiles } from './web-manifest.ts';

const targetKB = 250;
const kb = (n: number) => (n / 1024).toFixed(1);

if (process.env.BENCH_NO_BUILD !== '1') {
  await build({
    configFile: path.join(import.meta.dirname, '..', 'web', 'vite.config.ts'),
    logLevel: 'warn',
  });
}
const manifest = readManifest();
const sizes = new Map<string, { raw: number; gzip: number }>();
const size = (f: string) => {
  let s = sizes.get(f);
  if (!s) sizes.set(f, (s = fileSize(f)));
  return s;
};
const sum = (files: Iterable<string>) => {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    raw += size(f).raw;
    gzip += size(f).gzip;
  }
  return { raw, gzip };
};

const login = routeFiles(manifest, consoleRoutes[0]!);
const routes = consoleRoutes.map((r) => {
  const files = routeFiles(manifest, r);
  const total = sum(files);
  const beyondLogin = sum([...files].filter((f) => !login.has(f)));
  return { route: r.route, url: r.url, files: files.size, ...total, beyondLoginGzip: beyondLogin.gzip };
});

const assets = readdirSync(path.join(distDir, 'assets')).map((f) => `assets/${f}`);
const largest = assets
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => ({ file: f, ...size(f), onLogin: login.has(f) }))
  .sort((a, b) => b.gzip - a.gzip)
  .slice(0, 12);
const all = sum(assets.filter((f) => /\.(js|css)$/.test(f)));

console.log('route              files   raw KB  gzip KB  gzip KB beyond login');
for (const r of routes) {
  console.log(
    `${r.route.padEnd(18)} ${String(r.files).padStart(5)} ${kb(r.raw).padStart(8)} ${kb(r.gzip).padStart(8)} ${kb(r.beyondLoginGzip).padStart(8)}`,
  );
}
console.log('\nlargest chunks                                raw KB  gzip KB  on login');
for (const c of largest) {
  console.log(
    `${c.file.padEnd(44)} ${kb(c.raw).padStart(8)} ${kb(c.gzip).padStart(8)}  ${c.onLogin ? 'yes' : ''}`,
  );
}
const loginGzip = routes[0]!.gzip;
console.log(
  `\nall JS + CSS: ${assets.length} files, ${kb(all.raw)} KB raw, ${kb(all.gzip)} KB gzipped` +
    `\nlogin page (HTML + JS + CSS, gzipped): ${kb(loginGzip)} KB, target < ${targetKB} KB: ${loginGzip < targetKB * 1024 ? 'met' : 'missed'}`,
);

mkdirSync('bench/out', { recursive: true });
const machine = { cpus: os.cpus().length, node: process.version, loadAvg: os.loadavg() };
writeFileSync(
  'bench/out/web-size.json',
  JSON.stringify({ targetKB, routes, largest, all, machine }, null, 2),
);
console.log('figures in bench/out/web-size.json');
