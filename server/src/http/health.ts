import { readdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { migrationFilePattern, migrationsDir } from '../db/migrate.ts';

// Two questions a load balancer or an orchestrator asks:
//   GET /api/health/live   the process is up and its event loop answers (restart it if not);
//   GET /api/health/ready  it can serve: the database answers within a short time, every
//                          migration this version has is applied, and the background jobs
//                          run (take it out of rotation if not; it comes back by itself).
// GET /api/health is `ready`, as it always was the one probe. Not-ready answers 503 with
// Retry-After and says which check failed. Nothing here writes, or passes the write gate.

export type HealthOptions = {
  /** Whether this process's background jobs are running; absent: it runs none (tests). */
  jobsRunning?: () => boolean;
  /** How long the database may take to answer `select 1` (ms). */
  dbTimeoutMs?: number;
};

type Check = 'ok' | 'embedded' | 'unreachable' | 'timeout' | 'pending' | 'stopped';

export function registerHealth(app: FastifyInstance, deps: Deps, opts: HealthOptions = {}) {
  const timeoutMs = opts.dbTimeoutMs ?? 1000;
  const files = readdirSync(migrationsDir).filter((f) => migrationFilePattern.test(f));
  // Once every file is applied it stays so for this process's life (no version runs a
  // migration backwards), so the list is read until then and not after; the first time as the
  // app is built, before anything can keep the database busy.
  let migrated = false;
  const readMigrations = async () => {
    const rows = await deps.db.query<{ name: string }>('select name from schema_migrations');
    const applied = new Set(rows.map((x) => x.name));
    migrated = files.every((f) => applied.has(f));
  };
  void readMigrations().catch(() => undefined);

  const withTimeout = <T>(p: Promise<T>) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  };

  // The embedded PGlite is in this process, one statement at a time: there is nothing to
  // reach, and a ping would only queue behind a large import (health then took seconds in
  // roster-limits' 50,000-row test), so it is read only for the migrations.
  const embedded = deps.db.kind === 'pglite';
  const ready = async () => {
    let database: Check = embedded ? 'embedded' : 'ok';
    try {
      if (!migrated || !embedded) {
        const r = await withTimeout(
          migrated ? deps.db.query('select 1').then(() => undefined) : readMigrations(),
        );
        if (r === 'timeout') database = 'timeout';
      }
    } catch {
      database = 'unreachable';
    }
    const migrations: Check = migrated ? 'ok' : 'pending';
    const jobs: Check | 'not-here' = opts.jobsRunning ? (opts.jobsRunning() ? 'ok' : 'stopped') : 'not-here';
    const ok = (database === 'ok' || database === 'embedded') && migrations === 'ok' && jobs !== 'stopped';
    return { ok, db: deps.db.kind, checks: { database, migrations, jobs } };
  };

  const cfg = { schema: { hide: true }, config: { auth: 'public' as const } };
  app.get('/api/health/live', cfg, async () => ({ ok: true }));
  for (const url of ['/api/health', '/api/health/ready'])
    app.get(url, cfg, async (_req, reply) => {
      const r = await ready();
      if (!r.ok) reply.code(503).header('retry-after', '5');
      return r;
    });
}
