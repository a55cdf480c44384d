import type { Deps } from '../../deps.ts';
import { recordAudit } from '../audit/service.ts';
import { ensureInitialAdmin } from '../auth/accounts.ts';
import { seededIds } from './random.ts';
import { seedDemo } from './seed.ts';
import type { SeedOptions } from './seed.ts';
import { buildShowcase } from './showcase.ts';

// First start on an empty database: the province's committees and roster, the initial
// admin, then the showcase (studios, accounts, a year of concerns up to `end`). Ids come from
// the seed, so every build from the same seed and end has the same rows.
export async function buildDemo(deps: Deps, o: SeedOptions & { end: Date }) {
  const seed = o.seed ?? 20261123;
  const roster = await seedDemo({ ...deps, ids: seededIds(seed) }, o);
  const admin = await ensureInitialAdmin(deps);
  const showcase = await buildShowcase(deps, { end: o.end, seed });
  await refusalMinutes(deps, o.end);
  return { roster, admin, showcase };
}

// A reception day's QR-code campaign three days ago, as the audit log keeps it: the minutes in
// which submissions were told "busy, in a moment" or "too many", one counted row a minute.
async function refusalMinutes(deps: Deps, end: Date) {
  const day = new Date(Math.floor(end.getTime() / 86400_000) * 86400_000 - 3 * 86400_000);
  const minutes: [number, [string, string, number, number][]][] = [
    [91, [['concerns.submit', 'request.busy', 503, 37]]],
    [
      92,
      [
        ['concerns.submit', 'request.busy', 503, 52],
        ['concerns.submit', 'request.rate_limited', 429, 3],
      ],
    ],
    [93, [['concerns.submit', 'request.busy', 503, 8]]],
  ];
  for (const [m, rows] of minutes) {
    // 09:31 … 09:33 in China (UTC+8): 01:31 … 01:33 UTC.
    const at = new Date(day.getTime() + m * 60_000);
    const counts = rows.map(([route, reason, status, n]) => ({ route, reason, status, n }));
    await recordAudit(
      deps.db,
      { now: () => new Date(at.getTime() + 60_000) },
      {
        action: 'http.refusals',
        result: 'failed',
        detail: { minute: at.toISOString(), total: counts.reduce((a, c) => a + c.n, 0), counts },
      },
    );
  }
}
