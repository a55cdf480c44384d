// npm run restore -- BACKUP_DIR [--replace]
// Puts a backup made by `npm run backup` back into the configured database (DATABASE_URL, or
// DATA_DIR's embedded one). A target holding data is refused unless --replace (PGlite: the old
// folder is set aside, not deleted). Then checks the configured key against the backup's.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { runningApp } from '../lib/instance-lock.ts';
import { restore } from '../modules/backup/service.ts';

const { values, positionals } = parseArgs({
  options: { replace: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const dir = positionals[0];
if (!dir) {
  console.error('usage: npm run restore -- BACKUP_DIR [--replace]');
  process.exit(2);
}
const config = loadConfig();
const pid = config.DATABASE_URL ? undefined : runningApp(config.DATA_DIR);
if (pid) {
  console.error(`Lianxin is running (pid ${pid}) on ${config.DATA_DIR}: stop it before restoring.`);
  process.exit(2);
}
try {
  const r = await restore(
    dir,
    { databaseUrl: config.DATABASE_URL, secretKey: config.SECRET_KEY, dataDir: config.DATA_DIR },
    { replace: values.replace, now: new Date() },
  );
  const m = r.manifest;
  console.log(`restored ${m.database} backup of ${m.createdAt} (${m.migrations.length} migrations)`);
  if (r.setAside) console.log(`  the data folder that was there is kept at ${r.setAside}`);
  if (m.auditHead)
    console.log(
      `  audit chain head at backup: ${m.auditHead.seq}:${m.auditHead.hash} (npm run audit:verify -- --backup ${dir})`,
    );
  if (m.key) {
    const says = {
      matches: 'the configured key matches: Lianxin can start',
      differs:
        'the configured key is ANOTHER key: set SECRET_KEY or DATA_DIR/secret.key to the right one before starting',
      missing: 'no key is configured: set SECRET_KEY or put the key into DATA_DIR/secret.key before starting',
      'not-recorded': '',
    }[r.key];
    console.log(
      `  the data is sealed with the key of fingerprint ${m.key.fingerprint} (${m.key.algorithm}): ${says}`,
    );
  }
  process.exit(r.key === 'matches' || r.key === 'not-recorded' ? 0 : 3);
} catch (err) {
  console.error(`restore failed: ${(err as Error).message}`);
  process.exit(1);
}
