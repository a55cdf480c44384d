import type { Ids } from '../../lib/clock.ts';
import { prng } from '../../lib/prng.ts';

export { prng };

// The demo's only sources of chance: a seeded generator and ids drawn from it, so two builds
// from the same seed write the same rows.

export type Rand = ReturnType<typeof prng>;

/** Version-4-shaped uuids from a seed: the same sequence on every build. */
export function seededIds(seed: number): Ids {
  const r = prng(seed);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  return {
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(r() * 4)]}${hex(3)}-${hex(12)}`,
  };
}

export const pickOf =
  (rand: Rand) =>
  <T>(xs: readonly T[]): T =>
    xs[Math.floor(rand() * xs.length)]!;
