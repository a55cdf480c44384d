import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDb } from '../db/open.ts';

// The commands as an operator runs them, on the embedded database: a backup of the running
// app (which makes the dump itself), a restore refused while it runs, and audit:verify naming
// a row edited behind the app's back.

const cli = (name: string) => path.resolve(import.meta.dirname, `${name}.ts`);
const main = path.resolve(import.meta.dirname, '../main.ts');

describe('backup, restore and audit:verify commands [pglite]', () => {
  let work: string;
  let env: NodeJS.ProcessEnv;
  let app: ChildProcess | undefined;
  const run = (name: string, args: string[] = []) =>
    spawnSync(process.execPath, [cli(name), ...args], { env, encoding: 'utf8', timeout: 300_000 });

  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'lx-cli-'));
    env = {
      ...process.env,
      DATA_DIR: path.join(work, 'data'),
      SECRET_KEY: randomBytes(32).toString('hex'),
      DEMO_SEED: 'false',
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    delete env.DATABASE_URL;
    delete env.SEAL_ALGORITHM;
    app = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`app did not start:\n${out}`)), 240_000);
      const seen = (d: Buffer) => {
        out += d.toString();
        if (out.includes('Lianxin 连心 ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      app!.stdout!.on('data', seen);
      app!.stderr!.on('data', seen);
      app!.once('exit', (code) => reject(new Error(`app exited ${code}:\n${out}`)));
    });
  });
  after(async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGTERM');
      await new Promise((r) => app!.once('exit', r));
    }
    await rm(work, { recursive: true, force: true });
  });

  test('backup of the running app, restore refused while it runs, verify clean then naming an edited row', async () => {
    const b = run('backup', ['--out', path.join(work, 'backups')]);
    assert.equal(b.status, 0, b.stdout + b.stderr);
    assert.match(b.stdout, /asking it for a consistent dump/);
    assert.match(b.stdout, /NOT in this backup/);
    assert.match(b.stdout, /SECRET_KEY/);
    const dir = /backup written: (\S+)/.exec(b.stdout)?.[1] ?? assert.fail(b.stdout);

    const r = run('restore', [dir]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /stop it before restoring/);

    app!.kill('SIGTERM');
    await new Promise((res) => app!.once('exit', res));

    const v = run('audit-verify', ['--backup', dir]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /whole, and it holds 1 recorded head/);

    // Rows written since, then a superuser edits one with the trigger disabled.
    const db = await openDb({ dataDir: env.DATA_DIR! });
    await db.query(
      `insert into audit_log (at, actor_name, action, result) values (now(), 'a', 'auth.login', 'ok'), (now(), 'b', 'auth.login', 'ok')`,
    );
    await db.exec('alter table audit_log disable trigger audit_log_no_update');
    const [row] = await db.query<{ id: number }>('select id from audit_log order by chain_seq limit 1');
    assert.ok(row);
    await db.query("update audit_log set actor_name = 'nobody' where id = $1", [row.id]);
    await db.close();
    const bad = run('audit-verify', ['--backup', dir]);
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, new RegExp(`FIRST PROBLEM: audit row ${row.id} \\(position \\d+\\) was edited`));

    // Restored over the edited database (the old folder set aside), the chain is whole again.
    const again = run('restore', [dir, '--replace']);
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /the configured key matches/);
    assert.equal(run('audit-verify').status, 0);
  });
});
