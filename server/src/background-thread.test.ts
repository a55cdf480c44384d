import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// On a PostgreSQL server, `npm start` runs the job queue and the outbox in a worker thread;
// this starts the real entry point and checks that the thread does the work and stops cleanly.
const url = process.env.TEST_DATABASE_URL;
const main = fileURLToPath(new URL('./main.ts', import.meta.url));

// Registered only with a server to run on, like the PostgreSQL half of every suite.
if (url)
  test('on PostgreSQL the background jobs run in their own thread, and it stops with the app', async () => {
    const name = `lx_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const dbUrl = new URL(url!);
    dbUrl.pathname = `/${name}`;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lx-thread-'));
    const app = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl.toString(),
        DATA_DIR: dataDir,
        PORT: '0',
        DEMO_SEED: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    app.stdout.on('data', (b: Buffer) => (out += b.toString()));
    app.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const db = new pg.Client({ connectionString: dbUrl.toString() });
    try {
      const deadline = Date.now() + 60_000;
      while (!/ready on http/.test(out) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      assert.match(out, /background jobs run in a thread of their own/, out);
      await db.connect();
      let done = 0;
      while (done === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        done = (
          await db.query<{ n: number }>('select count(*)::int as n from jobs where done_at is not null')
        ).rows[0]!.n;
      }
      assert.ok(done > 0, 'the thread ran the recurring jobs');
      // The search indexing loop runs there too: a queued concern is taken within seconds.
      await db.query(`insert into search_queue (kind, ref_id, queued_at) values ('concern', $1, now())`, [
        randomUUID(),
      ]);
      let queued = 1;
      while (queued > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        queued = (await db.query<{ n: number }>('select count(*)::int as n from search_queue')).rows[0]!.n;
      }
      assert.equal(queued, 0, 'the thread indexed the queue');
      assert.match(out, /"thread":"jobs"[^\n]*"msg":"jobs run"/);
      const exit = new Promise<number | null>((r) => app.once('exit', r));
      app.kill('SIGTERM');
      assert.equal(await exit, 0);
    } finally {
      app.kill('SIGKILL');
      await db.end().catch(() => undefined);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
