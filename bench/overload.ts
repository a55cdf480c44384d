// npm run bench:overload — overload sheds cheaply (issue 12), on PostgreSQL.
//
//   1. data: a fresh database with the demo province, approved studios with members and
//      BENCH_CONCERNS (default 20,000) concerns (bench/concerns-data.ts), vacuum analyze;
//   2. the real app (node server/src/main.ts, its own process, job thread running, the
//      admission settings of config.ts unless WRITES_* are set in the environment);
//   3. three phases of anonymous citizens' submissions (POST /api/public/concerns, each from
//      an address of its own, as behind the reverse proxy):
//        steady  — 20 clients in a closed loop (BENCH_STEADY_SECONDS, 20 s);
//        flood   — 400 clients that send again the moment they are refused (30 s);
//        polite  — 400 clients that wait the Retry-After they were given (30 s);
//      meanwhile GET /api/health every 250 ms on a connection of its own.
//   Printed per phase: accepted/s and its ratio to the steady rate, p50/p99 of the accepted
//   answers, the refusals by status, 500s (and socket errors), and the slowest health answer.
//   Targets (issue 12): accepted/s in the 400-client phases ≥ 80 % of steady, their p99 < 1 s,
//   zero 500, health within 1 s throughout.
//
// Environment: BENCH_CONCERNS (20000), BENCH_STEADY_SECONDS (20), BENCH_FLOOD_SECONDS (30),
// BENCH_FLOOD_CLIENTS (400), BENCH_PG_URL (maintenance db, default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_KEEP=1 keeps the database.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, dropDatabase, prepare } from './concerns-data.ts';
import type { Prepared } from './concerns-data.ts';
import { pct, request, round, sleep, startServer, stopServer } from './http.ts';
import type { Server } from './http.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'bench', 'out');
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const nConcerns = Number(process.env.BENCH_CONCERNS ?? 20_000);
const steadySeconds = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
const floodSeconds = Number(process.env.BENCH_FLOOD_SECONDS ?? 30);
const floodClients = Number(process.env.BENCH_FLOOD_CLIENTS ?? 400);
const steadyClients = 20;
const targets = { ratio: 0.8, p99Ms: 1000, fiveHundreds: 0, healthMaxMs: 1000 };

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const loadavg = () => os.loadavg().map((x) => round(x, 2));

const texts = [
  { text: '小区门口的道路坑洼多年未修，雨天积水严重，老人孩子出行很不方便。', category: 'transport' },
  { text: '村里的自来水最近经常停水，希望有关部门排查管网，给个准确的恢复时间。', category: 'livelihood' },
  { text: '学校门口早晚接送时段车辆乱停，孩子过马路很危险，建议增设护学岗。', category: 'education' },
  { text: '社区卫生服务站周末没有医生值班，老人看病要跑很远，希望调整排班。', category: 'health' },
  { text: '河道边有人倾倒建筑垃圾，气味很大，影响周边居民生活。', category: 'environment' },
];

