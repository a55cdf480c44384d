// Load for bench/concerns.ts: a closed-loop runner (C clients each sending its next request as
// soon as the previous one answered) and sequential reads; the server and requests are http.ts.
import http from 'node:http';
import { pct, request, round, stats } from './http.ts';
import type { Req, Res, Session } from './http.ts';

export type Job = Req & { kind: string; expect: number };
export type LoadResult = {
  clients: number;
  seconds: number;
  ok: number;
  failed: number;
  perSec: number;
  statuses: Record<string, number>;
  all: ReturnType<typeof stats>;
  kinds: Record<string, ReturnType<typeof stats>>;
  firstFailures: string[];
  /** Each second of the window: requests completed, their median and slowest (where the tail comes from). */
  timeline: { second: number; n: number; p50: number; max: number }[];
};

/**
 * C clients in a closed loop for `seconds`: each takes the next job and sends it when its
 * previous one has answered. Requests still running at the end are awaited but not counted
 * (so the count is of requests completed inside the window).
 */
export async function closedLoop(
  port: number,
  clients: number,
  seconds: number,
  next: () => Job,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const lat: number[] = [];
  const byKind = new Map<string, number[]>();
  const bySecond: number[][] = [];
  const statuses: Record<string, number> = {};
  const firstFailures: string[] = [];
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const job = next();
      let res: Res;
      try {
        res = await request(port, agent, job);
      } catch (err) {
        failed++;
        statuses.error = (statuses.error ?? 0) + 1;
        if (firstFailures.length < 5) firstFailures.push(`${job.kind}: ${(err as Error).message}`);
        continue;
      }
      if (performance.now() > end) break;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status !== job.expect) {
        failed++;
        if (firstFailures.length < 5)
          firstFailures.push(`${job.kind} ${job.path}: ${res.status} ${res.body.toString().slice(0, 300)}`);
        continue;
      }
      ok++;
      lat.push(res.ms);
      (bySecond[Math.floor((performance.now() - t0) / 1000)] ??= []).push(res.ms);
      const k = byKind.get(job.kind) ?? [];
      k.push(res.ms);
      byKind.set(job.kind, k);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const elapsed = Math.min(seconds, (performance.now() - t0) / 1000);
  agent.destroy();
  return {
    clients,
    seconds: round(elapsed, 2),
    ok,
    failed,
    perSec: round(ok / elapsed, 1),
    statuses,
    all: stats(lat),
    kinds: Object.fromEntries([...byKind].map(([k, xs]) => [k, stats(xs)])),
    firstFailures,
    timeline: Array.from(bySecond, (xs, second) => {
      const sorted = [...(xs ?? [])].sort((a, b) => a - b);
      return { second, n: sorted.length, p50: round(pct(sorted, 50)), max: round(sorted.at(-1) ?? 0) };
    }),
  };
}

/**
 * Sequential GETs over one keep-alive connection (a member's phone); the first `warmup` not
 * counted. Stops early after `maxSeconds`, so a slow list cannot stretch the run past its budget.
 */
export async function sequentialGets(
  port: number,
  session: Session,
  warmup: number,
  measured: number,
  next: () => { kind: string; path: string },
  maxSeconds = 60,
) {
  const until = performance.now() + maxSeconds * 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  const totals: number[] = [];
  try {
    for (let i = 0; i < warmup + measured && (i <= warmup || performance.now() < until); i++) {
      const j = next();
      const r = await request(port, agent, {
        method: 'GET',
        path: j.path,
        headers: { cookie: session.cookie },
      });
      if (r.status !== 200) throw new Error(`GET ${j.path}: ${r.status} ${r.body.toString().slice(0, 300)}`);
      if (i < warmup) continue;
      all.push(r.ms);
      byKind.set(j.kind, [...(byKind.get(j.kind) ?? []), r.ms]);
      totals.push((JSON.parse(r.body.toString()) as { total: number }).total);
    }
  } finally {
    agent.destroy();
  }
  return {
    all: stats(all),
    kinds: Object.fromEntries([...byKind].map(([k, xs]) => [k, stats(xs)])),
    medianTotal: pct(totals, 50),
    stoppedEarly: all.length < measured,
  };
}
