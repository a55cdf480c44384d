import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { testBackends } from '../test-support/test-db.ts';
import type { Db } from './db.ts';
import { earlierChecksums } from './earlier-checksums.ts';
import { checksum, migrate, migrationsDir } from './migrate.ts';

const checkScript = fileURLToPath(new URL('../../../scripts/check-migrations.ts', import.meta.url));

async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lx-migrations-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(path.join(dir, name), sql);
  return dir;
}

/** What the runner did before checksums: names only, in a table without the column. */
async function migrateWithoutChecksums(db: Db, dir: string) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  await db.exec(`create table schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`);
  for (const file of files) {
    await db.exec(await readFile(path.join(dir, file), 'utf8'));
    await db.query('insert into schema_migrations (name) values ($1)', [file]);
  }
}

async function recorded(db: Db) {
  return db.query<{ name: string; checksum: string | null }>(
    'select name, checksum from schema_migrations order by name',
  );
}

for (const backend of testBackends({ empty: true }))
  describe(`migrations runner [${backend.name}]`, () => {
    test('a fresh database records each migration with the checksum of its file', async () => {
      const db = await backend.open();
      try {
        const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
        assert.deepEqual(await migrate(db), files);
        const sums = await Promise.all(
          files.map(async (f) => checksum(await readFile(path.join(migrationsDir, f)))),
        );
        assert.deepEqual(
          await recorded(db),
          files.map((name, i) => ({ name, checksum: sums[i] })),
        );
        assert.deepEqual(await migrate(db), []);
      } finally {
        await db.close();
      }
    });

    test('a migration edited after it was applied stops the start, naming the file, and nothing newer is applied', async () => {
      const dir = await tempDir({
        '0001_a.sql': 'create table mig_a (id int);',
        '0002_b.sql': 'create table mig_b (id int);',
      });
      const db = await backend.open();
      try {
        await migrate(db, dir, { earlier: {} });
        await writeFile(path.join(dir, '0002_b.sql'), 'create table mig_b (id int, note text);');
        await writeFile(path.join(dir, '0003_c.sql'), 'create table mig_c (id int);');
        await assert.rejects(migrate(db, dir, { earlier: {} }), (err: Error) => {
          assert.match(err.message, /migration 0002_b\.sql changed after it was applied/);
          assert.ok(err.message.includes(path.join(dir, '0002_b.sql')), err.message);
          return true;
        });
        assert.deepEqual(
          (await recorded(db)).map((r) => r.name),
          ['0001_a.sql', '0002_b.sql'],
        );
        assert.deepEqual(await db.query(`select to_regclass('mig_c') as t`), [{ t: null }]);
      } finally {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      }
    });

    test('an earlier checksum on the accepted list is no change', async () => {
      const first = 'create table mig_e (id int);';
      const dir = await tempDir({ '0001_e.sql': first });
      const db = await backend.open();
      try {
        await migrate(db, dir, { earlier: {} });
        await writeFile(path.join(dir, '0001_e.sql'), `${first}\n-- explained\n`);
        assert.deepEqual(await migrate(db, dir, { earlier: { '0001_e.sql': [checksum(first)] } }), []);
        // The record keeps what the database applied.
        assert.deepEqual(await recorded(db), [{ name: '0001_e.sql', checksum: checksum(first) }]);
      } finally {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      }
    });

    test('a database migrated before checksums gets them backfilled; one that applied the first 0005 gets its surname index from 0017', async () => {
      // The tree as it was before the surname index: 0001-0016 with 0005's first text.
      const earlier = earlierChecksums['0005_member_search.sql']![0]!;
      const firstText = (await readFile(path.join(migrationsDir, '0005_member_search.sql'), 'utf8'))
        .split('\n')
        .filter((l) => !/surname|persons_name_prefix_idx/.test(l))
        .join('\n');
      assert.equal(checksum(firstText), earlier, 'the first text of 0005 rebuilt');
      const dir = await tempDir({});
      await cp(migrationsDir, dir, {
        recursive: true,
        filter: (src) => src === migrationsDir || /\/00(0\d|1[0-6])_[^/]*\.sql$/.test(src),
      });
      await writeFile(path.join(dir, '0005_member_search.sql'), firstText);
      const db = await backend.open();
      try {
        await migrateWithoutChecksums(db, dir);
        const index = `select count(*)::int as n from pg_indexes where indexname = 'persons_name_prefix_idx'`;
        assert.deepEqual(await db.query(index), [{ n: 0 }]);
        // A start with the current tree. The database cannot say which text of 0005 it applied,
        // so the backfill records the file's checksum; the index comes from 0017 either way.
        const applied = await migrate(db);
        assert.ok(applied.includes('0017_member_name_prefix.sql'), applied.join());
        assert.ok(!applied.some((f) => f < '0017'), applied.join());
        assert.deepEqual(await db.query(index), [{ n: 1 }]);
        for (const row of await recorded(db))
          assert.equal(row.checksum, checksum(await readFile(path.join(migrationsDir, row.name))), row.name);
        assert.deepEqual(await migrate(db), []);
      } finally {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      }
    });

    test('0018 gives the notices written before it their keys, from the sentences stored then', async () => {
      const dir = await tempDir({});
      await cp(migrationsDir, dir, {
        recursive: true,
        filter: (src) => src === migrationsDir || /\/00(0\d|1[0-7])_[^/]*\.sql$/.test(src),
      });
      const db = await backend.open();
      try {
        await migrate(db, dir);
        const titles = [
          ['concern.routed', '收到一条新的群众诉求，请及时受理'],
          ['concern.escalated', '衡水市桃城区政协上报了一条群众诉求，请交办'],
          ['concern.escalated', '下级上报了一条群众诉求，请交办'],
          ['common_issue.grown', '共性问题「路灯不亮」已有 6 件诉求，来自 3 个工作室'],
          ['test.other', '一条没有对应文本的通知'],
        ];
        for (const [i, [kind, title]] of titles.entries())
          await db.query(
            `insert into outbox (id, kind, channel, recipient, audience, payload, created_at)
             values ($1, $2, 'in_app', 'someone', 'account', $3, now())`,
            [`00000000-0000-4000-8000-00000000000${i}`, kind, JSON.stringify({ title, concernId: 'k' })],
          );
        // The tree went up to 0017; a start with the current one applies 0018 first (and what came after).
        const applied = await migrate(db);
        assert.equal(applied[0], '0018_notice_keys.sql', applied.join());
        assert.ok(!applied.some((f) => f < '0018'), applied.join());
        assert.deepEqual(await db.query('select kind, message_key, message_params from outbox order by id'), [
          { kind: 'concern.routed', message_key: 'concern.new_for_member', message_params: {} },
          {
            kind: 'concern.escalated',
            message_key: 'concern.escalated',
            message_params: { from: '衡水市桃城区政协' },
          },
          { kind: 'concern.escalated', message_key: 'concern.escalated_from_below', message_params: {} },
          {
            kind: 'common_issue.grown',
            message_key: 'common_issue.grown',
            message_params: { title: '路灯不亮', concerns: 6, studios: 3 },
          },
          { kind: 'test.other', message_key: null, message_params: null },
        ]);
      } finally {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

describe('scripts/check-migrations.ts', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [checkScript, ...args], { encoding: 'utf8' });

  test('the tree passes: every migration is listed with its checksum', () => {
    const out = run();
    assert.equal(out.status, 0, out.stderr);
  });

  test('fails on a listed migration changed or removed, and on one not listed until --add', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lx-migrations-'));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      assert.equal(run(dir).status, 0, run(dir).stderr);

      const file = path.join(dir, '0003_concerns.sql');
      const text = await readFile(file, 'utf8');
      await writeFile(file, `${text}\ncreate index concerns_extra_idx on concerns (created_at);\n`);
      let out = run(dir);
      assert.equal(out.status, 1);
      assert.match(out.stderr, /0003_concerns\.sql changed after it landed/);
      // --add registers new files only: it never blesses a changed one.
      assert.equal(run(dir, '--add').status, 1);
      await writeFile(file, text);

      await rm(path.join(dir, '0002_studios.sql'));
      out = run(dir);
      assert.equal(out.status, 1);
      assert.match(out.stderr, /0002_studios\.sql is listed in checksums\.txt but was removed/);
      await cp(path.join(migrationsDir, '0002_studios.sql'), path.join(dir, '0002_studios.sql'));

      await writeFile(path.join(dir, '0099_new.sql'), 'select 1;\n');
      out = run(dir);
      assert.equal(out.status, 1);
      assert.match(out.stderr, /0099_new\.sql is not in checksums\.txt/);
      assert.equal(run(dir, '--add').status, 0);
      assert.equal(run(dir).status, 0);
      const listed = await readFile(path.join(dir, 'checksums.txt'), 'utf8');
      assert.ok(listed.endsWith(`${checksum('select 1;\n')}  0099_new.sql\n`), listed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
