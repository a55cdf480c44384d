import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The embedded PGlite may be opened by one process only: a command (backup, restore, key
// rotation, audit verification) that opened the data folder of a running app would corrupt
// it. The app writes its pid into DATA_DIR; commands read it first.

const lockFile = (dataDir: string) => path.resolve(dataDir, 'lianxin.pid');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The pid of a running app on this data folder (not this process), if any. */
export function runningApp(dataDir: string): number | undefined {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

/** Marks this process as the app on the data folder; the returned function unmarks it. */
export function holdDataDir(dataDir: string): () => void {
  const file = lockFile(dataDir);
  writeFileSync(file, String(process.pid));
  return () => {
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
  };
}
