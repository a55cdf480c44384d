import { readlinkSync } from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { startBackground } from './background.ts';
import { loadConfig } from './config.ts';
import { openPostgres } from './db/postgres.ts';
import { depsFromConfig } from './deps-from-config.ts';
import { configuredSealer } from './modules/keys/fingerprint.ts';
import { makeLogger } from './lib/logger.ts';

// The background workers (job queue, outbox, search indexing of new concerns) in a thread
// of their own, on a PostgreSQL server: a job that works for a second (regrouping a
// committee's common issues) then holds up this thread, not the requests of the HTTP
// thread. Same code and queue as in-process; its own small connection pool. main.ts starts
// it; 'stop' ends it.
//
// Requests come first: on Linux this thread runs at a lower priority (nice 10), so a burst
// of background work (a committee's common-issues index loaded for placing) takes the CPU
// only when requests leave it idle, instead of stalling every citizen's submission for a
// second or two. The SQL it sends runs at the database's normal priority.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) os.setPriority(tid, 10);
} catch {
  // not Linux, or not allowed: the thread keeps the process's priority
}
const config = loadConfig();
const log = makeLogger(
  { level: config.LOG_LEVEL },
  (workerData as { tty?: boolean } | null)?.tty === true,
).child({ thread: 'jobs' });
if (!config.DATABASE_URL) throw new Error('the job thread needs DATABASE_URL (PGlite stays in-process)');
const db = await openPostgres(config.DATABASE_URL, 4, { connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS });
const deps = await depsFromConfig(config, db, await configuredSealer(config, db));
// Each run of the job queue tells the HTTP thread, whose readiness probe asks whether jobs run.
const background = startBackground(deps, log, { onTick: (at) => parentPort?.postMessage(`tick:${at}`) });
void background.tickJobs(); // at once, not 15 s after start
parentPort?.on('message', async (m) => {
  if (m !== 'stop') return;
  background.stop();
  await db.close();
  process.exit(0);
});
parentPort?.postMessage('ready');
