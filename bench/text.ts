// npm run bench:text — Chinese text intelligence (issue 4), in-process, no database.
//   1. grouping quality: rebuild over the labelled set (each file alone and both together),
//      pairwise and B-cubed precision/recall/F1 against the topics; also arrivals placed one by
//      one into an index rebuilt from the other half (what the server does between rebuilds);
//   2. routing: naive Bayes trained on every other concern of each topic, top-1/top-3 sector
//      accuracy on the rest;
//   3. throughput: placements per second on one core with BENCH_TEXT_N (default 1,000,000)
//      synthetic concerns indexed, and heap held by the index per 100,000 concerns.
// Writes bench/out/text.json and bench/out/text.md (the section for docs/benchmarks.md).
// Run with --expose-gc (the npm script does) so memory is measured after collection.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateGrouping, loadLabelled, splitHalves } from '../server/src/modules/text/evaluation.ts';
import type { Labelled } from '../server/src/modules/text/evaluation.ts';
import { createGroupIndex } from '../server/src/modules/text/grouping.ts';
import { bcubedScores, pairwiseScores } from '../server/src/modules/text/metrics.ts';
import type { Scores } from '../server/src/modules/text/metrics.ts';
import { rebuild } from '../server/src/modules/text/rebuild.ts';
import { createRoutingModel } from '../server/src/modules/text/routing-model.ts';
import { syntheticConcerns } from './text-corpus.ts';
import type { SyntheticConcern } from './text-corpus.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = path.join(root, 'bench', 'data', 'text');
const outDir = path.join(root, 'bench', 'out');
const total = Number(process.env.BENCH_TEXT_N ?? 1_000_000);
const measured = 5_000;
const gc = (globalThis as { gc?: () => void }).gc;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number) => x.toFixed(3);
const scoreCells = (s: Scores) => [f3(s.precision), f3(s.recall), f3(s.f1)];

const set = loadLabelled(dataDir);
const files = readdirSync(dataDir).filter((f) => /^concerns-.*\.jsonl$/.test(f));
const subsets: [string, Labelled[]][] = [
  ...files.map((f): [string, Labelled[]] => {
    const prefix = f.replace(/^concerns-|\.jsonl$/g, '');
    return [`set ${prefix}`, set.filter((c) => c.id.startsWith(`${prefix}-`))];
  }),
  ['both sets together', set],
];

console.log(`labelled: ${set.length} concerns, ${new Set(set.map((c) => c.topic)).size} topics\n`);
const grouping = subsets.map(([name, part]) => {
  const started = performance.now();
  const r = evaluateGrouping(part);
  const ms = performance.now() - started;
  return {
    name,
    texts: part.length,
    topics: r.topics,
    groups: r.groups,
    pairwise: r.pairwise,
    bcubed: r.bcubed,
    ms,
  };
});

// Arrivals one by one: half the set rebuilt, the other half placed incrementally.
const halves = splitHalves(set);
const warm = rebuild(halves.train);
for (const c of halves.test) warm.place(c);
const truth = new Map(set.map((c) => [c.id, c.topic]));
const warmPredicted = new Map(set.map((c) => [c.id, warm.concerns.get(c.id)?.group ?? c.id]));
const incremental = {
  pairwise: pairwiseScores(warmPredicted, truth),
  bcubed: bcubedScores(warmPredicted, truth),
};

const model = createRoutingModel();
for (const c of halves.train) model.learn(c);
let top1 = 0;
let top3 = 0;
for (const c of halves.test) {
  const p = model.predict(c, 3);
  if (p[0]?.sector === c.sector) top1++;
  if (p.some((s) => s.sector === c.sector)) top3++;
}
const routing = {
  train: halves.train.length,
  test: halves.test.length,
  top1: top1 / halves.test.length,
  top3: top3 / halves.test.length,
};

console.log('grouping (rebuild)            texts topics groups  pair P / R / F1         B³ P / R / F1');
for (const g of grouping) {
  console.log(
    `  ${g.name.padEnd(27)} ${String(g.texts).padStart(5)} ${String(g.topics).padStart(6)} ${String(g.groups).padStart(6)}  ${scoreCells(g.pairwise).join(' / ')}   ${scoreCells(g.bcubed).join(' / ')}`,
  );
}
console.log(
  `  incremental (½ rebuilt, ½ placed)             ${scoreCells(incremental.pairwise).join(' / ')}   ${scoreCells(incremental.bcubed).join(' / ')}`,
);
console.log(
  `routing: trained on ${routing.train}, tested on ${routing.test}: top-1 ${pct(routing.top1)}, top-3 ${pct(routing.top3)}\n`,
);

