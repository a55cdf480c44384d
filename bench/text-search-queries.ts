// Queries of bench/text-search.ts: a deterministic mix drawn from the phrases' own words, run
// through the search service as GET /api/search runs it, timed one at a time.
import type { Queryable } from '../server/src/db/db.ts';
import type { Deps } from '../server/src/deps.ts';
import type { Actor } from '../server/src/http/actor.ts';
import { nameKeys } from '../server/src/modules/members/names.ts';
import { search } from '../server/src/modules/search/service.ts';

export type Cls = 'common' | 'rare' | 'words2' | 'words3' | 'pinyin' | 'typo';
export type Planned = { cls: Cls; q: string; scope: 'county' | 'city' | 'province' };

let seed = 20261123;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** Common words (the most frequent), rare ones (in a single phrase), 2–3 words of one phrase. */
export function queryMix(phraseWords: string[][], memberNames: string[], perCell: number): Planned[] {
  const df = new Map<string, number>();
  for (const ws of phraseWords) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const han2 = [...df.entries()].filter(([w]) => /^\p{Script=Han}{2,4}$/u.test(w));
  han2.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const common = han2.slice(0, 30).map(([w]) => w);
  const rare = han2.filter(([, c]) => c === 1).map(([w]) => w);
  const multi = phraseWords.map((ws) => [...new Set(ws.filter((w) => /^\p{Script=Han}{2,}$/u.test(w)))]);
  const wordsOf = (k: number) => {
    const ws = pick(multi.filter((m) => m.length >= k));
    const start = Math.floor(rand() * (ws.length - k + 1));
    return ws.slice(start, start + k).join(' ');
  };
  const typoOf = () => {
    const w = [...pick(han2.filter(([x]) => [...x].length === 3))[0]];
    w[1] = '一';
    return w.join('');
  };
  const plan: Planned[] = [];
  for (const scope of ['county', 'city', 'province'] as const)
    for (let i = 0; i < perCell; i++) {
      plan.push({ cls: 'common', q: pick(common), scope });
      plan.push({ cls: 'rare', q: pick(rare), scope });
      plan.push({ cls: 'words2', q: wordsOf(2), scope });
      plan.push({ cls: 'words3', q: wordsOf(3), scope });
      if (i % 4 === 0) plan.push({ cls: 'pinyin', q: nameKeys(pick(memberNames)).initials, scope });
      if (i % 4 === 0) plan.push({ cls: 'typo', q: typoOf(), scope });
    }
  return plan;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

/** Records the SQL of the last search, so the slowest one can be explained. */
function recording(db: Deps['db']) {
  const last: { sql: string; params: readonly unknown[] }[] = [];
  const q: Queryable = {
    query: async (sql, params) => {
      last.push({ sql, params: params ?? [] });
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
  };
  return { db: { ...db, ...q }, last };
}

export async function runQueries(deps: Deps, plan: Planned[], log: (s: string) => void) {
  const scopes = await deps.db.query<{ level: string; id: string; path: string }>(
    `select distinct on (level) level, id, path from committees
      where path like '130000/131100%' or level = 'province' order by level, path desc`,
  );
  const actorFor = (level: string): Actor => {
    const c = scopes.find((s) => s.level === level)!;
    return {
      accountId: '00000000-0000-0000-0000-000000000001',
      username: 'bench',
      displayName: 'bench',
      role: 'staff',
      personId: null,
      departmentId: null,
      scope: { committeeId: c.id, path: c.path },
      isRoot: level === 'province',
      stage: 'full',
      sessionIdHash: '',
      csrfToken: '',
    };
  };
  const rec = recording(deps.db);
  const d = { ...deps, db: rec.db } as Deps;
  for (const p of plan.slice(0, 30)) await search(d, actorFor(p.scope), { q: p.q, page: 1, pageSize: 20 });
  log('warm-up done');
  const times: (Planned & { ms: number; sql: typeof rec.last })[] = [];
  for (const p of plan) {
    rec.last.length = 0;
    const t = performance.now();
    await search(d, actorFor(p.scope), { q: p.q, page: 1, pageSize: 20 });
    times.push({ ...p, ms: performance.now() - t, sql: [...rec.last] });
  }
  const rows: {
    cls: string;
    scope: string;
    n: number;
    p50: number;
    p95: number;
    p99: number;
    max: number;
  }[] = [];
  const add = (cls: string, scope: string, xs: number[]) =>
    xs.length &&
    rows.push({
      cls,
      scope,
      n: xs.length,
      p50: pct(xs, 50),
      p95: pct(xs, 95),
      p99: pct(xs, 99),
      max: pct(xs, 100),
    });
  const mixed = new Set(['common', 'rare', 'words2', 'words3']);
  for (const scope of ['county', 'city', 'province', 'all'])
    add(
      'mix',
      scope,
      times.filter((x) => mixed.has(x.cls) && (scope === 'all' || x.scope === scope)).map((x) => x.ms),
    );
  for (const cls of ['common', 'rare', 'words2', 'words3', 'pinyin', 'typo'])
    add(
      cls,
      'all',
      times.filter((x) => x.cls === cls).map((x) => x.ms),
    );
  const worst = times.filter((x) => mixed.has(x.cls)).sort((a, b) => b.ms - a.ms)[0];
  let slowest;
  if (worst) {
    const big = worst.sql.find((s) => s.sql.includes('union all') || s.sql.includes('search_documents d'))!;
    const plan = await deps.db.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${big.sql}`,
      big.params,
    );
    slowest = {
      q: worst.q,
      scope: worst.scope,
      cls: worst.cls,
      ms: Math.round(worst.ms),
      plan: plan.map((r) => r['QUERY PLAN']).join('\n'),
    };
  }
  return { rows, slowest };
}
