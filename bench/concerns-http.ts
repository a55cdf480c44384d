// HTTP side of bench/concerns.ts: the server (node server/src/main.ts, the production entry
// point, in its own process), a keep-alive client, logins, and a closed-loop load runner
// (C clients each sending its next request as soon as the previous one answered).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Nearest-rank percentile of an unsorted sample. */
export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
export const stats = (xs: number[]) => ({
  n: xs.length,
  p50: round(pct(xs, 50)),
  p95: round(pct(xs, 95)),
  p99: round(pct(xs, 99)),
  max: round(xs.length ? Math.max(...xs) : NaN),
});

export type Res = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number };
export type Req = {
  method: string;
  path: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
};

export function request(port: number, agent: http.Agent | false, r: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers = { ...r.headers };
    if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
    const t0 = performance.now();
    const req = http.request(
      { host: '127.0.0.1', port, method: r.method, path: r.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: performance.now() - t0,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type Server = { child: ChildProcess; port: number; output: () => string };

/** node server/src/main.ts on a free port; resolves once GET /api/health answers 200. */
export async function startServer(
  root: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<Server> {
  const port = await freePort();
  const clean = { ...process.env };
  for (const k of Object.keys(clean))
    if (/^(DATABASE_URL|DATA_DIR|SECRET_KEY|DEMO_|LOG_LEVEL|PORT|HOST|SMS_|MAIL_|SMTP_)/.test(k))
      delete clean[k];
  const child = spawn(process.execPath, [...nodeArgs, 'server/src/main.ts'], {
    cwd: root,
    env: { ...clean, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  child.on('exit', () => (exited = true));
  const t0 = performance.now();
  for (;;) {
    if (exited) throw new Error(`server exited before answering:\n${out}`);
    if (performance.now() - t0 > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within 120 s:\n${out}`);
    }
    try {
      if ((await request(port, false, { method: 'GET', path: '/api/health' })).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  return { child, port, output: () => out };
}

export async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null) return;
  const done = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.kill('SIGTERM');
  const killed = await Promise.race([done.then(() => false), sleep(20_000).then(() => true)]);
  if (killed) {
    s.child.kill('SIGKILL');
    await done;
  }
}

export type Session = { cookie: string; csrf: string };

export async function login(port: number, username: string, password: string): Promise<Session> {
  const r = await request(port, false, {
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body.toString()}`);
  const cookie = (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const body = JSON.parse(r.body.toString()) as { csrfToken: string; stage: string };
  if (body.stage !== 'full') throw new Error(`login ${username}: stage ${body.stage}`);
  return { cookie, csrf: body.csrfToken };
}

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
