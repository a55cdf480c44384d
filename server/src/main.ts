import { Worker } from 'node:worker_threads';
import { buildApp } from './app.ts';
import { jobIntervalMs, startBackground } from './background.ts';
import { loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { depsFromConfig } from './deps-from-config.ts';
import { configuredSealer } from './modules/keys/fingerprint.ts';
import type { Deps } from './deps.ts';
import { openDb } from './db/open.ts';
import { makeLogger } from './lib/logger.ts';
import { chainHead } from './modules/audit/chain.ts';
import { ensureInitialAdmin } from './modules/auth/accounts.ts';
import { KeyCheckError } from './modules/keys/fingerprint.ts';
import { answerBackupRequest } from './modules/backup/on-request.ts';
import { holdDataDir, runningApp } from './lib/instance-lock.ts';
import { buildDemo } from './modules/demo/build.ts';
import { reindexIfEmpty } from './modules/search/reindex.ts';

// npm start: config → database (+migrations, +demo data on an empty database) → HTTP.
const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const logger = makeLogger({
  level: config.LOG_LEVEL,
  redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
});
if (!config.DATABASE_URL && runningApp(config.DATA_DIR)) {
  logger.fatal(
    `Lianxin already runs (pid ${runningApp(config.DATA_DIR)}) on the embedded database in ${config.DATA_DIR}`,
  );
  process.exit(2);
}
const db = await openDb({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
});
// The embedded database is this process's alone: commands read the pid and ask it (backup)
// or refuse (restore, key rotation) instead of opening the folder a second time.
const releaseDataDir = db.kind === 'pglite' ? holdDataDir(config.DATA_DIR) : () => undefined;
let applied;
try {
  applied = await migrate(db);
} catch (err) {
  // A landed migration whose file changed: say which, and stop before serving anything.
  logger.fatal((err as Error).message);
  await db.close();
  process.exit(2);
}
if (applied.length) logger.info({ applied }, 'migrations applied');
// The audit chain's head goes to the log, outside the database, where `npm run audit:verify
// -- --head SEQ:HASH` can check a later chain against it.
const head = await chainHead(db);
logger.info({ auditChainHead: head && `${head.seq}:${head.hash}` }, 'audit chain head');
let deps: Deps;
try {
  deps = await depsFromConfig(config, db, await configuredSealer(config, db));
} catch (err) {
  // The wrong key (or none) for the sealed data: say which setting, and serve nothing.
  if (!(err instanceof KeyCheckError)) throw err;
  logger.fatal(err.message);
  await db.close();
  process.exit(2);
}
const empty = (await db.query('select 1 from committees limit 1')).length === 0;
let admin: { username: string; password: string } | null = null;
let demoAccounts: { username: string; password: string; label: string }[] = [];
if (empty && config.DEMO_SEED) {
  logger.info(
    'empty database: building the demo (committee tree, studios, a year of concerns; first start only)',
  );
  const demo = await buildDemo(deps, { provinceCode: config.DEMO_PROVINCE, end: deps.clock.now() });
  admin = demo.admin;
  demoAccounts = demo.showcase.accounts.filter((a) => a.shown);
  const { accounts: _a, failures, ...counts } = demo.showcase;
  if (failures.length) logger.warn({ failures: failures.slice(0, 20) }, 'demo steps refused');
  logger.info({ ...demo.roster, ...counts }, 'demo data ready');
}
admin ??= await ensureInitialAdmin(deps);
// Whether the background jobs run, for /api/health/ready: started, the job thread alive, and
// the job queue has begun or finished a run within 5 minutes (20 of its intervals). Not
// tighter: under overload the job thread (nice 10) may wait a minute for the CPU, and a probe
// that failed then would take every instance out of rotation at once. A thread that died is
// seen at once ('exit').
const jobs = { startedAt: 0, lastBeat: 0, stopped: false };
const jobsRunning = () =>
  jobs.startedAt > 0 &&
  !jobs.stopped &&
  Date.now() - Math.max(jobs.startedAt, jobs.lastBeat) < 20 * jobIntervalMs;
const beat = () => (jobs.lastBeat = Date.now());
const app = await buildApp(deps, {
  logger,
  webDist: config.WEB_DIST,
  trustProxy: config.TRUST_PROXY,
  health: { jobsRunning },
});
await app.listen({ port: config.PORT, host: config.HOST });
// Data written before the search index existed (or before a migration emptied it) is indexed
// once, batch by batch, after the app is listening: a province's index takes minutes to build,
// and everything but search works meanwhile (later writes index themselves).
void reindexIfEmpty(deps).then(
  (reindexed) => reindexed && logger.info(reindexed, 'search index built'),
  (err: unknown) => logger.error({ err }, 'search index rebuild failed; run npm run search:reindex'),
);
// Background work: in a thread of its own on a PostgreSQL server, so a long job never holds
// up requests; in this thread with the embedded PGlite, which only this thread can open.
const workers = db.kind === 'postgres' ? await startJobThread() : startInProcess();
jobs.startedAt = Date.now();
function startInProcess() {
  const background = startBackground(deps, logger, { onTick: beat });
  logger.info('background jobs run in the HTTP thread');
  return { stop: async () => background.stop() };
}
async function startJobThread() {
  const thread = new Worker(new URL('./background-thread.ts', import.meta.url), {
    workerData: { tty: Boolean(process.stdout.isTTY) },
  });
  await new Promise<void>((resolve, reject) => {
    thread.once('message', () => resolve());
    thread.once('error', reject);
  });
  thread.on('message', (m) => {
    if (m === 'tick:start' || m === 'tick:end') beat();
  });
  thread.on('error', (err) => logger.error({ err }, 'job thread failed'));
  thread.on('exit', () => (jobs.stopped = true));
  logger.info('background jobs run in a thread of their own');
  return {
    stop: async () => {
      thread.postMessage('stop');
      await new Promise((resolve) => thread.once('exit', resolve));
    },
  };
}
if (admin) {
  // Shown once, on the console only: there is no built-in password.
  const lines = [`    admin (staff admin): ${admin.username} / ${admin.password}`];
  for (const a of demoAccounts) lines.push(`    ${a.label}: ${a.username} / ${a.password}`);
  console.log(
    `\n  Lianxin first start — accounts (each asked to change its password at first login):\n${lines.join('\n')}\n`,
  );
}
console.log(
  `Lianxin 连心 ready on http://${config.HOST}:${config.PORT} (${db.kind}) in ${Math.round(performance.now() - started)} ms`,
);

if (db.kind === 'pglite')
  process.on('SIGUSR2', () => {
    const settings = { secretKey: config.SECRET_KEY, dataDir: config.DATA_DIR };
    answerBackupRequest(db, settings, new Date()).then(
      (a) => a && logger.info({ backup: a }, 'backup on request'),
      (err: unknown) => logger.error({ err }, 'backup on request failed'),
    );
  });

const stop = async () => {
  releaseDataDir();
  await workers.stop();
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
