import type { Queryable } from '../../db/db.ts';
import type { Clock } from '../../lib/clock.ts';
import { every } from '../../lib/every.ts';
import { recordAudit } from './service.ts';

// Refusals that say "not now" (503 busy or database unavailable, 429 rate limited) are
// counted in memory per minute, route and reason, and written as one audit row a minute.
// Why: under a flood each such refusal used to write its own audit row, so the refusals
// filled the pool with inserts and starved the requests that had been admitted. They say
// nothing about who did what (no one got in, nothing changed); what an office needs is how
// many, where and when, which the minute's row keeps. Refusals that matter for security
// (failed logins, forbidden, invalid staff writes) keep their row each (app.ts).

export type RefusalCount = { route: string; reason: string; status: number; n: number };

const minuteOf = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString();

export function refusalCounter(db: Queryable, clock: Clock, log?: { error(o: object, m: string): void }) {
  // minute (ISO) → "route\treason\tstatus" → count
  const minutes = new Map<string, Map<string, number>>();
  let flushing: Promise<number> | undefined;

  const count = (route: string, reason: string, status: number) => {
    const m = minuteOf(clock.now());
    let byKey = minutes.get(m);
    if (!byKey) minutes.set(m, (byKey = new Map()));
    const key = `${route}\t${reason}\t${status}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  };

  /** Writes the finished minutes (all of them with `all`); one row each. Returns rows written. */
  const flushNow = async (all: boolean) => {
    const current = minuteOf(clock.now());
    let written = 0;
    for (const [minute, byKey] of [...minutes].sort(([a], [b]) => a.localeCompare(b))) {
      if (!all && minute >= current) continue;
      minutes.delete(minute);
      const counts: RefusalCount[] = [...byKey].map(([key, n]) => {
        const [route, reason, status] = key.split('\t');
        return { route: route!, reason: reason!, status: Number(status), n };
      });
      const total = counts.reduce((s, c) => s + c.n, 0);
      try {
        await recordAudit(db, clock, {
          action: 'http.refusals',
          result: 'failed',
          status: null,
          detail: { minute, total, counts },
        });
        written++;
      } catch (err) {
        // The database is what is down: keep the counts, and write them with a later minute's.
        const back = minutes.get(minute) ?? new Map<string, number>();
        for (const [k, n] of byKey) back.set(k, (back.get(k) ?? 0) + n);
        minutes.set(minute, back);
        log?.error({ err }, 'refusal counts not written; kept for the next flush');
        break;
      }
    }
    return written;
  };
  const flush = (all = false) => {
    // One flush at a time, so a minute is never written twice.
    const run = (flushing ?? Promise.resolve(0)).then(() => flushNow(all));
    flushing = run.catch(() => 0);
    return run;
  };

  let loop: { stop(): void } | undefined;
  return {
    count,
    flush,
    /** Counted and not yet written, per minute (tests, health). */
    pending: () => [...minutes.values()].reduce((s, m) => s + [...m.values()].reduce((a, b) => a + b, 0), 0),
    start(intervalMs = 15_000) {
      loop ??= every(
        intervalMs,
        async () => void (await flush()),
        () => undefined,
      );
    },
    async stop() {
      loop?.stop();
      loop = undefined;
      await flush(true);
    },
  };
}
export type RefusalCounter = ReturnType<typeof refusalCounter>;
