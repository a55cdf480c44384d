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
//   understood, tested or moved without the other. A read an owner publishes for others
//   (for-*.ts, CONVENTIONS.md) is not a dependency on the owner's logic, only on what the
//   read itself reaches: members publishes for-auth.ts and still uses auth's policy.
// Tests are left out: a test may build its state through any module (notify's mail test
// submits a concern), which says nothing about what the code depends on.

/** Cycles known and not yet broken, each the module folders on it (sorted). Shrink only. */
const knownCycles: { modules: string[]; why: string }[] = [];

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

const moduleOf = (f: string) => (f.startsWith('modules/') ? f.split('/')[1] : undefined);

/** Every import of a module by infrastructure, as "file imports target". */
function layerBreaches(tree: Tree): string[] {
  const lower = (f: string) => lowerFiles.includes(f) || lowerDirs.some((d) => f.startsWith(d));
  return [...tree]
    .filter(([f]) => lower(f))
    .flatMap(([f, targets]) => targets.filter((t) => moduleOf(t)).map((t) => `${f} imports ${t}`));
}

const isPublished = (f: string) => /^modules\/[^/]+\/for-[^/]+\.ts$/.test(f);

/**
 * What each module depends on, as module -> module -> the imports that show it. Importing
 * another module's published read (for-*.ts) counts as depending on what that read reaches
 * (inside its module and beyond), not on the whole module: the owner publishes the read so
 * that others need not depend on its logic.
 */
function moduleEdges(tree: Tree): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  const add = (from: string, to: string, why: string) => {
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, why);
  };
  for (const [f, targets] of tree) {
    const from = moduleOf(f);
    if (!from) continue;
    for (const t of targets) {
      const to = moduleOf(t);
      if (!to || to === from) continue;
      if (!isPublished(t)) {
        add(from, to, `${f} imports ${t}`);
        continue;
      }
      const seen = new Set([t]);
      const walk = (file: string, chain: string) => {
        for (const u of tree.get(file) ?? []) {
          const m = moduleOf(u);
          if (!m || seen.has(u)) continue;
          const why = `${chain}, ${file} imports ${u}`;
          if (m === from && !isPublished(u)) {
            // The read leads back into the importer's own logic: a circle through it.
            add(from, to, `${f} imports ${t}`);
            add(to, from, why);
          } else if (m === moduleOf(file) || isPublished(u)) {
            seen.add(u);
            walk(u, why);
          } else add(from, m, why);
        }
      };
      walk(t, `${f} imports ${t}`);
    }
  }
  return edges;
}

/** Groups of module folders that import each other in a circle, each with the imports that close it. */
function moduleCycles(tree: Tree): { modules: string[]; imports: string[] }[] {
  const edges = moduleEdges(tree);
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

/** Every import of another module's SQL (its queries.ts), which CONVENTIONS.md rules out. */
function foreignQueries(tree: Tree): string[] {
  return [...tree].flatMap(([f, targets]) =>
    targets
      .filter((t) => moduleOf(f) && moduleOf(t) && moduleOf(t) !== moduleOf(f) && t.endsWith('/queries.ts'))
      .map((t) => `${f} imports ${t}`),
  );
}

test('infrastructure (db, lib, http, jobs, config, deps) imports no module', () => {
  assert.deepEqual(layerBreaches(readTree()), []);
});

test("no module imports another module's queries.ts", () => {
  assert.deepEqual(foreignQueries(readTree()), []);
});

test('no two modules import each other, directly or round a circle', () => {
  const cycles = moduleCycles(readTree());
  const unknown = cycles.filter((c) => !knownCycles.some((k) => same(k.modules, c.modules)));
  assert.deepEqual(unknown, [], 'a new cycle between module folders');
  const broken = knownCycles.filter((k) => !cycles.some((c) => same(k.modules, c.modules)));
  assert.deepEqual(broken, [], 'a known cycle is gone: remove it from knownCycles');
});

test('the checks catch what they look for', () => {
  // Planted breaches and circles, and what is not one, on a made-up tree.
  const tree: Tree = new Map([
    ['lib/x.ts', ['modules/a/service.ts', 'lib/y.ts']],
    ['http/z.ts', ['db/db.ts']],
    ['modules/a/service.ts', ['modules/b/service.ts', 'http/z.ts']],
    ['modules/b/service.ts', ['modules/c/queries.ts']],
    ['modules/c/queries.ts', ['modules/a/types.ts']],
    ['modules/d/service.ts', ['modules/a/service.ts']],
    // e uses d's published read and d uses e: no circle, the read reaches only d's queries…
    ['modules/e/service.ts', ['modules/d/for-e.ts']],
    ['modules/d/for-e.ts', ['modules/d/queries.ts', 'db/db.ts']],
    ['modules/d/queries.ts', []],
    ['modules/d/routes.ts', ['modules/e/service.ts']],
    // …but g's read reaches f's logic through its own queries, and f uses g's read: a circle.
    ['modules/f/service.ts', ['modules/g/for-f.ts']],
    ['modules/g/for-f.ts', ['modules/g/queries.ts']],
    ['modules/g/queries.ts', ['modules/f/service.ts']],
  ]);
  assert.deepEqual(layerBreaches(tree), ['lib/x.ts imports modules/a/service.ts']);
  assert.deepEqual(foreignQueries(tree), ['modules/b/service.ts imports modules/c/queries.ts']);
  assert.deepEqual(
    moduleCycles(tree).map((c) => c.modules),
    [
      ['a', 'b', 'c'],
      ['f', 'g'],
    ],
  );
  assert.deepEqual(
    importsOf('modules/a/x.ts', "import type { T } from '../../deps.ts';\nimport {\n  y,\n} from './y.ts';"),
    ['deps.ts', 'modules/a/y.ts'],
  );
});
