// What every benchmark's HTTP side needs: percentiles, a timed request, the app (or another
// node script) in its own process on a free port, and a login.
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

export type Server = { child: ChildProcess; port: number; ms: number; output: () => string };

/**
 * A node script (by default the app, server/src/main.ts) on a free port; resolves once GET
 * `probePath` answers 200. `ms`: from spawning to that first 200 (start-up time).
 */
export async function startServer(
  root: string,
  env: NodeJS.ProcessEnv,
  opts: { script?: string; probePath?: string; nodeArgs?: string[] } = {},
): Promise<Server> {
  const script = opts.script ?? 'server/src/main.ts';
  const port = await freePort();
  const clean = { ...process.env };
  for (const k of Object.keys(clean))
    if (/^(DATABASE_URL|DATA_DIR|SECRET_KEY|DEMO_|LOG_LEVEL|PORT|HOST|SMS_|MAIL_|SMTP_)/.test(k))
      delete clean[k];
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script], {
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
  for (;;) {
    if (exited) throw new Error(`${script} exited before answering:\n${out}`);
    if (performance.now() - t0 > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not answer within 120 s:\n${out}`);
    }
    try {
      const r = await request(port, false, { method: 'GET', path: opts.probePath ?? '/api/health' });
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  return { child, port, ms: performance.now() - t0, output: () => out };
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