let serial = 0;
const ipOf = (i: number) => `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;

type Phase = {
  name: string;
  clients: number;
  seconds: number;
  accepted: number;
  perSec: number;
  ratio?: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
  fiveHundreds: number;
  errors: number;
  healthMaxMs: number;
  healthFailures: number;
  healthReasons?: string[];
};

/** One anonymous submission, through a studio's or a member's code, from an address of its own. */
function nextBody(p: Prepared) {
  const i = ++serial;
  const { text, category } = texts[i % texts.length]!;
  const body =
    i % 2 === 0
      ? { studioCode: p.studioCodes[(i * 31) % p.studioCodes.length]!, category, text }
      : { memberCode: p.memberCodes[(i * 17) % p.memberCodes.length]![0], category, text };
  return {
    method: 'POST',
    path: '/api/public/concerns',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': ipOf(i),
      'idempotency-key': randomBytes(12).toString('hex'),
    },
    body: JSON.stringify(body),
  };
}

/** GET /api/health every 250 ms until stopped; the slowest answer and the non-200s. */
function healthPoller(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let max = 0;
  let failures = 0;
  const reasons = new Set<string>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const r = await request(port, agent, { method: 'GET', path: '/api/health' });
        if (r.status !== 200) {
          failures++;
          reasons.add(r.body.toString().slice(0, 200));
        }
      } catch {
        failures++;
      }
      max = Math.max(max, performance.now() - t0);
      await sleep(250);
    }
  })();
  return {
    /** The slowest answer since the last call, and the failures; starts a new window. */
    take() {
      const out = { max: round(max), failures, reasons: [...reasons] };
      max = 0;
      failures = 0;
      reasons.clear();
      return out;
    },
    async stop() {
      running = false;
      await loop;
      agent.destroy();
    },
  };
}

async function phase(
  server: Server,
  p: Prepared,
  name: string,
  clients: number,
  seconds: number,
  mode: 'closed' | 'flood' | 'polite',
): Promise<Omit<Phase, 'healthMaxMs' | 'healthFailures'>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      let res;
      try {
        res = await request(server.port, agent, nextBody(p));
      } catch {
        errors++;
        await sleep(50);
        continue;
      }
      if (performance.now() > end) break;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 200) lat.push(res.ms);
      else if (mode === 'polite' && (res.status === 503 || res.status === 429)) {
        const wait = Number(res.headers['retry-after'] ?? 1);
        await sleep(Math.min(60, Number.isFinite(wait) ? wait : 1) * 1000);
      }
      // 'flood' and 'closed' send the next one at once.
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  const fiveHundreds = Object.entries(statuses)
    .filter(([s]) => Number(s) >= 500 && s !== '503')
    .reduce((n, [, c]) => n + c, 0);
  return {
    name,
    clients,
    seconds,
    accepted: lat.length,
    perSec: round(lat.length / seconds, 1),
    p50: round(pct(lat, 50)),
    p99: round(pct(lat, 99)),
    max: round(lat.length ? Math.max(...lat) : NaN),
    statuses,
    fiveHundreds,
    errors,
  };
}

const started = performance.now();
await mkdir(outDir, { recursive: true });
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lx-bench-overload-'));
const { dbName, databaseUrl } = await createDatabase(adminUrl);
log(`database ${dbName}; loading ${nConcerns} concerns…`);
let server: Server | undefined;
try {
  const data = await prepare(databaseUrl, dbName, dataDir, nConcerns, texts, log);
  server = await startServer(root, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DEMO_SEED: 'false',
    SMS_TRANSPORT: 'file',
  });
  log(`server on :${server.port}; warm-up 5 s at ${steadyClients} clients…`);
  await phase(server, data, 'warm-up', steadyClients, 5, 'closed');
  const health = healthPoller(server.port);
  const phases: Phase[] = [];
  const loads: number[][] = [loadavg()];
  for (const [name, clients, seconds, mode] of [
    ['steady', steadyClients, steadySeconds, 'closed'],
    ['flood (retry at once)', floodClients, floodSeconds, 'flood'],
    ['polite (Retry-After)', floodClients, floodSeconds, 'polite'],
  ] as const) {
    log(`${name}: ${clients} clients for ${seconds} s…`);
    health.take();
    const r = await phase(server, data, name, clients, seconds, mode);
    const h = health.take();
    const steady = phases[0]?.perSec;
    const out: Phase = {
      ...r,
      ...(steady ? { ratio: round(r.perSec / steady, 2) } : {}),
      healthMaxMs: h.max,
      healthFailures: h.failures,
      ...(h.reasons.length ? { healthReasons: h.reasons } : {}),
    };
    phases.push(out);
    loads.push(loadavg());
    log(
      `  ${out.perSec}/s accepted${out.ratio !== undefined ? ` (${Math.round(out.ratio * 100)} % of steady)` : ''}, p50 ${out.p50} / p99 ${out.p99} ms, statuses ${JSON.stringify(out.statuses)}, 500s ${out.fiveHundreds}, socket errors ${out.errors}, health max ${out.healthMaxMs} ms (${out.healthFailures} not 200${out.healthReasons ? `: ${out.healthReasons.join(' | ')}` : ''})`,
    );
    // Let the line drain between phases, so each starts from an idle app.
    await sleep(3000);
  }
  await health.stop();
  const heavy = phases.slice(1);
  const verdict = {
    ratio: heavy.every((x) => (x.ratio ?? 0) >= targets.ratio),
    p99: heavy.every((x) => x.p99 < targets.p99Ms),
    fiveHundreds: phases.every((x) => x.fiveHundreds === 0),
    health: phases.every((x) => x.healthMaxMs < targets.healthMaxMs && x.healthFailures === 0),
  };
  const report = {
    at: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memGiB: round(os.totalmem() / 2 ** 30, 1),
    },
    node: process.version,
    concerns: data.concerns,
    loadavg: loads,
    targets,
    verdict,
    phases,
    seconds: round((performance.now() - started) / 1000),
  };
  await writeFile(path.join(outDir, 'overload.json'), JSON.stringify(report, null, 2));
  const rows: [string, (x: Phase) => string][] = [
    ['clients', (x) => String(x.clients)],
    ['accepted/s', (x) => String(x.perSec)],
    ['vs steady', (x) => (x.ratio === undefined ? '—' : `${Math.round(x.ratio * 100)} %`)],
    ['accepted p50 / p99 (ms)', (x) => `${x.p50} / ${x.p99}`],
    ['refused 503 / 429', (x) => `${x.statuses['503'] ?? 0} / ${x.statuses['429'] ?? 0}`],
    ['500s / socket errors', (x) => `${x.fiveHundreds} / ${x.errors}`],
    ['health max (ms)', (x) => String(x.healthMaxMs)],
  ];
  const md = [
    `| | ${phases.map((x) => x.name).join(' | ')} |`,
    `|---|${phases.map(() => '---').join('|')}|`,
    ...rows.map(([label, f]) => `| ${label} | ${phases.map(f).join(' | ')} |`),
  ].join('\n');
  console.log(md);
  console.log(`\nverdict: ${JSON.stringify(verdict)}; load average ${JSON.stringify(loads)}`);
} finally {
  if (server) await stopServer(server);
  if (process.env.BENCH_KEEP !== '1') await dropDatabase(adminUrl, dbName);
  await rm(dataDir, { recursive: true, force: true });
}
