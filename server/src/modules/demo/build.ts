import type { Deps } from '../../deps.ts';
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
  return { roster, admin, showcase };
}
