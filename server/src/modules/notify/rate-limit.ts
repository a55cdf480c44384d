import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';

// Fixed-window counters in the database, so every app instance counts the same hits.
// The counter is written outside any transaction: a request that fails still counts.
export type Limit = { bucket: string; max: number; windowSeconds: number };

export async function hitLimit(deps: Pick<Deps, 'db' | 'clock'>, l: Limit): Promise<void> {
  const now = deps.clock.now().getTime();
  const windowMs = l.windowSeconds * 1000;
  const start = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await deps.db.query<{ count: number }>(
    `insert into rate_limits (bucket, window_start, count) values ($1, $2, 1)
     on conflict (bucket, window_start) do update set count = rate_limits.count + 1
     returning count`,
    [l.bucket, start],
  );
  if (row && row.count > l.max)
    throw new AppError('request.rate_limited', {
      extra: { retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + windowMs - now) / 1000)) },
    });
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