// Throughput and memory on the synthetic corpus. The index is filled the fast way, as a bulk
// load: each synthetic concern is vectorized (counted in the document frequencies) and added
// to the group its generator meant (its topic at its place's name, ~170,000 groups at 1M),
// without searching for a group — searching one by one took 5–10 minutes per 100,000 on the
// shared machine. Then `measured` new concerns are placed with the full search, and timed.
const stream = syntheticConcerns(set, 20250401);
gc?.();
const heap0 = process.memoryUsage().heapUsed;
const index = createGroupIndex();
let heapAt100k = 0;
const buildStarted = performance.now();
for (let n = 1; n <= total; n++) {
  const c = stream.next().value as SyntheticConcern;
  index.addTo(c.group, c, index.vectorOf(c, true));
  if (n === 100_000) {
    gc?.();
    heapAt100k = process.memoryUsage().heapUsed - heap0;
  }
  if (n % 100_000 === 0)
    console.log(
      `  indexed ${n.toLocaleString('en')} (${((performance.now() - buildStarted) / 1000).toFixed(0)} s)`,
    );
}
const buildSeconds = (performance.now() - buildStarted) / 1000;
gc?.();
const heapTotal = process.memoryUsage().heapUsed - heap0;
const placeStarted = performance.now();
const cpuStarted = process.cpuUsage();
for (let n = 0; n < measured; n++) index.place(stream.next().value as SyntheticConcern);
const placeSeconds = (performance.now() - placeStarted) / 1000;
// CPU time of this (single-threaded) process: the one-core figure even when a shared machine
// gives the process only part of a core; the wall-clock figure is kept beside it.
const cpu = process.cpuUsage(cpuStarted);
const placeCpuSeconds = (cpu.user + cpu.system) / 1e6;
const throughput = {
  indexed: total,
  groups: index.groups.size,
  buildPerSecond: total / buildSeconds,
  placedPerSecond: measured / placeSeconds,
  placedPerCpuSecond: measured / placeCpuSeconds,
  msPerPlacement: (1000 * placeSeconds) / measured,
  heapPer100kMB: (total >= 100_000 ? heapTotal / (total / 100_000) : heapAt100k) / 2 ** 20,
  heapFirst100kMB: heapAt100k / 2 ** 20,
  gc: Boolean(gc),
};
console.log(
  `throughput: ${throughput.placedPerCpuSecond.toFixed(0)} placements per CPU-second, ${throughput.placedPerSecond.toFixed(0)}/s wall clock (${throughput.msPerPlacement.toFixed(2)} ms each) with ${total.toLocaleString('en')} indexed in ${throughput.groups.toLocaleString('en')} groups; bulk load (vectorize + add to its generator's group) ran at ${throughput.buildPerSecond.toFixed(0)}/s`,
);
console.log(
  `memory: ${throughput.heapPer100kMB.toFixed(1)} MB heap per 100,000 concerns (first 100,000: ${throughput.heapFirst100kMB.toFixed(1)} MB)${gc ? '' : ' — run with --expose-gc for exact figures'}`,
);

const load = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const date = new Date().toISOString().slice(0, 10);
const md = [
  `## Text (issue 4)`,
  ``,
  `${date}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.version}, load average at the end ${load}. \`npm run bench:text\`; in-process, no database.`,
  ``,
  `Labelled set: ${set.length} concerns in ${new Set(set.map((c) => c.topic)).size} topics (\`bench/data/text\`).`,
  ``,
  `| grouping (rebuild) | texts | topics | groups | pairwise P / R / F1 | B-cubed P / R / F1 |`,
  `|---|---|---|---|---|---|`,
  ...grouping.map(
    (g) =>
      `| ${g.name} | ${g.texts} | ${g.topics} | ${g.groups} | ${scoreCells(g.pairwise).join(' / ')} | ${scoreCells(g.bcubed).join(' / ')} |`,
  ),
  `| incremental: half rebuilt, half placed one by one | ${set.length} | | ${warm.groups.size} | ${scoreCells(incremental.pairwise).join(' / ')} | ${scoreCells(incremental.bcubed).join(' / ')} |`,
  ``,
  `| measure | target | result |`,
  `|---|---|---|`,
  `| grouping B-cubed F1 (both sets together) | ≥ 0.85 | ${f3(grouping.at(-1)?.bcubed.f1 ?? 0)} |`,
  `| routing sector top-1 (trained on ${routing.train}, tested on ${routing.test}) | ≥ 75% | ${pct(routing.top1)} |`,
  `| routing sector top-3 | ≥ 92% | ${pct(routing.top3)} |`,
  `| placements per second, one core, ${total.toLocaleString('en')} indexed | ≥ 500/s | ${throughput.placedPerCpuSecond.toFixed(0)} per CPU-second, ${throughput.placedPerSecond.toFixed(0)}/s wall clock (${throughput.groups.toLocaleString('en')} groups) |`,
  `| heap held by the index per 100,000 concerns | — | ${throughput.heapPer100kMB.toFixed(1)} MB |`,
  ``,
].join('\n');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  path.join(outDir, 'text.json'),
  JSON.stringify({ date, grouping, incremental, routing, throughput }, null, 2),
);
writeFileSync(path.join(outDir, 'text.md'), md);
console.log(`\nwrote bench/out/text.json and bench/out/text.md`);
