import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export async function openDb(opts: {
  databaseUrl?: string;
  dataDir: string;
  connectTimeoutMs?: number;
}): Promise<Db> {
  if (opts.databaseUrl)
    return openPostgres(opts.databaseUrl, 10, { connectTimeoutMs: opts.connectTimeoutMs });
  const dir = path.resolve(opts.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  return openPglite(dir);
}
