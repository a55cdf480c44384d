// Roster import of a 50,000-row .xlsx (rosterLimits.rows), through the HTTP layer (inject),
// on each backend: the whole run from upload to the background run's end (rows/s), the
// process's peak RSS over it, and the slowest GET /api/health answered meanwhile.
//
//   node bench/roster-import.ts                   PGlite (in memory)
//   BENCH_DATABASE_URL=postgres://… node bench/roster-import.ts   also PostgreSQL
//
// One run per backend per process (peak RSS is the process's high-water mark), so run it once
// per backend: BENCH_BACKEND=pglite|postgres.
import os from 'node:os';
import { rosterLimits } from '../contracts/members.ts';
import type { ImportStatus } from '../contracts/members.ts';
import { makeTestApp } from '../server/src/test-support/app.ts';
import { testBackends } from '../server/src/test-support/test-db.ts';
import { bigRosterXlsx, rosterRow, xlsxType } from '../server/src/test-support/xlsx.ts';

const n = rosterLimits.rows;
const which = process.env.BENCH_BACKEND ?? 'pglite';
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const backend = testBackends().find((b) => b.name === which);
if (!backend) throw new Error(`no backend ${which} (set BENCH_DATABASE_URL for postgres)`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const t = await makeTestApp(await backend.open());
await t.account({ username: 'bench', role: 'staff', region: '131100' });
const s = await t.login('bench');
const county = (await t.committee('131121')).id;
const who = { name: '测速委员', phone: (i: number) => `188${String(i).padStart(8, '0')}` };
const file = await bigRosterXlsx(n, (i) => rosterRow(i, who));
global.gc?.();
const rssBefore = process.memoryUsage().rss;
const load = os.loadavg()[0]!;
let probing = true;
let worstHealth = 0;
const probes = (async () => {
  while (probing) {
    const t0 = performance.now();
    await t.app.inject({ method: 'GET', url: '/api/health' });
    worstHealth = Math.max(worstHealth, performance.now() - t0);
    await sleep(50);
  }
})();
const started = performance.now();
const res = await t.app.inject({
  method: 'POST',
  url: `/api/members/import?committeeId=${county}&dryRun=false`,
  headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': xlsxType },
  payload: file,
});
if (res.statusCode !== 202) throw new Error(`${res.statusCode} ${res.body.slice(0, 300)}`);
const answeredMs = performance.now() - started;
let st: ImportStatus;
for (;;) {
  st = (await s.get(`/api/members/imports/${res.json().importId}`)).json() as ImportStatus;
  if (st.status !== 'running') break;
  await sleep(200);
}
const ms = performance.now() - started;
probing = false;
await probes;
if (st.status !== 'done') throw new Error(JSON.stringify(st.error ?? st.problems.slice(0, 3)));
const out = {
  backend: which,
  rows: n,
  fileMB: Math.round(file.length / 1e5) / 10,
  upload202Ms: Math.round(answeredMs),
  seconds: Math.round(ms / 100) / 10,
  rowsPerSec: Math.round(n / (ms / 1000)),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  rssBeforeMB: Math.round(rssBefore / 1e6),
  worstHealthMs: Math.round(worstHealth),
  loadAverage: [Math.round(load * 10) / 10, Math.round(os.loadavg()[0]! * 10) / 10],
};
console.log(JSON.stringify(out));
await t.close();
