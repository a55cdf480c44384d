import pg from 'pg';
import type { Db, Queryable } from './db.ts';

const typeParsers: Record<number, (v: string) => unknown> = {
  1082: (v) => v, // date
  20: (v) => Number(v), // int8: counts and sums stay well below 2^53
  1700: (v) => Number(v), // numeric
};

export async function openPostgres(connectionString: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max,
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
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await q.query(sql, params as unknown[] | undefined);
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
