// One interface over the embedded PGlite and a PostgreSQL server. Both speak the same SQL;
// the rest of the code never knows which one it is talking to.
export type Row = Record<string, unknown>;

export type QueryOptions = {
  /**
   * A statement on a hot path: on PostgreSQL it is parsed and planned once per connection
   * and reused (a named prepared statement), which for a submission's statements was most
   * of their server time. Only for fixed SQL text whose best plan does not depend on the
   * values (inserts, lookups by key): after five runs PostgreSQL may keep a generic plan.
   */
  prepare?: boolean;
};

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[], opts?: QueryOptions): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: everything or nothing. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PGlite only: its whole data folder as a gzipped tar, made between two queries, so it is
   * consistent while the instance keeps serving (the backup of the embedded database).
   */
  dumpDataDir?(): Promise<Blob>;
}

export async function one<T = Row>(q: Queryable, sql: string, params?: readonly unknown[]): Promise<T> {
  const rows = await q.query<T>(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0] as T;
}

export async function maybeOne<T = Row>(
  q: Queryable,
  sql: string,
  params?: readonly unknown[],
): Promise<T | undefined> {
  const rows = await q.query<T>(sql, params);
  return rows[0];
}

/**
 * Runs `fn` with a Queryable that collects its writes, then sends them all as one statement
 * (`with w1 as (…), w2 as (…) select …`): one round trip, and, outside a transaction, one
 * commit. For a change of many rows on a busy path (a citizen's submission writes seven),
 * where each statement in a transaction held a pooled connection for its own round trip.
 *
 * Writes only: inside, a query answers no rows, so a read or a script is refused loudly.
 * A write may say RETURNING to be counted: the answer is, for each such write in order, how
 * many rows it touched (a conditional update that found nothing answers 0, and the caller
 * can roll back its transaction). The writes see one snapshot and their order is not
 * defined: foreign keys are checked at the end, but rows that must be ordered (identity
 * columns) go in one multi-row INSERT.
 */
export async function writeTogether(
  q: Queryable,
  fn: (w: Queryable) => Promise<void>,
  opts?: QueryOptions,
): Promise<number[]> {
  const parts: string[] = [];
  const counted: string[] = [];
  const params: unknown[] = [];
  const collector: Queryable = {
    async query<T>(sql: string, p: readonly unknown[] = []): Promise<T[]> {
      if (!/^\s*(insert|update|delete)\b/i.test(sql))
        throw new Error(`writeTogether takes writes, got: ${sql.slice(0, 60)}`);
      const offset = params.length;
      params.push(...p);
      parts.push(sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`));
      if (/\breturning\b/i.test(sql)) counted.push(`w${parts.length}`);
      return [];
    },
    exec() {
      return Promise.reject(new Error('writeTogether takes no scripts'));
    },
  };
  await fn(collector);
  if (!parts.length) return [];
  const select = counted.length
    ? `select ${counted.map((w) => `(select count(*) from ${w})::int as ${w}`).join(', ')}`
    : 'select 1';
  const sql =
    parts.length === 1 && !counted.length
      ? parts[0]!
      : `with ${parts.map((s, i) => `w${i + 1} as (${s})`).join(',\n')}\n${select}`;
  const [row] = await q.query<Record<string, number>>(sql, params, opts);
  return counted.map((w) => row![w]!);
}
