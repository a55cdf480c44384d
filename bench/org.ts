// npm run bench:org — the organisation benchmark (issue 2), on PGlite and on PostgreSQL.
//
// For each backend: seed the demo province 13 at ≥ 50,000 memberships, then
//   1. start-up: spawn `node server/src/main.ts` on the seeded database, time until
//      GET /api/health answers 200 (5 runs);
//   2. member grid: real HTTP with a real session cookie (admin of 130000), a mix of
//      filters / sorts / pages / search terms, 30 warm-up + 360 measured requests;
//   3. roster import: a 10,000-row .xlsx into 枣强县 (131121), then the same file again.
// Plus the machine's ceilings: raw single-row INSERTs through the same driver, and a bare
// Fastify hello-world over HTTP. Prints a table and writes bench/out/org.json.
//
// Environment: BENCH_BACKENDS=pglite,postgres (default both), BENCH_PG_URL (maintenance
// database of the PostgreSQL server; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_KEEP=1 keeps the seeded data directory and database afterwards (for EXPLAIN ANALYZE).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { rosterColumns } from '../contracts/members.ts';
import type { Db } from '../server/src/db/db.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { openDb } from '../server/src/db/open.ts';
import { openPglite } from '../server/src/db/pglite.ts';
import { openPostgres } from '../server/src/db/postgres.ts';
import type { Deps } from '../server/src/deps.ts';
import { randomIds, systemClock } from '../server/src/lib/clock.ts';
import { makeSealer } from '../server/src/lib/crypto.ts';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import {
  ethnicities,
  givenChars,
  parties,
  specialCommitteesByLevel,
  surnames,
} from '../server/src/modules/demo/data.ts';
import { seedDemo } from '../server/src/modules/demo/seed.ts';
import { nationalSectors } from '../server/src/modules/org/division.ts';
import { login, pct, request, round, startServer, stats, stopServer } from './http.ts';
import type { Server, Session } from './http.ts';
import { prng } from '../server/src/lib/prng.ts';

