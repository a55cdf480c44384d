import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';

// Every integration test runs on PGlite, and also on PostgreSQL when TEST_DATABASE_URL is
// set. Each test file gets a database of its own, so files run in parallel.
export type Backend = { name: 'pglite' | 'postgres'; open(): Promise<Db> };

/** empty: databases without the migrations, for the migration runner's own tests. */
export function testBackends(opts: { empty?: boolean } = {}): Backend[] {
  const ready = async (db: Db) => {
    if (!opts.empty) await migrate(db);
    return db;
  };
  const out: Backend[] = [{ name: 'pglite', open: async () => ready(await openPglite()) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) out.push({ name: 'postgres', open: async () => ready(await freshPostgres(url)) });
  return out;
}

async function freshPostgres(url: string): Promise<Db> {
  const name = `lx_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), 5);
  return {
    ...db,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
