import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/db.ts';
import { backup } from './service.ts';
import type { BackupSettings } from './service.ts';

// The embedded database can be opened by one process only, so while the app runs, `npm run
// backup` asks the app to make the dump: it writes a request file and sends SIGUSR2; the app
// dumps between two queries (PGlite's dumpDataDir) and writes the answer beside the request.

const requestFile = (dataDir: string) => path.resolve(dataDir, 'backup-request.json');
const answerFile = (dataDir: string) => path.resolve(dataDir, 'backup-answer.json');

export type BackupAnswer = { id: string; dir?: string; error?: string };

/** In the app: make the backup asked for. */
export async function answerBackupRequest(
  db: Db,
  s: BackupSettings,
  now: Date,
): Promise<BackupAnswer | undefined> {
  const file = requestFile(s.dataDir);
  if (!existsSync(file)) return undefined;
  const req = JSON.parse(await readFile(file, 'utf8')) as { id: string; into: string };
  await rm(file, { force: true });
  let answer: BackupAnswer;
  try {
    answer = { id: req.id, dir: (await backup(db, s, req.into, now)).dir };
  } catch (err) {
    answer = { id: req.id, error: (err as Error).message };
  }
  await writeFile(answerFile(s.dataDir), JSON.stringify(answer));
  return answer;
}

/** In the command: ask the running app (pid) for a backup into `into`; waits for its answer. */
export async function requestBackup(
  dataDir: string,
  pid: number,
  into: string,
  timeoutMs = 600_000,
): Promise<string> {
  const id = `${process.pid}-${Date.now()}`;
  await rm(answerFile(dataDir), { force: true });
  await writeFile(requestFile(dataDir), JSON.stringify({ id, into: path.resolve(into) }));
  process.kill(pid, 'SIGUSR2');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    if (!existsSync(answerFile(dataDir))) continue;
    const a = JSON.parse(await readFile(answerFile(dataDir), 'utf8')) as BackupAnswer;
    if (a.id !== id) continue;
    await rm(answerFile(dataDir), { force: true });
    if (a.error || !a.dir)
      throw new Error(`the running app could not make the backup: ${a.error ?? 'no answer'}`);
    return a.dir;
  }
  throw new Error(`the running app (pid ${pid}) did not answer within ${timeoutMs / 1000} s`);
}
