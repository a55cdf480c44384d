// npm run backup [-- --out DIR]
// A backup folder under DIR (default DATA_DIR/backups): PostgreSQL through pg_dump -Fc, the
// embedded PGlite as a consistent dump of its data folder (made by the running app when it
// runs, since one process only may open it). The encryption key is NOT in the backup: the
// command says where it is and that it must be kept apart.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { runningApp } from '../lib/instance-lock.ts';
import { requestBackup } from '../modules/backup/on-request.ts';
import { backup, readManifest } from '../modules/backup/service.ts';
import type { BackupManifest } from '../modules/backup/service.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = loadConfig();
const into = path.resolve(values.out ?? path.join(config.DATA_DIR, 'backups'));
const settings = { databaseUrl: config.DATABASE_URL, secretKey: config.SECRET_KEY, dataDir: config.DATA_DIR };
let result: { dir: string; manifest: BackupManifest };
try {
  const pid = config.DATABASE_URL ? undefined : runningApp(config.DATA_DIR);
  if (pid) {
    console.log(`Lianxin is running (pid ${pid}): asking it for a consistent dump…`);
    const dir = await requestBackup(config.DATA_DIR, pid, into);
    result = { dir, manifest: await readManifest(dir) };
  } else {
    const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    await migrate(db);
    result = await backup(db, settings, into, new Date());
    await db.close();
  }
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
}
const m = result.manifest;
console.log(`backup written: ${result.dir}`);
console.log(`  ${m.database}, ${m.file}, ${(m.bytes / 1e6).toFixed(1)} MB, sha256 ${m.sha256}`);
if (m.auditHead) console.log(`  audit chain head ${m.auditHead.seq}:${m.auditHead.hash}`);
if (!m.key)
  console.log(
    '\n  No key fingerprint is recorded yet: Lianxin has not started on this database, so nothing is sealed.',
  );
else
  console.log(
    `\n  The encryption key is NOT in this backup. Its fingerprint is ${m.key.fingerprint} (${m.key.algorithm});\n` +
      `  it is read from ${m.key.keptAt}. Keep a copy of that key apart from the backups\n` +
      '  (another medium, another place): a restore without it cannot read the sealed personal data.',
  );
