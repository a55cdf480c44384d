// npm run bench:concerns — the concern path benchmark (issue 3), on PostgreSQL.
//
//   1. data: a fresh database, migrations, the demo province, approved studios with members,
//      BENCH_CONCERNS (default 1,000,000) concerns with their events, outbox and audit rows
//      (bench/concerns-data.ts), vacuum analyze;
//   2. baseline: single-row autocommit INSERTs into a table like `concerns` (same columns,
//      constraints and indexes) through the same driver (pg Pool) with as many concurrent
//      connections as the app's pool (10), before and after the submissions;
//   3. submissions: the real app (node server/src/main.ts in its own process, workers
//      running) driven over HTTP by 50 concurrent clients in a closed loop: a warm-up, then
//      BENCH_SECONDS measured; a mix of anonymous and phone-verified citizens through the
//      JSON API (with an Idempotency-Key) and the no-JS H5 form, through studio and member
//      codes. Phone-verified ones use one-time codes requested beforehand through
//      POST /api/public/sms-codes and read from the SMS file transport (DATA_DIR/sms.log);
//   4. reads: a busy member's inbox (pages, buckets, counts) and a city's staff list;
//   5. the public studio page: the HTML and everything it references, gzip sizes.
//
// Each citizen comes from an address of their own (X-Forwarded-For, which the app trusts:
// it runs behind a reverse proxy), so the per-IP and per-phone limits stay the production
// ones and are exercised, not switched off, and no counter row becomes a hot spot.
//
// Environment: BENCH_CONCERNS (default 1000000), BENCH_SECONDS (45), BENCH_CLIENTS (50),
// BENCH_PG_URL (maintenance db, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_KEEP=1 keeps the database, BENCH_CPU_PROF=1 writes a CPU profile of the server to
// bench/out/prof/.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openPostgres } from '../server/src/db/postgres.ts';
import { createDatabase, dropDatabase, prepare } from './concerns-data.ts';
import type { Prepared } from './concerns-data.ts';
import { closedLoop, sequentialGets } from './concerns-http.ts';
import type { Job, LoadResult } from './concerns-http.ts';
import { login, request, round, startServer, stopServer } from './http.ts';
import type { Server } from './http.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'bench', 'out');
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const nConcerns = Number(process.env.BENCH_CONCERNS ?? 1_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 45);
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const warmupSeconds = Math.min(10, Math.max(3, Math.round(seconds / 5)));
const baselineSeconds = Math.max(5, Math.round(seconds / 3));
const appPoolSize = 10; // server/src/db/postgres.ts: openPostgres(url, max = 10)
const readWarmup = 30;
const readMeasured = 300;
const targets = { ratio: 0.35, submitP99Ms: 150, inboxP95Ms: 30, studioPageJsCssGzKiB: 150 };

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const loadavg = () => os.loadavg().map((x) => round(x, 2));

// ---------------------------------------------------------------------------------------------
// Baseline: the driver's raw single-row INSERT rate on this machine, now.

