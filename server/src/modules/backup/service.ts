import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/db.ts';
import { openPglite } from '../../db/pglite.ts';
import { openPostgres } from '../../db/postgres.ts';
import { keyFingerprint } from '../../lib/crypto.ts';
import { readSecretKey, secretKeyFile } from '../../lib/secret-key.ts';
import { chainHead } from '../audit/chain.ts';
import type { ChainHead } from '../audit/chain.ts';
import { recordAudit } from '../audit/service.ts';
import { recordedKey } from '../keys/fingerprint.ts';

// A backup is a folder: the database (pg_dump's custom format, or PGlite's data folder as a
// gzipped tar) and manifest.json, which says what it holds and what it needs besides: the
// encryption key, named by its fingerprint and where it was read from, never included, since
// a backup that carries its key gives the personal data to whoever gets the backup. The
// manifest also carries the audit chain's head at that moment, a checkpoint that a rewritten
// log cannot match (npm run audit:verify -- --backup DIR).

export const manifestFormat = 'lianxin-backup/1';

export type BackupManifest = {
  format: typeof manifestFormat;
  createdAt: string;
  database: Db['kind'];
  file: string;
  bytes: number;
  sha256: string;
  migrations: string[];
  key: { fingerprint: string; algorithm: string; keptAt: string; note: string } | null;
  auditHead: ChainHead | null;
};

export type BackupSettings = {
  /** PostgreSQL: the server pg_dump reads; unset: the db is PGlite. */
  databaseUrl?: string | undefined;
  secretKey?: string | undefined;
  dataDir: string;
};

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Writes a new backup folder under `into`; returns its path and manifest. */
export async function backup(
  db: Db,
  s: BackupSettings,
  into: string,
  now: Date,
): Promise<{ dir: string; manifest: BackupManifest }> {
  const dir = path.resolve(into, `lianxin-${db.kind}-${stamp(now)}`);
  await mkdir(dir, { recursive: true });
  // Read before the dump: the dump holds at least this much of the chain, so the head is a
  // checkpoint the restored log must contain.
  const key = await recordedKey(db);
  const auditHead = await chainHead(db);
  const migrations = (
    await db.query<{ name: string }>('select name from schema_migrations order by name')
  ).map((r) => r.name);
  let file: string;
  if (db.kind === 'pglite') {
    if (!db.dumpDataDir) throw new Error('this PGlite handle cannot dump its data folder');
    file = 'pglite-data.tar.gz';
    await writeFile(path.join(dir, file), Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
  } else {
    if (!s.databaseUrl) throw new Error('a PostgreSQL backup needs DATABASE_URL');
    file = 'database.pgdump';
    const c = connection(s.databaseUrl);
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', path.join(dir, file), c.url], c.env);
  }
  const bytes = await readFile(path.join(dir, file));
  const manifest: BackupManifest = {
    format: manifestFormat,
    createdAt: now.toISOString(),
    database: db.kind,
    file,
    bytes: bytes.length,
    sha256: sha256(bytes),
    migrations,
    key: key
      ? {
          fingerprint: key.fingerprint,
          algorithm: key.algorithm,
          keptAt: s.secretKey ? 'the SECRET_KEY environment variable' : secretKeyFile(s.dataDir),
          note: 'The key is not in this backup. Keep a copy of it apart from the backups: without it the sealed personal data cannot be read.',
        }
      : null,
    auditHead,
  };
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await recordAudit(
    db,
    { now: () => now },
    {
      actorName: 'npm run backup',
      action: 'platform.backup',
      result: 'ok',
      detail: { backup: path.basename(dir), database: db.kind, sha256: manifest.sha256, auditHead },
    },
  );
  return { dir, manifest };
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (m.format !== manifestFormat)
    throw new Error(`${dir}: not a Lianxin backup (format ${String(m.format)})`);
  return m;
}

export type RestoreResult = {
  manifest: BackupManifest;
  /** Whether the key configured now is the one the backup's data is sealed with. */
  key: 'matches' | 'differs' | 'missing' | 'not-recorded';
  /** PGlite with replace: where the data folder that was there went. */
  setAside?: string;
};

/**
 * Puts a backup back: into the PostgreSQL database of `databaseUrl`, or into DATA_DIR/pglite.
 * Refuses a target that holds data unless `replace` (PGlite: the old folder is set aside,
 * never deleted; PostgreSQL: pg_restore --clean drops what the backup holds).
 */
export async function restore(
  dir: string,
  s: BackupSettings,
  opts: { replace?: boolean; now: Date },
): Promise<RestoreResult> {
  const manifest = await readManifest(dir);
  const file = path.join(dir, manifest.file);
  const bytes = await readFile(file);
  if (bytes.length !== manifest.bytes || sha256(bytes) !== manifest.sha256)
    throw new Error(`${file} does not match its manifest (size or sha256): the backup is damaged`);
  let setAside: string | undefined;
  if (manifest.database === 'pglite') {
    const target = path.resolve(s.dataDir, 'pglite');
    if (existsSync(target) && (await readdir(target)).length) {
      if (!opts.replace)
        throw new Error(`${target} holds a database: pass --replace to set it aside and restore over it`);
      setAside = `${target}.replaced-${stamp(opts.now)}`;
      await rename(target, setAside);
    }
    await mkdir(target, { recursive: true });
    const db = await openPglite(target, new Blob([bytes]));
    await recordRestore(db, manifest, opts.now);
    await db.close();
  } else {
    if (!s.databaseUrl) throw new Error('a PostgreSQL backup is restored into DATABASE_URL: set it');
    const c = connection(s.databaseUrl);
    const args = ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', c.url];
    if (opts.replace) args.unshift('--clean', '--if-exists');
    await run('pg_restore', [...args, file], c.env);
    const db = await openPostgres(s.databaseUrl, 1);
    await recordRestore(db, manifest, opts.now);
    await db.close();
  }
  return { manifest, key: await keyAgainst(manifest, s), ...(setAside ? { setAside } : {}) };
}

/** The restored log says it was restored, and from what: the next row of its chain. */
const recordRestore = (db: Db, m: BackupManifest, now: Date) =>
  recordAudit(
    db,
    { now: () => now },
    {
      actorName: 'npm run restore',
      action: 'platform.restore',
      result: 'ok',
      detail: { backupOf: m.createdAt, database: m.database, sha256: m.sha256, auditHead: m.auditHead },
    },
  );

async function keyAgainst(m: BackupManifest, s: BackupSettings): Promise<RestoreResult['key']> {
  if (!m.key) return 'not-recorded';
  const found = await readSecretKey(s.secretKey, s.dataDir).catch(() => undefined);
  if (!found) return 'missing';
  return keyFingerprint(found.key) === m.key.fingerprint ? 'matches' : 'differs';
}

/** The URL without its password, which goes in PGPASSWORD: a command line is visible to `ps`. */
function connection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a PostgreSQL tool; its stderr is the error when it fails (a version mismatch, a refused login). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', (e) => reject(new Error(`${cmd}: ${e.message} (is the PostgreSQL client installed?)`)));
    p.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${err.trim().slice(0, 2000)}`)),
    );
  });
}
