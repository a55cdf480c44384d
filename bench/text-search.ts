// npm run bench:search — search latency (issue 4) over BENCH_SEARCH_CONCERNS (default
// 1,000,000) indexed concerns on PostgreSQL, through the app's own search service.
//
//   1. a fresh database (dropped at the end unless BENCH_KEEP=1), migrations, the demo
//      province's committee tree (河北: province → 11 cities → counties);
//   2. phrases: the clauses of the labelled citizen texts in bench/data/text/*.jsonl, each
//      segmented once in the app (jieba words, character bigrams, typo keys);
//   3. concerns: recombined in SQL from 3–4 phrases each (INSERT … SELECT over
//      generate_series, deterministic hashes), 85 % at counties, 12 % cities, 3 % province,
//      spread over two years; 20,000 member seats and 1,000 studios through the indexer;
//      indexes built after the load, then vacuum analyze;
//   4. queries: common words, rare words, 2–3 words, each scoped to a county, a city and the
//      province, by search() exactly as GET /api/search runs it (one client, in sequence);
//      also member pinyin initials and one-character typos, reported apart.
//
// Environment: DATABASE_URL (maintenance db, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SEARCH_CONCERNS, BENCH_SEARCH_QUERIES (per class and scope, default 40), BENCH_KEEP=1.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { migrate } from '../server/src/db/migrate.ts';
import { openPostgres } from '../server/src/db/postgres.ts';
import type { Db } from '../server/src/db/db.ts';
import type { Deps } from '../server/src/deps.ts';
import { randomIds, systemClock } from '../server/src/lib/clock.ts';
import { seedOrganisation } from '../server/src/modules/demo/seed.ts';
import { searchTokens } from '../server/src/modules/text/segment.ts';
import { loadSearchCorpus } from './text-search-data.ts';
import { queryMix, runQueries } from './text-search-queries.ts';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const n = Number(process.env.BENCH_SEARCH_CONCERNS ?? 1_000_000);
const perCell = Number(process.env.BENCH_SEARCH_QUERIES ?? 40);
const target = 80;
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const dbName = `lx_bench_search_${randomBytes(4).toString('hex')}`;
await admin((c) => c.query(`create database ${dbName}`));
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
let db: Db | undefined;
try {
  db = await openPostgres(url.toString(), 4);
  await migrate(db);
  const deps = { db, clock: systemClock, ids: randomIds } as unknown as Deps;
  await seedOrganisation(deps, '13');
  log(`database ${dbName}: committees of province 13`);
  const corpus = await loadSearchCorpus(db, url.toString(), n, log);
  const pool = queryMix(
    corpus.phrases.map((p) => searchTokens(p)),
    corpus.memberNames,
    perCell,
  );
  const { rows, slowest } = await runQueries(deps, pool, log);
  const out = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGb: Math.round(os.totalmem() / 2 ** 30),
    },
    postgres: (await db.query<{ v: string }>('select version() as v'))[0]!.v.split(' on ')[0],
    concerns: n,
    load: corpus.timings,
    sizes: corpus.sizes,
    results: rows,
    slowest,
  };
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/text-search.json', JSON.stringify(out, null, 2));
  console.log(
    `\nSearch benchmark (issue 4) — ${out.date.slice(0, 10)}, ${out.postgres}, ${out.machine.cpus} cores`,
  );
  console.log(
    `${n.toLocaleString('en')} concerns; load ${JSON.stringify(corpus.timings)}; ${JSON.stringify(corpus.sizes)}`,
  );
  console.log('| queries | scope | n | p50 ms | p95 ms | p99 ms | max ms |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(`| ${r.cls} | ${r.scope} | ${r.n} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} |`);
  const mix = rows.find((r) => r.cls === 'mix' && r.scope === 'all');
  console.log(
    `\nmix p95 ${mix?.p95} ms (target < ${target} ms): ${mix && mix.p95 < target ? 'met' : 'MISSED'}`,
  );
  if (slowest) console.log(`slowest: ${slowest.q} (${slowest.scope}) ${slowest.ms} ms\n${slowest.plan}`);
} finally {
  await db?.close();
  if (process.env.BENCH_KEEP === '1') log(`kept ${url.toString()}`);
  else await admin((c) => c.query(`drop database if exists ${dbName} with (force)`));
}
