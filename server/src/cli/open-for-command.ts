import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { runningApp } from '../lib/instance-lock.ts';

/**
 * The configured database for a maintenance command. On PGlite, refused while the app runs
 * on the same data folder (one process only may open it): the message says what to do.
 */
export async function openForCommand(config: Config, whileRunning: string): Promise<Db> {
  if (!config.DATABASE_URL) {
    const pid = runningApp(config.DATA_DIR);
    if (pid) {
      console.error(
        `Lianxin is running (pid ${pid}) on the embedded database in ${config.DATA_DIR}, which one process only may open. ${whileRunning}`,
      );
      process.exit(2);
    }
  }
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrate(db);
  return db;
}
