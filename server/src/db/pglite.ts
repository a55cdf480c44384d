import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { Db, Queryable } from './db.ts';

// Dates stay 'YYYY-MM-DD' strings and int8 becomes a number on both backends, so results
// compare equal whichever database produced them.
const parsers = {
  [types.DATE]: (v: string) => v,
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => Number(v),
};

/**
 * dataDir undefined = in memory (tests). loadDataDir: a dump made by dumpDataDir(), to start
 * from (a restore writes it into an empty dataDir).
 */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Db> {
  const pg = await PGlite.create(dataDir, {
    extensions: { pg_trgm, pgcrypto },
    parsers,
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<T>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    tx: (fn) => pg.transaction((t) => fn(wrap(t))),
    close: () => pg.close(),
    dumpDataDir: () => pg.dumpDataDir('gzip'),
  };
}