async function insertBaseline(databaseUrl: string, secs: number) {
  const db = await openPostgres(databaseUrl, appPoolSize);
  const [studio] = await db.query<{ id: string; committee_id: string }>(
    'select id, committee_id from studios limit 1',
  );
  await db.exec('drop table if exists bench_raw; create table bench_raw (like concerns including all)');
  const body = '小区门口的道路坑洼多年未修，雨天积水严重，老人孩子出行很不方便。'.repeat(3);
  let n = 0;
  const end = performance.now() + secs * 1000;
  const t0 = performance.now();
  const loop = async () => {
    while (performance.now() < end) {
      const now = new Date();
      await db.query(
        `insert into bench_raw (id, tracking_code, submit_key, committee_id, studio_id, person_id, category, body, place,
           status, consent, due_at, submitted_at, updated_at)
         values ($1, $2, $3, $4, $5, null, 'livelihood', $6, null, 'submitted', false, $7, $8, $8)`,
        [
          crypto.randomUUID(),
          randomBytes(5).toString('hex'),
          randomBytes(12).toString('hex'),
          studio!.committee_id,
          studio!.id,
          body,
          new Date(now.getTime() + 15 * 86400_000),
          now,
        ],
      );
      n++;
    }
  };
  try {
    await Promise.all(Array.from({ length: appPoolSize }, loop));
    const s = (performance.now() - t0) / 1000;
    return { connections: appPoolSize, seconds: round(s, 2), rows: n, perSec: round(n / s, 1) };
  } finally {
    await db.exec('drop table bench_raw');
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Submissions

/** Citizens' texts: the labelled corpus in bench/data/text (real-looking, 32 topics a file). */
type Sample = { text: string; place?: string; category: string };
async function corpus(): Promise<Sample[]> {
  const dir = path.join(root, 'bench', 'data', 'text');
  const files = (await readdir(dir)).filter((f) => /^concerns-.*\.jsonl$/.test(f)).sort();
  const out: Sample[] = [];
  for (const f of files)
    for (const line of (await readFile(path.join(dir, f), 'utf8')).split('\n'))
      if (line.trim()) out.push(JSON.parse(line) as Sample);
  if (!out.length) throw new Error(`no concerns-*.jsonl in ${dir}`);
  return out;
}

type Code = { phone: string; code: string };
let serial = 0; // one address, phone, key per citizen, across the whole run
const ipOf = (i: number) => `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
const phoneOf = (i: number) => `19${String(i).padStart(9, '0')}`;

/** Requests one-time codes for `count` new phones and reads them back from the SMS file. */
async function issueCodes(server: Server, dataDir: string, count: number): Promise<Code[]> {
  const phones = Array.from({ length: count }, () => phoneOf(++serial));
  let i = 0;
  const worker = async () => {
    while (i < phones.length) {
      const phone = phones[i++]!;
      const r = await request(server.port, false, {
        method: 'POST',
        path: '/api/public/sms-codes',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ipOf(++serial) },
        body: JSON.stringify({ phone }),
      });
      if (r.status !== 200) throw new Error(`sms code: ${r.status} ${r.body.toString().slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  const sent = new Map<string, string>();
  for (const line of (await readFile(path.join(dataDir, 'sms.log'), 'utf8')).split('\n')) {
    if (!line) continue;
    const m = JSON.parse(line) as { to: string; text: string };
    const code = /(\d{6})/.exec(m.text)?.[1];
    if (code) sent.set(m.to, code);
  }
  return phones.map((phone) => {
    const code = sent.get(phone);
    if (!code) throw new Error(`no SMS code found for ${phone}`);
    return { phone, code };
  });
}

/** The citizens' mix: who submits how, in what proportion. */
const mix = [
  { kind: 'api_studio_anon', weight: 30, phone: false },
  { kind: 'api_member_phone', weight: 20, phone: true },
  { kind: 'api_member_anon', weight: 10, phone: false },
  { kind: 'h5_studio_anon', weight: 25, phone: false },
  { kind: 'h5_member_phone', weight: 15, phone: true },
] as const;
const phoneShare = mix.filter((m) => m.phone).reduce((a, m) => a + m.weight, 0) / 100;

function submissions(p: Prepared, texts: Sample[], codes: Code[]) {
  let k = 0;
  let exhausted = 0;
  const total = mix.reduce((a, m) => a + m.weight, 0);
  const next = (): Job => {
    const i = ++serial;
    let x = (i * 7919) % total;
    let m: (typeof mix)[number] = mix[0];
    for (const c of mix)
      if ((x -= c.weight) < 0) {
        m = c;
        break;
      }
    const code = m.phone ? codes[k++] : undefined;
    if (m.phone && !code) {
      exhausted++;
      m = mix[0];
    }
    const { text, place, category } = texts[(i * 7) % texts.length]!;
    const studioCode = p.studioCodes[(i * 31) % p.studioCodes.length]!;
    const [memberCode, memberStudio] = p.memberCodes[(i * 17) % p.memberCodes.length]!;
    const ip = ipOf(i);
    if (m.kind.startsWith('api')) {
      const body = {
        ...(m.kind === 'api_studio_anon' ? { studioCode } : {}),
        ...(m.kind === 'api_member_phone' ? { studioCode: memberStudio, memberCode } : {}),
        ...(m.kind === 'api_member_anon' ? { memberCode } : {}),
        category,
        text,
        ...(place ? { place } : {}),
        ...(code ? { phone: code.phone, smsCode: code.code, consent: true } : {}),
      };
      return {
        kind: m.kind,
        method: 'POST',
        path: '/api/public/concerns',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': ip,
          'idempotency-key': randomBytes(12).toString('hex'),
        },
        body: JSON.stringify(body),
        expect: 200,
      };
    }
    const form = new URLSearchParams({
      k: randomBytes(12).toString('hex'),
      category,
      text,
      place: place ?? '',
      ...(code ? { phone: code.phone, smsCode: code.code, consent: '1' } : { phone: '', smsCode: '' }),
    });
    return {
      kind: m.kind,
      method: 'POST',
      path: m.kind === 'h5_studio_anon' ? `/s/${studioCode}/concern` : `/m/${memberCode}/concern`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      body: form.toString(),
      expect: 303,
    };
  };
  return { next, exhausted: () => exhausted, used: () => k };
}

async function submissionRun(
  server: Server,
  p: Prepared,
  texts: Sample[],
  dataDir: string,
  estimate: number,
  secs: number,
) {
  const want = Math.ceil(estimate * secs * phoneShare * 2.5) + 100; // the warm-up underestimates
  log(`issuing ${want} SMS codes…`);
  const t0 = performance.now();
  const codes = await issueCodes(server, dataDir, want);
  log(`  ${codes.length} codes in ${round((performance.now() - t0) / 1000)} s`);
  const s = submissions(p, texts, codes);
  const out = await closedLoop(server.port, clients, secs, s.next);
  return { ...out, codesIssued: codes.length, codesUsed: s.used(), phoneFallbacks: s.exhausted() };
}

/**
 * New concerns are indexed for search by the server's background loop (search_queue): how
 * many still wait when the load stops, and how long until the queue is empty.
 */
async function searchQueueLag(databaseUrl: string) {
  const db = await openPostgres(databaseUrl, 1);
  try {
    const waitingNow = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from search_queue'))[0]!.n;
    const waiting = await waitingNow();
    const t0 = performance.now();
    while ((await waitingNow()) > 0 && performance.now() - t0 < 120_000)
      await new Promise((r) => setTimeout(r, 250));
    return {
      waiting,
      emptyAfterSeconds: round((performance.now() - t0) / 1000, 1),
      left: await waitingNow(),
    };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Reads

async function inboxRun(server: Server, username: string, password: string) {
  const session = await login(server.port, username, password);
  const kinds = [
    { kind: 'all_p1', w: 35, path: () => '/api/concerns/inbox?bucket=all&page=1&pageSize=20' },
    { kind: 'new', w: 20, path: () => '/api/concerns/inbox?bucket=new&page=1&pageSize=20' },
    { kind: 'in_progress', w: 20, path: () => '/api/concerns/inbox?bucket=in_progress&page=1&pageSize=20' },
    { kind: 'overdue', w: 10, path: () => '/api/concerns/inbox?bucket=overdue&page=1&pageSize=20' },
    {
      kind: 'all_p2_10',
      w: 15,
      path: (i: number) => `/api/concerns/inbox?bucket=all&page=${2 + (i % 9)}&pageSize=20`,
    },
  ];
  return sequentialGets(server.port, session, readWarmup, readMeasured, weighted(kinds));
}

async function staffRun(server: Server, username: string, password: string) {
  const session = await login(server.port, username, password);
  // Tracking codes of the city's concerns, typed as a citizen reads them out (lower case, a
  // space): the keyword box's commonest use (issue 11).
  const first = await request(server.port, false, {
    method: 'GET',
    path: '/api/concerns?pageSize=100&page=7',
    headers: { cookie: session.cookie },
  });
  const codes = (JSON.parse(first.body.toString()) as { items: { trackingCode: string }[] }).items.map((k) =>
    `${k.trackingCode.slice(0, 5)} ${k.trackingCode.slice(5)}`.toLowerCase(),
  );
  const typed = (i: number) => encodeURIComponent(codes[i % Math.max(1, codes.length)] ?? 'x');
  const kinds = [
    { kind: 'all_p1_5', w: 30, path: (i: number) => `/api/concerns?page=${1 + (i % 5)}&pageSize=20` },
    { kind: 'submitted', w: 20, path: () => '/api/concerns?status=submitted&pageSize=20' },
    { kind: 'accepted', w: 10, path: () => '/api/concerns?status=accepted&pageSize=20' },
    { kind: 'overdue', w: 15, path: () => '/api/concerns?overdue=true&pageSize=20' },
    {
      kind: 'category_p1_3',
      w: 10,
      path: (i: number) => `/api/concerns?category=livelihood&page=${1 + (i % 3)}`,
    },
    { kind: 'tracking_code', w: 15, path: (i: number) => `/api/concerns?q=${typed(i)}&pageSize=20` },
  ];
  return sequentialGets(server.port, session, 5, readMeasured, weighted(kinds));
}

function weighted(kinds: { kind: string; w: number; path: (i: number) => string }[]) {
  const total = kinds.reduce((a, k) => a + k.w, 0);
  let i = 0;
  return () => {
    i++;
    let x = (i * 7919) % total;
    for (const k of kinds) if ((x -= k.w) < 0) return { kind: k.kind, path: k.path(i) };
    return { kind: kinds[0]!.kind, path: kinds[0]!.path(i) };
  };
}

// ---------------------------------------------------------------------------------------------
// Public pages: what a citizen's phone downloads.

async function pageWeight(server: Server, pagePath: string) {
  const r = await request(server.port, false, { method: 'GET', path: pagePath });
  if (r.status !== 200) throw new Error(`GET ${pagePath}: ${r.status}`);
  const html = r.body.toString();
  const refs = [
    ...html.matchAll(/<(?:script|img|link|source|iframe)\b[^>]*?\s(?:src|href)\s*=\s*["']([^"']+)["']/gi),
  ].map((m) => m[1]!);
  const inlineCss = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!).join('\n');
  const inlineJs = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => m[1]!)
    .join('\n');
  const styleAttrs = [...html.matchAll(/\sstyle\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!).join(';');
  let jsCssExternal = 0;
  let jsCssExternalGz = 0;
  let otherExternalGz = 0;
  const external: { url: string; type: string; bytes: number; gz: number }[] = [];
  for (const ref of refs) {
    if (/^(https?:)?\/\//.test(ref) && !ref.includes('127.0.0.1')) {
      external.push({ url: ref, type: 'off-site', bytes: NaN, gz: NaN });
      continue;
    }
    if (!ref.startsWith('/')) continue; // links to other pages are not downloads
    const x = await request(server.port, false, { method: 'GET', path: ref });
    const type = String(x.headers['content-type'] ?? '');
    const gz = gzipSync(x.body).length;
    external.push({ url: ref, type, bytes: x.body.length, gz });
    if (/javascript|css/.test(type)) {
      jsCssExternal += x.body.length;
      jsCssExternalGz += gz;
    } else otherExternalGz += gz;
  }
  const gz = (s: string) => (s ? gzipSync(Buffer.from(s)).length : 0);
  const kib = (n: number) => round(n / 1024, 2);
  return {
    path: pagePath.replace(/\/(s|m|t)\/[A-Za-z0-9]+/, '/$1/:code'),
    htmlBytes: r.body.length,
    htmlGz: gzipSync(r.body).length,
    scriptTags: (html.match(/<script\b/gi) ?? []).length,
    stylesheetLinks: (html.match(/<link\b[^>]*stylesheet/gi) ?? []).length,
    inlineCssBytes: Buffer.byteLength(inlineCss) + Buffer.byteLength(styleAttrs),
    inlineJsBytes: Buffer.byteLength(inlineJs),
    external,
    jsCssGzKiB: kib(gz(inlineCss + styleAttrs) + gz(inlineJs) + jsCssExternalGz),
    jsCssRawKiB: kib(Buffer.byteLength(inlineCss + styleAttrs + inlineJs) + jsCssExternal),
    wholePageGzKiB: kib(gzipSync(r.body).length + jsCssExternalGz + otherExternalGz),
    contentEncoding: String(r.headers['content-encoding'] ?? 'none'),
  };
}

// ---------------------------------------------------------------------------------------------
// Run

function table(rep: Report): string {
  const ok = (pass: boolean) => (pass ? '✓' : '✗');
  const s = rep.submissions;
  const rows: [string, string, string][] = [
    ['Concerns stored before the run', rep.data.concerns.toLocaleString('en'), '1,000,000'],
    ['  events / outbox / audit rows', `${rep.data.events} / ${rep.data.outbox} / ${rep.data.audit}`, ''],
    [
      'Baseline INSERTs/s (10 conns) before / after',
      `${rep.baseline.before.perSec} / ${rep.baseline.after.perSec}`,
      '',
    ],
    [
      `Submissions/s (${s.clients} clients, ${s.seconds} s)`,
      `${s.perSec} (${s.ok} ok, ${s.failed} failed)`,
      '',
    ],
    ['Ratio submissions / baseline', `${rep.ratio} ${ok(rep.ratio >= targets.ratio)}`, `≥ ${targets.ratio}`],
    [
      'Search queue when the load stopped: waiting / empty after',
      `${rep.searchLag.waiting} / ${rep.searchLag.emptyAfterSeconds} s${rep.searchLag.left ? ` (${rep.searchLag.left} left)` : ''}`,
      '',
    ],
    [
      'Submission latency p50 / p95 / p99 / max (ms)',
      `${s.all.p50} / ${s.all.p95} / ${s.all.p99} / ${s.all.max} ${ok(s.all.p99 < targets.submitP99Ms)}`,
      `p99 < ${targets.submitP99Ms}`,
    ],
    ...Object.entries(s.kinds).map(([k, x]): [string, string, string] => [
      `  ${k} (n, p50 / p95 / p99)`,
      `${x.n}: ${x.p50} / ${x.p95} / ${x.p99}`,
      '',
    ]),
    [
      `Member inbox, busy (${rep.data.busy.visible} concerns) p50 / p95 / p99`,
      `${rep.inbox.busy.all.p50} / ${rep.inbox.busy.all.p95} / ${rep.inbox.busy.all.p99} ${ok(rep.inbox.busy.all.p95 < targets.inboxP95Ms)}`,
      `p95 < ${targets.inboxP95Ms}`,
    ],
    ...Object.entries(rep.inbox.busy.kinds).map(([k, x]): [string, string, string] => [
      `  ${k} (n, p50 / p95 / p99)`,
      `${x.n}: ${x.p50} / ${x.p95} / ${x.p99}`,
      '',
    ]),
    [
      `Member inbox, busiest (${rep.data.busiest.visible}) p50 / p95 / p99`,
      `${rep.inbox.busiest.all.p50} / ${rep.inbox.busiest.all.p95} / ${rep.inbox.busiest.all.p99}`,
      '',
    ],
    [
      `Staff list, ${rep.data.staff.city} (${rep.data.staff.visible}) p50 / p95 / p99`,
      `${rep.staffList.all.p50} / ${rep.staffList.all.p95} / ${rep.staffList.all.p99}${rep.staffList.stoppedEarly ? ` (n = ${rep.staffList.all.n}: 60 s budget)` : ''}`,
      '',
    ],
    ...Object.entries(rep.staffList.kinds).map(([k, x]): [string, string, string] => [
      `  ${k} (n, p50 / p95 / p99)`,
      `${x.n}: ${x.p50} / ${x.p95} / ${x.p99}`,
      '',
    ]),
    ...rep.pages.map((pg): [string, string, string] => [
      `Page ${pg.path}: JS+CSS gz / whole page gz (KiB)`,
      `${pg.jsCssGzKiB} / ${pg.wholePageGzKiB} (${pg.scriptTags} script, ${pg.stylesheetLinks} css links)${pg.path === '/s/:code' ? ` ${ok(pg.jsCssGzKiB < targets.studioPageJsCssGzKiB)}` : ''}`,
      pg.path === '/s/:code' ? `< ${targets.studioPageJsCssGzKiB}` : '',
    ]),
  ];
  const header: [string, string, string] = ['', 'PostgreSQL 15', 'target'];
  const all = [header, ...rows];
  const w = [0, 1, 2].map((i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(w[i]! - width(c))).join('  ');
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
const width = (s: string) => [...s].reduce((a, c) => a + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

type Report = {
  data: Prepared;
  baseline: {
    before: Awaited<ReturnType<typeof insertBaseline>>;
    after: Awaited<ReturnType<typeof insertBaseline>>;
  };
  submissions: LoadResult & { codesIssued: number; codesUsed: number; phoneFallbacks: number };
  searchLag: Awaited<ReturnType<typeof searchQueueLag>>;
  warmup: LoadResult;
  ratio: number;
  inbox: { busy: Awaited<ReturnType<typeof inboxRun>>; busiest: Awaited<ReturnType<typeof inboxRun>> };
  staffList: Awaited<ReturnType<typeof staffRun>>;
  pages: Awaited<ReturnType<typeof pageWeight>>[];
};

const started = performance.now();
const loadBefore = loadavg();
await mkdir(outDir, { recursive: true });
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lx-bench-concerns-'));
const texts = await corpus();
const { dbName, databaseUrl } = await createDatabase(adminUrl);
log(`database ${dbName}; loading ${nConcerns} concerns…`);
let report: Report | undefined;
let server: Server | undefined;
const during: number[][] = [];
try {
  const data = await prepare(databaseUrl, dbName, dataDir, nConcerns, texts, log);
  const nodeArgs =
    process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', '--cpu-prof-dir', path.join(outDir, 'prof')] : [];
  server = await startServer(
    root,
    {
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'false',
      SMS_TRANSPORT: 'file',
    },
    { nodeArgs },
  );
  log(`server on :${server.port}; baseline INSERTs for ${baselineSeconds} s…`);
  const before = await insertBaseline(databaseUrl, baselineSeconds);
  log(`  ${before.perSec} rows/s`);
  during.push(loadavg());
  log(`submissions: warm-up ${warmupSeconds} s at ${clients} clients…`);
  const warmup = await submissionRun(server, data, texts, dataDir, 50, warmupSeconds);
  log(
    `  ${warmup.perSec}/s, p99 ${warmup.all.p99} ms, failed ${warmup.failed} ${warmup.firstFailures.join(' | ')}`,
  );
  log(`submissions: ${seconds} s at ${clients} clients…`);
  const subs = await submissionRun(server, data, texts, dataDir, Math.max(warmup.perSec, 20), seconds);
  log(
    `  ${subs.perSec}/s, p50 ${subs.all.p50} / p99 ${subs.all.p99} ms, failed ${subs.failed} ${subs.firstFailures.join(' | ')}`,
  );
  const slowest = [...subs.timeline].sort((a, b) => b.max - a.max).slice(0, 5);
  log(
    `  slowest seconds (second: n, p50, max ms): ${slowest.map((x) => `${x.second}: ${x.n}, ${x.p50}, ${x.max}`).join(' | ')}`,
  );
  const searchLag = await searchQueueLag(databaseUrl);
  log(
    `  search queue at the end: ${searchLag.waiting} waiting, empty ${searchLag.emptyAfterSeconds} s later`,
  );
  during.push(loadavg());
  const after = await insertBaseline(databaseUrl, baselineSeconds);
  log(`baseline after: ${after.perSec} rows/s`);
  log('inbox and staff list…');
  const busy = await inboxRun(server, data.busy.username, data.password);
  const busiest = await inboxRun(server, data.busiest.username, data.password);
  const staffList = await staffRun(server, data.staff.username, data.password);
  log(`  inbox p95 ${busy.all.p95} ms (busiest ${busiest.all.p95}), staff list p95 ${staffList.all.p95} ms`);
  const studio = data.studioCodes[0]!;
  const [memberCode] = data.memberCodes[0]!;
  const pages = [
    await pageWeight(server, `/s/${studio}`),
    await pageWeight(server, `/s/${studio}/concern`),
    await pageWeight(server, `/m/${memberCode}`),
  ];
  const ratio = round(subs.perSec / ((before.perSec + after.perSec) / 2), 3);
  report = {
    data,
    baseline: { before, after },
    submissions: subs,
    searchLag,
    warmup,
    ratio,
    inbox: { busy, busiest },
    staffList,
    pages,
  };
} catch (err) {
  if (server) console.error(server.output());
  throw err;
} finally {
  if (server) await stopServer(server);
  if (process.env.BENCH_KEEP === '1') log(`kept DATABASE_URL=${databaseUrl} DATA_DIR=${dataDir}`);
  else {
    await dropDatabase(adminUrl, dbName);
    await rm(dataDir, { recursive: true, force: true });
  }
}
const out = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAvgBefore: loadBefore,
    loadAvgDuring: during,
    loadAvgAfter: loadavg(),
  },
  settings: { concerns: nConcerns, seconds, clients, warmupSeconds, baselineSeconds, mix, appPoolSize },
  targets,
  ...report!,
  totalSeconds: round((performance.now() - started) / 1000),
};
await writeFile(path.join(outDir, 'concerns.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `\nConcerns benchmark (issue 3) — ${out.date.slice(0, 10)}, node ${process.version}, ${out.machine.cpus} cores`,
);
console.log(table(report!));
console.log(
  `\nTotal ${out.totalSeconds} s; load average (1/5/15 min) before ${loadBefore.join(' ')}, during ${during.map((l) => l.join(' ')).join(' → ')}, after ${out.machine.loadAvgAfter.join(' ')}; figures in bench/out/concerns.json`,
);