type Backend = 'pglite' | 'postgres';
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'bench', 'out');
const pgAdminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const backends = (process.env.BENCH_BACKENDS ?? 'pglite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as Backend[];

const scale = { province: 600, city: 900, county: 250 };
const minMembers = 50_000;
const startupRuns = 5;
const gridWarmup = 30;
const gridMeasured = 360;
const importRows = 10_000;
const importCommittee = '131121'; // 枣强县, 衡水市
const ceilingInserts = 5_000;
const helloWarmup = 200;
const helloMeasured = 2_000;
const adminUser = 'bench-admin';
const adminPassword = 'Bench-Passw0rd';

const targets = { startupPgliteMs: 5_000, gridP95PostgresMs: 50, importRowsPerSec: 2_000 };

// ---------------------------------------------------------------------------------------------
// Small tools

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

const median = (xs: number[]) => pct(xs, 50);

// One keep-alive connection per server, as a browser tab would hold it; dropped before a
// server stops so it can close at once.
let agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const get = (port: number, path: string, headers: http.OutgoingHttpHeaders = {}) =>
  request(port, agent, { method: 'GET', path, headers });

async function stop(s: Server): Promise<void> {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await stopServer(s);
}

// ---------------------------------------------------------------------------------------------
// Data

type Prepared = {
  backend: Backend;
  dataDir: string;
  databaseUrl?: string;
  dbName?: string;
  seedSeconds: number;
  memberships: number;
  activeMemberships: number;
  persons: number;
  cities: { id: string; code: string; name: string }[];
  sectors: { id: string; name: string }[];
  importTarget: string;
};

async function withAdminPg<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function prepare(backend: Backend): Promise<Prepared> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `lx-bench-${backend}-`));
  const key = randomBytes(32);
  await writeFile(path.join(dataDir, 'secret.key'), key.toString('hex'), { mode: 0o600 });
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (backend === 'postgres') {
    dbName = `lx_bench_${randomBytes(4).toString('hex')}`;
    await withAdminPg((c) => c.query(`create database ${dbName}`));
    const u = new URL(pgAdminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const db = await openDb({ databaseUrl, dataDir });
  try {
    await migrate(db);
    // The seed only uses these; the HTTP app (with everything else) runs in the child.
    const seedDeps: Pick<Deps, 'db' | 'clock' | 'ids' | 'sealer' | 'settings'> = {
      db,
      clock: systemClock,
      ids: randomIds,
      sealer: makeSealer(key),
      settings: { sessionIdleMinutes: 30, secureCookies: false, publicBaseUrl: 'http://localhost:3000' },
    };
    const deps = seedDeps as Deps;
    const t0 = performance.now();
    await seedDemo(deps, { provinceCode: '13', perLevel: scale });
    const seedSeconds = (performance.now() - t0) / 1000;
    // PostgreSQL's autovacuum analyses a freshly loaded table within a minute or so; do it
    // now so the figures do not depend on that timing. PGlite has no autovacuum: it is
    // measured as production runs it, with whatever statistics it has (none, after a seed).
    if (backend === 'postgres') await db.exec('vacuum analyze');
    const [counts] = await db.query<{ memberships: number; active: number; persons: number }>(
      `select (select count(*) from memberships)::int as memberships,
              (select count(*) from memberships where status = 'active')::int as active,
              (select count(*) from persons)::int as persons`,
    );
    if (counts!.memberships < minMembers)
      throw new Error(`seed gave ${counts!.memberships} memberships, fewer than ${minMembers}`);
    const [rootC] = await db.query<{ id: string }>("select id from committees where region_code = '130000'");
    const now = new Date();
    await db.query(
      `insert into accounts (id, username, display_name, password_hash, role, committee_id, must_change_password, require_totp, created_at, updated_at)
       values ($1, $2, $2, $3, 'admin', $4, false, false, $5, $5)`,
      [randomIds.uuid(), adminUser, await hashPassword(adminPassword), rootC!.id, now],
    );
    const cities = await db.query<{ id: string; code: string; name: string }>(
      "select id, trim(region_code) as code, region_name as name from committees where level = 'city' order by region_code",
    );
    const sectors = await db.query<{ id: string; name: string }>(
      'select id, name from sectors where committee_id is null order by sort_order',
    );
    const [target] = await db.query<{ id: string }>('select id from committees where region_code = $1', [
      importCommittee,
    ]);
    return {
      backend,
      dataDir,
      databaseUrl,
      dbName,
      seedSeconds,
      memberships: counts!.memberships,
      activeMemberships: counts!.active,
      persons: counts!.persons,
      cities,
      sectors,
      importTarget: target!.id,
    };
  } finally {
    await db.close();
  }
}

async function cleanup(p: Prepared): Promise<void> {
  if (process.env.BENCH_KEEP === '1') {
    log(`${p.backend}: kept DATA_DIR=${p.dataDir}${p.databaseUrl ? ` DATABASE_URL=${p.databaseUrl}` : ''}`);
    return;
  }
  await rm(p.dataDir, { recursive: true, force: true });
  if (p.dbName) await withAdminPg((c) => c.query(`drop database if exists ${p.dbName} with (force)`));
}

/** A 10,000-row roster as an office would send it: the 11 columns, valid, distinct phones. */
async function rosterFile(rows: number): Promise<Buffer> {
  const rand = prng(11_23);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sectors = [
    '经济界',
    '教育界',
    '农业界',
    '医药卫生界',
    '科学技术界',
    '文化艺术界',
    '中国共产党',
    '无党派人士',
  ];
  for (const s of sectors) if (!nationalSectors.includes(s)) throw new Error(`unknown sector ${s}`);
  const units = [
    '枣强县第一中学',
    '枣强县人民医院',
    '枣强县农业农村局',
    '河北枣强经济开发区',
    '枣强县大营镇',
  ];
  const posts = ['校长', '副院长', '主任', '科员', '经理', '董事长', '教师'];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('委员名册');
  ws.addRow(rosterColumns.map((c) => c.header));
  for (let i = 0; i < rows; i++) {
    ws.addRow([
      pick(surnames) + pick(givenChars) + (rand() < 0.7 ? pick(givenChars) : ''),
      rand() < 0.6 ? '男' : '女',
      pick(ethnicities),
      `${1960 + Math.floor(rand() * 35)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}`,
      pick(parties),
      pick(sectors),
      pick(units) + pick(posts),
      `15${String(100_000_000 + i * 37).padStart(9, '0')}`, // 15x…: never a seeded (13x) phone
      rand() < 0.3 ? pick(specialCommitteesByLevel.county) : '',
      rand() < 0.1 ? '常委' : '委员',
      '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Measurements

type GridKind = { key: string; label: string; weight: number; url: (rand: () => number) => string };

function gridKinds(p: Prepared): GridKind[] {
  const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const common = ['经济界', '教育界', '农业界', '医药卫生界', '中国共产党', '科学技术界'];
  const sectors = p.sectors.filter((s) => common.includes(s.name));
  const qs = (o: Record<string, string | number>) =>
    `/api/members?${new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)])).toString()}`;
  return [
    {
      key: 'city_sector_status',
      label: 'city subtree + sector + active, by name, p1-5',
      weight: 30,
      url: (r) =>
        qs({
          committeeId: pick(r, p.cities).id,
          subtree: 'true',
          sectorId: pick(r, sectors).id,
          status: 'active',
          sort: 'name',
          page: 1 + Math.floor(r() * 5),
          pageSize: r() < 0.7 ? 20 : 50,
        }),
    },
    {
      key: 'city_by_committee',
      label: 'city subtree + active, by committee, p1-100',
      weight: 20,
      url: (r) =>
        qs({
          committeeId: pick(r, p.cities).id,
          status: 'active',
          sort: 'committee',
          order: r() < 0.8 ? 'asc' : 'desc',
          page: 1 + Math.floor(r() * 100),
          pageSize: 20,
        }),
    },
    {
      key: 'province_by_name',
      label: 'whole province, by name, p1-50',
      weight: 15,
      url: (r) => qs({ sort: 'name', page: 1 + Math.floor(r() * 50), pageSize: 20 }),
    },
    {
      key: 'q_surname',
      label: 'q = surname (王, 张, 欧…), province, p1',
      weight: 20,
      url: (r) =>
        qs({ q: pick(r, ['王', '张', '李', '刘', '赵', '孟', '龚', '覃']), sort: 'name', pageSize: 20 }),
    },
    {
      key: 'q_initials',
      label: 'q = pinyin initials (zl, wjg…), province, p1',
      weight: 15,
      url: (r) =>
        qs({
          q: pick(r, ['zl', 'wx', 'lj', 'zwh', 'ljg', 'chm', 'wang', 'zhang']),
          sort: 'name',
          pageSize: 20,
        }),
    },
  ];
}

async function gridBench(port: number, s: Session, p: Prepared) {
  const kinds = gridKinds(p);
  const total = kinds.reduce((a, k) => a + k.weight, 0);
  const rand = prng(4242);
  const next = () => {
    let x = rand() * total;
    for (const k of kinds) if ((x -= k.weight) < 0) return k;
    return kinds[0]!;
  };
  const byKind = new Map<string, number[]>(kinds.map((k) => [k.key, []]));
  const all: number[] = [];
  const rowsSeen = new Map<string, number[]>();
  for (let i = 0; i < gridWarmup + gridMeasured; i++) {
    const k = next();
    const url = k.url(rand);
    const r = await get(port, url, { cookie: s.cookie });
    if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${r.body.toString().slice(0, 300)}`);
    if (i < gridWarmup) continue;
    all.push(r.ms);
    byKind.get(k.key)!.push(r.ms);
    const body = JSON.parse(r.body.toString()) as { total: number };
    rowsSeen.set(k.key, [...(rowsSeen.get(k.key) ?? []), body.total]);
  }
  return {
    all: stats(all),
    kinds: kinds.map((k) => ({
      key: k.key,
      label: k.label,
      ...stats(byKind.get(k.key)!),
      medianTotal: median(rowsSeen.get(k.key) ?? [0]),
    })),
  };
}

async function importOnce(port: number, s: Session, committeeId: string, file: Buffer) {
  const r = await request(port, agent, {
    method: 'POST',
    path: `/api/members/import?committeeId=${committeeId}&dryRun=false`,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    body: file,
  });
  type Counts = { rows: number; created: number; added: number; updated: number };
  if (r.status === 200) {
    const out = JSON.parse(r.body.toString()) as Counts;
    return { seconds: round(r.ms / 1000, 2), rowsPerSec: Math.round(out.rows / (r.ms / 1000)), ...out };
  }
  // Past rosterLimits.directRows the import runs in the background: timed until it is done.
  if (r.status !== 202) throw new Error(`import: ${r.status} ${r.body.toString().slice(0, 500)}`);
  const { importId } = JSON.parse(r.body.toString()) as { importId: string };
  const started = performance.now() - r.ms;
  for (;;) {
    await new Promise((done) => setTimeout(done, 100));
    const st = await get(port, `/api/members/imports/${importId}`, { cookie: s.cookie });
    const body = JSON.parse(st.body.toString()) as { status: string; result: Counts | null };
    if (body.status === 'running') continue;
    if (body.status !== 'done' || !body.result)
      throw new Error(`import: ${st.body.toString().slice(0, 500)}`);
    const seconds = (performance.now() - started) / 1000;
    return { seconds: round(seconds, 2), rowsPerSec: Math.round(body.result.rows / seconds), ...body.result };
  }
}

async function appFloor(port: number, s: Session) {
  const xs: number[] = [];
  for (let i = 0; i < 300; i++) {
    const r = await get(port, '/api/health', { cookie: s.cookie });
    if (i >= 50) xs.push(r.ms);
  }
  return stats(xs);
}

async function insertCeiling(backend: Backend, p: Prepared) {
  let db: Db;
  let dir: string | undefined;
  if (backend === 'pglite') {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lx-bench-scratch-'));
    db = await openPglite(dir);
  } else db = await openPostgres(p.databaseUrl!);
  try {
    await db.exec('create table bench_scratch (id int primary key, v text not null)');
    const t0 = performance.now();
    for (let i = 0; i < ceilingInserts; i++)
      await db.query('insert into bench_scratch (id, v) values ($1, $2)', [i, `row ${i}`]);
    const s = (performance.now() - t0) / 1000;
    await db.exec('drop table bench_scratch');
    return { inserts: ceilingInserts, seconds: round(s, 2), perSec: Math.round(ceilingInserts / s) };
  } finally {
    await db.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

async function helloCeiling() {
  const s = await startServer(root, {}, { script: 'bench/hello-server.ts', probePath: '/' });
  try {
    const xs: number[] = [];
    for (let i = 0; i < helloWarmup + helloMeasured; i++) {
      const r = await get(s.port, '/');
      if (r.status !== 200) throw new Error(`hello: ${r.status}`);
      if (i >= helloWarmup) xs.push(r.ms);
    }
    return stats(xs);
  } finally {
    await stop(s);
  }
}

async function runBackend(backend: Backend, file: Buffer) {
  log(`${backend}: seeding province 13 at ${JSON.stringify(scale)}…`);
  const p = await prepare(backend);
  try {
    log(
      `${backend}: ${p.memberships} memberships (${p.activeMemberships} active), ${p.persons} persons in ${round(p.seedSeconds)} s`,
    );
    const env: NodeJS.ProcessEnv = {
      DATA_DIR: p.dataDir,
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'false',
      ...(p.databaseUrl ? { DATABASE_URL: p.databaseUrl } : {}),
    };
    const startups: number[] = [];
    for (let i = 0; i < startupRuns; i++) {
      const s = await startServer(root, env);
      startups.push(s.ms);
      log(`${backend}: start-up ${i + 1}/${startupRuns}: ${Math.round(s.ms)} ms`);
      await stop(s);
    }
    const server = await startServer(root, env);
    let grid, imports, floor;
    try {
      const session = await login(server.port, adminUser, adminPassword);
      floor = await appFloor(server.port, session);
      log(`${backend}: member grid, ${gridWarmup} + ${gridMeasured} requests…`);
      grid = await gridBench(server.port, session, p);
      log(`${backend}: grid p50 ${grid.all.p50} ms, p95 ${grid.all.p95} ms`);
      log(`${backend}: importing ${importRows} rows into ${importCommittee}…`);
      const first = await importOnce(server.port, session, p.importTarget, file);
      log(`${backend}: import ${first.seconds} s (${first.rowsPerSec} rows/s); again…`);
      const again = await importOnce(server.port, session, p.importTarget, file);
      log(`${backend}: re-import ${again.seconds} s (${again.rowsPerSec} rows/s)`);
      imports = { first, again };
    } catch (err) {
      console.error(server.output());
      throw err;
    } finally {
      await stop(server);
    }
    log(`${backend}: insert ceiling…`);
    const ceiling = await insertCeiling(backend, p);
    return {
      backend,
      seed: {
        perLevel: scale,
        seconds: round(p.seedSeconds),
        memberships: p.memberships,
        activeMemberships: p.activeMemberships,
        persons: p.persons,
      },
      startup: {
        runsMs: startups.map((x) => Math.round(x)),
        medianMs: Math.round(median(startups)),
        maxMs: Math.round(Math.max(...startups)),
      },
      appHealthLatency: floor,
      grid,
      import: imports,
      insertCeiling: ceiling,
    };
  } finally {
    await cleanup(p);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

type Result = Awaited<ReturnType<typeof runBackend>>;

function table(results: Result[], hello: Awaited<ReturnType<typeof helloCeiling>>) {
  const by = (b: Backend) => results.find((r) => r.backend === b);
  const cols: Backend[] = ['pglite', 'postgres'];
  const rows: [string, ...string[]][] = [];
  const row = (label: string, f: (r: Result) => string, target = '') =>
    rows.push([label, ...cols.map((b) => (by(b) ? f(by(b)!) : '—')), target]);
  const ok = (pass: boolean) => (pass ? ' ✓' : ' ✗');
  row('Memberships seeded (persons)', (r) => `${r.seed.memberships} (${r.seed.persons})`, '≥ 50,000');
  row('Seed time (in-process, s)', (r) => `${r.seed.seconds}`);
  row(
    'Start-up to first 200, median (ms)',
    (r) =>
      `${r.startup.medianMs}${r.backend === 'pglite' ? ok(r.startup.medianMs < targets.startupPgliteMs) : ''}`,
    'PGlite < 5000',
  );
  row('Start-up to first 200, max (ms)', (r) => `${r.startup.maxMs}`);
  row(
    'Member grid mix p50 / p95 / p99 (ms)',
    (r) =>
      `${r.grid.all.p50} / ${r.grid.all.p95} / ${r.grid.all.p99}${r.backend === 'postgres' ? ok(r.grid.all.p95 < targets.gridP95PostgresMs) : ''}`,
    'PG p95 < 50',
  );
  for (const k of results[0]?.grid.kinds ?? [])
    row(`  ${k.key} (n, p50 / p95 / p99)`, (r) => {
      const x = r.grid.kinds.find((y) => y.key === k.key)!;
      return `${x.n}: ${x.p50} / ${x.p95} / ${x.p99}`;
    });
  row(
    `Import ${importRows} rows: s (rows/s)`,
    (r) =>
      `${r.import.first.seconds} (${r.import.first.rowsPerSec})${ok(r.import.first.rowsPerSec >= targets.importRowsPerSec)}`,
    '≥ 2000 rows/s',
  );
  row('  added / updated', (r) => `${r.import.first.added} / ${r.import.first.updated}`, `${importRows} / 0`);
  row(
    'Re-import same file: s (rows/s)',
    (r) =>
      `${r.import.again.seconds} (${r.import.again.rowsPerSec})${ok(r.import.again.rowsPerSec >= targets.importRowsPerSec)}`,
    '≥ 2000 rows/s',
  );
  row('  added / updated', (r) => `${r.import.again.added} / ${r.import.again.updated}`, `0 / ${importRows}`);
  row('Ceiling: single-row INSERTs/s', (r) => `${r.insertCeiling.perSec}`);
  row('Ceiling: app GET /api/health p50 (ms)', (r) => `${r.appHealthLatency.p50}`);
  rows.push(['Ceiling: bare Fastify hello p50 / p95 (ms)', `${hello.p50} / ${hello.p95}`, '(same)', '']);
  const header: [string, ...string[]] = ['', 'PGlite (file)', 'PostgreSQL 15', 'target'];
  const all = [header, ...rows];
  const w = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(w[i]! - width(c))).join('  ');
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/** Display width: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((a, c) => a + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

// ---------------------------------------------------------------------------------------------

const started = performance.now();
const loadBefore = os.loadavg().map((x) => round(x, 2));
log(`generating a ${importRows}-row roster…`);
const file = await rosterFile(importRows);
log(`roster: ${Math.round(file.length / 1024)} KiB`);
const results: Result[] = [];
for (const b of backends) results.push(await runBackend(b, file));
log('bare Fastify hello-world…');
const hello = await helloCeiling();
const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    // The machine may be shared: other work running during the bench shows here.
    loadAvgBefore: loadBefore,
    loadAvgAfter: os.loadavg().map((x) => round(x, 2)),
  },
  targets,
  results,
  helloWorld: hello,
  totalSeconds: round((performance.now() - started) / 1000),
};
await mkdir(outDir, { recursive: true });
await writeFile(path.join(outDir, 'org.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `\nOrganisation benchmark (issue 2) — ${report.date.slice(0, 10)}, node ${process.version}, ${report.machine.cpus} cores`,
);
console.log(table(results, hello));
console.log(
  `\nTotal ${report.totalSeconds} s; load average (1/5/15 min) before ${loadBefore.join(' ')}, after ${report.machine.loadAvgAfter.join(' ')}; figures in bench/out/org.json`,
);
