import type { Deps } from '../deps.ts';
import { AppError } from './errors.ts';

// Fixed-window counters in the database, so every app instance counts the same hits.
// The counter is written outside any transaction: a request that fails still counts.
export type Limit = { bucket: string; max: number; windowSeconds: number };

/** The start of the window a hit at `now` falls in. */
export function windowOf(l: Limit, now: Date): Date {
  const windowMs = l.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Counts one hit in ($1 bucket, $2 window) and returns the count: a statement of its own or a WITH part. */
export const countHitSql = `insert into rate_limits (bucket, window_start, count) values ($1, $2, 1)
     on conflict (bucket, window_start) do update set count = rate_limits.count + 1
     returning count`;

/** The count in (`bucket`, `window`), both SQL expressions, 0 without a row: a scalar for a caller's select. */
export const countInSql = (bucket: string, window: string) =>
  `coalesce((select count from rate_limits where bucket = ${bucket} and window_start = ${window}), 0)`;

/**
 * Counts one hit in ($1 bucket, $2 window) only while the count is below $3: a row comes back
 * when it was counted, none when the limit was already reached (a write of a caller's own
 * statement, which then refuses and rolls back).
 */
export const countHitWithinSql = `insert into rate_limits (bucket, window_start, count) values ($1, $2, 1)
     on conflict (bucket, window_start) do update set count = rate_limits.count + 1 where rate_limits.count < $3
     returning count`;

/** Refuses (429 with the seconds until the window ends) when the count went past the limit. */
export function refuseOver(l: Limit, now: Date, count: number): void {
  if (count <= l.max) return;
  const end = windowOf(l, now).getTime() + l.windowSeconds * 1000;
  throw new AppError('request.rate_limited', {
    extra: { retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) },
  });
}

export async function hitLimit(deps: Pick<Deps, 'db' | 'clock'>, l: Limit): Promise<void> {
  const now = deps.clock.now();
  const [row] = await deps.db.query<{ count: number }>(countHitSql, [l.bucket, windowOf(l, now)], {
    prepare: true,
  });
  if (row) refuseOver(l, now, row.count);
}

/** Counts a hit on every limit; refuses with the longest wait among those exceeded. */
export async function hitLimits(deps: Pick<Deps, 'db' | 'clock'>, limits: Limit[]): Promise<void> {
  let refused: AppError | undefined;
  for (const l of limits) {
    try {
      await hitLimit(deps, l);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const wait = (e: AppError) => Number(e.extra.retryAfterSeconds);
      if (!refused || wait(err) > wait(refused)) refused = err;
    }
  }
  if (refused) throw refused;
}

/** Old windows are useless; drop them now and then. */
export async function pruneLimits(deps: Pick<Deps, 'db' | 'clock'>, olderThanSeconds = 2 * 86400) {
  await deps.db.query('delete from rate_limits where window_start < $1', [
    new Date(deps.clock.now().getTime() - olderThanSeconds * 1000),
  ]);
}
