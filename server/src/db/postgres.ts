import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable } from './db.ts';

const typeParsers: Record<number, (v: string) => unknown> = {
  1082: (v) => v, // date
  20: (v) => Number(v), // int8: counts and sums stay well below 2^53
  1700: (v) => Number(v), // numeric
};

// The name of a prepared statement is its text's hash: the same text reuses it on every
// connection that has seen it, and two texts never share a name.
const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `lx_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size < 10_000) names.set(sql, name);
  }
  return name;
}

/**
 * connectTimeoutMs: how long a query waits for a connection (a free one from the pool, or a
 * new one to the server) before it fails as "database unavailable" (db/unavailable.ts). By
 * default pg waits for ever, so during an outage or a pool jam requests would hang until the
 * client gave up instead of being answered 503.
 */
export async function openPostgres(
  connectionString: string,
  max = 10,
  opts: { connectTimeoutMs?: number } = {},
): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    types: { getTypeParser: (oid, format) => typeParsers[oid] ?? pg.types.getTypeParser(oid, format) },
  });
  // An idle connection the server drops (restart, failover, a test database dropped) makes
  // the pool emit 'error'; unheard, that would end the process. The pool replaces the client
  // on the next query, so there is nothing else to do.
  pool.on('error', () => undefined);
  // Fail at start, not on the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[], opts?: { prepare?: boolean }) {
      const values = params as unknown[] | undefined;
      const res = opts?.prepare
        ? await q.query({ name: statementName(sql), text: sql, values })
        : await q.query(sql, values);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: 'postgres',
    query: wrap(pool).query,
    exec: wrap(pool).exec,
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn(wrap(client));
        await client.query('commit');
        return out;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
