// npm run bench:audit-chain — what the tamper-evident chain costs an audit write, on
// PostgreSQL: the same inserts with the chain trigger on and off, from 1 and from 20 clients
// at once (the chain serialises writers on its head row), then audit:verify's rate.
// Environment: BENCH_PG_URL (maintenance database; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_ROWS (default 4000 per run).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../server/src/db/migrate.ts';
import { openPostgres } from '../server/src/db/postgres.ts';
import { systemClock } from '../server/src/lib/clock.ts';
import { verifyChain } from '../server/src/modules/audit/chain.ts';
import { recordAudit } from '../server/src/modules/audit/service.ts';

const url = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const rows = Number(process.env.BENCH_ROWS ?? 4000);
const name = `lx_bench_chain_${randomBytes(4).toString('hex')}`;
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql);
  await c.end();
};
await admin(`create database ${name}`);
const u = new URL(url);
u.pathname = `/${name}`;
const db = await openPostgres(u.toString(), 20);
try {
  await migrate(db);
  const entry = (i: number) => ({
    action: 'concerns.phone_view',
    actorName: `staff${i % 50}`,
    targetType: 'concern',
    targetId: `c${i}`,
    ip: '10.0.0.1',
    result: 'ok' as const,
    status: 200,
    detail: { reason: '回访', n: i },
  });
  const runOnce = async (clients: number) => {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < rows) await recordAudit(db, systemClock, entry(next++));
      }),
    );
    return Math.round(rows / ((performance.now() - t0) / 1000));
  };
  const results: Record<string, number> = {};
  for (const chained of [false, true]) {
    await db.exec(`alter table audit_log ${chained ? 'enable' : 'disable'} trigger audit_log_chain`);
    for (const clients of [1, 20])
      results[`${chained ? 'chained' : 'plain'}, ${clients} client(s), rows/s`] = await runOnce(clients);
  }
  // Rows written with the trigger off are outside the chain; verify walks the chained ones.
  const t0 = performance.now();
  const report = await verifyChain(db);
  results['verify, rows/s'] = Math.round(report.rows / ((performance.now() - t0) / 1000));
  console.table(results);
} finally {
  await db.close();
  await admin(`drop database if exists ${name} with (force)`);
}
