import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The server's rooms and which way their imports may point (docs/architecture.md):
// - infrastructure (db/, lib/, http/, jobs/, config.ts, deps.ts, deps-from-config.ts) knows
//   no module: modules are built on it, never the other way round. http/ has no exception:
//   module routes are registered by the composition roots (app.ts, background.ts), not by
//   http/, so a route never drags a module into the layer below.
// - modules may use each other, but never in a circle: a cycle means neither can be
//   understood, tested or moved without the other.
// Tests are left out: a test may build its state through any module (notify's mail test
// submits a concern), which says nothing about what the code depends on.

/** Cycles known and not yet broken, each the module folders on it (sorted). Shrink only. */
const knownCycles: { modules: string[]; why: string }[] = [
  {
    modules: ['concerns', 'routing'],
    why:
      "concerns' intake and reception ask routing for a suggestion (suggestFor); routing's staff " +
      "decision (routeConcern) is a concern transition through concerns' change() and reads " +
      "concerns' queries. Breaking it means choosing one direction, not moving files.",
  },
];

const lowerDirs = ['db/', 'lib/', 'http/', 'jobs/'];
const lowerFiles = ['config.ts', 'deps.ts', 'deps-from-config.ts'];

/** Each source file (relative to server/src, '/'-separated) with the server/src files it imports. */
type Tree = Map<string, string[]>;

const src = path.dirname(fileURLToPath(import.meta.url));
const isTest = (f: string) => f.endsWith('.test.ts');

function importsOf(file: string, text: string): string[] {
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)))
    .filter((f) => !f.startsWith('../'));
}

function readTree(): Tree {
  const tree: Tree = new Map();
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(src, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.ts') && !isTest(rel))
        tree.set(rel, importsOf(rel, readFileSync(path.join(src, rel), 'utf8')));
    }
  };
  walk('');
  return tree;
}

/**
 * The node a file belongs to: its module folder, except that a read a module publishes for
 * another (`for-<caller>.ts`, docs/architecture.md) is a node of its own. Such a file holds
 * the owner's SQL for the caller and imports little, so a caller depending on it depends on
 * that read, not on the owner's rules; what the file itself imports still counts.
 */
const moduleOf = (f: string) => {
  if (!f.startsWith('modules/')) return undefined;
  const [, module, file] = f.split('/');
  return /^for-[a-z-]+\.ts$/.test(file ?? '') ? `${module}/${file}` : module;
};

/** Every import of a module by infrastructure, as "file imports target". */
function layerBreaches(tree: Tree): string[] {
  const lower = (f: string) => lowerFiles.includes(f) || lowerDirs.some((d) => f.startsWith(d));
  return [...tree]
    .filter(([f]) => lower(f))
    .flatMap(([f, targets]) => targets.filter((t) => moduleOf(t)).map((t) => `${f} imports ${t}`));
}

/** Groups of module folders that import each other in a circle, each with the imports that close it. */
function moduleCycles(tree: Tree): { modules: string[]; imports: string[] }[] {
  const edges = new Map<string, Map<string, string>>(); // from -> to -> one "file imports target"
  for (const [f, targets] of tree) {
    const from = moduleOf(f);
    if (!from) continue;
    for (const t of targets) {
      const to = moduleOf(t);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${f} imports ${t}`);
    }
  }
  // Tarjan's strongly connected components: every group of two or more is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((modules) => ({
    modules,
    imports: modules.flatMap((a) =>
      modules.filter((b) => edges.get(a)?.has(b)).map((b) => edges.get(a)!.get(b)!),
    ),
  }));
}

const same = (a: string[], b: string[]) => a.join() === b.join();

test('infrastructure (db, lib, http, jobs, config, deps) imports no module', () => {
  assert.deepEqual(layerBreaches(readTree()), []);
});

test('no two modules import each other, directly or round a circle', () => {
  const cycles = moduleCycles(readTree());
  const unknown = cycles.filter((c) => !knownCycles.some((k) => same(k.modules, c.modules)));
  assert.deepEqual(unknown, [], 'a new cycle between module folders');
  const broken = knownCycles.filter((k) => !cycles.some((c) => same(k.modules, c.modules)));
  assert.deepEqual(broken, [], 'a known cycle is gone: remove it from knownCycles');
});

test('the checks catch what they look for', () => {
  // A planted breach and a planted three-module circle, on a made-up tree.
  const tree: Tree = new Map([
    ['lib/x.ts', ['modules/a/service.ts', 'lib/y.ts']],
    ['http/z.ts', ['db/db.ts']],
    ['modules/a/service.ts', ['modules/b/service.ts', 'http/z.ts']],
    ['modules/b/service.ts', ['modules/c/queries.ts']],
    ['modules/c/queries.ts', ['modules/a/types.ts']],
    ['modules/d/service.ts', ['modules/a/service.ts']],
  ]);
  assert.deepEqual(layerBreaches(tree), ['lib/x.ts imports modules/a/service.ts']);
  assert.deepEqual(
    moduleCycles(tree).map((c) => c.modules),
    [['a', 'b', 'c']],
  );
  assert.deepEqual(
    importsOf('modules/a/x.ts', "import type { T } from '../../deps.ts';\nimport {\n  y,\n} from './y.ts';"),
    ['deps.ts', 'modules/a/y.ts'],
  );
});
