import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';
import { earlierChecksums } from './earlier-checksums.ts';

export const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

export const migrationFilePattern = /^\d{4}_[\w-]+\.sql$/;

/** sha256 of a migration file's bytes, hex: what schema_migrations and checksums.txt record. */
export function checksum(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export type MigrateOptions = {
  /** Earlier checksums accepted per file (see earlier-checksums.ts). */
  earlier?: Readonly<Record<string, readonly string[]>>;
};

// Applies server/migrations/NNNN_name.sql in order, each recorded with its checksum. An
// advisory lock keeps two instances starting together from applying the same file twice.
// A landed migration whose file changed stops the start before anything is applied: the
// database holds what the first text did, so an edit would reach new databases only, and
// the two would drift apart unnoticed. Rows recorded before checksums existed get the
// file's checksum on the first start that sees them.
export async function migrate(db: Db, dir = migrationsDir, opts: MigrateOptions = {}): Promise<string[]> {
  const earlier = opts.earlier ?? earlierChecksums;
  const files = (await readdir(dir)).filter((f) => migrationFilePattern.test(f)).sort();
  const texts = new Map<string, Buffer>();
  for (const file of files) texts.set(file, await readFile(path.join(dir, file)));
  const applied: string[] = [];
  await db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock(7213001)');
    await q.query(`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now(), checksum text)`);
    await q.query('alter table schema_migrations add column if not exists checksum text');
    const done = await q.query<{ name: string; checksum: string | null }>(
      'select name, checksum from schema_migrations order by name',
    );
    for (const row of done) {
      const text = texts.get(row.name);
      // A file this version does not have was applied by a newer one (a rollback): its
      // tables are that version's business, and refusing here would block the rollback.
      if (text === undefined) continue;
      const sum = checksum(text);
      if (row.checksum === null) {
        await q.query('update schema_migrations set checksum = $2 where name = $1', [row.name, sum]);
      } else if (row.checksum !== sum && !earlier[row.name]?.includes(row.checksum)) {
        throw new Error(
          `migration ${row.name} changed after it was applied: the database recorded sha256 ` +
            `${row.checksum}, the file ${path.join(dir, row.name)} now has ${sum}. A landed ` +
            'migration is never edited: restore the file and put the change in a new migration.',
        );
      }
    }
    const recorded = new Set(done.map((r) => r.name));
    for (const file of files) {
      if (recorded.has(file)) continue;
      const text = texts.get(file)!;
      await q.exec(text.toString('utf8'));
      await q.query('insert into schema_migrations (name, checksum) values ($1, $2)', [file, checksum(text)]);
      applied.push(file);
    }
  });
  return applied;
}
