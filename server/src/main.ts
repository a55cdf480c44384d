import path from 'node:path';
import pino from 'pino';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import type { Deps } from './deps.ts';
import { jobHandlers, recurringJobs } from './jobs/handlers.ts';
import { startJobWorker } from './jobs/worker.ts';
import { randomIds, systemClock } from './lib/clock.ts';
import { makeSealer } from './lib/crypto.ts';
import { loadSecretKey } from './lib/secret-key.ts';
import { ensureInitialAdmin } from './modules/auth/accounts.ts';
import { seedDemo } from './modules/demo/seed.ts';
import { reindexIfEmpty } from './modules/search/reindex.ts';
import { consoleMail, fileMail, smtpMail } from './modules/notify/mail.ts';
import { consoleSms, fileSms } from './modules/notify/sms.ts';
import { startOutboxWorker } from './modules/notify/worker.ts';

// npm start: config → database (+migrations, +demo data on an empty database) → HTTP.
const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const logger = pino({
  level: config.LOG_LEVEL,
  redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
});
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const applied = await migrate(db);
if (applied.length) logger.info({ applied }, 'migrations applied');
const deps: Deps = {
  db,
  clock: systemClock,
  ids: randomIds,
  sealer: makeSealer(await loadSecretKey(config.SECRET_KEY, config.DATA_DIR)),
  sms: config.SMS_TRANSPORT === 'console' ? consoleSms() : fileSms(path.join(config.DATA_DIR, 'sms.log')),
  mail: config.SMTP_URL
    ? smtpMail(config.SMTP_URL, config.MAIL_FROM)
    : config.MAIL_TRANSPORT === 'console'
      ? consoleMail()
      : fileMail(path.join(config.DATA_DIR, 'mail.log')),
  settings: {
    sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    secureCookies: config.SECURE_COOKIES,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    routingCacheSeconds: 30,
  },
};
const empty = (await db.query('select 1 from committees limit 1')).length === 0;
if (empty && config.DEMO_SEED) {
  logger.info('empty database: building the demo committee tree (first start only)');
  const out = await seedDemo(deps, { provinceCode: config.DEMO_PROVINCE });
  logger.info(out, 'demo data ready');
}
// Data written before the search index existed is indexed once (later writes index themselves).
const reindexed = await reindexIfEmpty(deps);
if (reindexed) logger.info(reindexed, 'search index built');
const admin = await ensureInitialAdmin(deps);
const app = await buildApp(deps, { logger, webDist: config.WEB_DIST, trustProxy: config.TRUST_PROXY });
await app.listen({ port: config.PORT, host: config.HOST });
const outbox = startOutboxWorker(deps, logger);
const jobs = startJobWorker(deps, jobHandlers, 15_000, {
  recurring: recurringJobs,
  log: logger,
});
if (admin) {
  // Shown once, on the console only: there is no built-in password.
  console.log(
    `\n  Lianxin first start — staff admin account:\n    username: ${admin.username}\n    password: ${admin.password}\n  (you will be asked to change it at first login)\n`,
  );
}
console.log(
  `Lianxin 连心 ready on http://${config.HOST}:${config.PORT} (${db.kind}) in ${Math.round(performance.now() - started)} ms`,
);

const stop = async () => {
  outbox.stop();
  jobs.stop();
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
