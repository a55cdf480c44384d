import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/db.ts';
import { migrate, migrationsDir } from '../../db/migrate.ts';
import { manualClock } from '../../lib/clock.ts';
import { testBackends } from '../../test-support/test-db.ts';
import { chainHead, verifyChain } from './chain.ts';
import { recordAudit } from './service.ts';

// What a superuser can do: drop the append-only trigger, then edit, delete or insert rows.
const untrigger = (db: Db) => db.exec('alter table audit_log disable trigger audit_log_no_update');

async function withDb(open: () => Promise<Db>, fn: (db: Db) => Promise<void>) {
  const db = await open();
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

async function write(db: Db, n: number, detail: (i: number) => Record<string, unknown> = (i) => ({ i })) {
  const clock = manualClock(new Date('2026-03-01T02:00:00Z'));
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    await recordAudit(db, clock, {
      action: 'concerns.phone_view',
      actorName: `staff${i}`,
      targetType: 'concern',
      targetId: `c${i}`,
      result: 'ok',
      status: 200,
      detail: detail(i),
    });
  }
}

const idAt = async (db: Db, seq: number) =>
  Number((await db.query<{ id: number }>('select id from audit_log where chain_seq = $1', [seq]))[0]!.id);

for (const backend of testBackends()) {
  describe(`audit chain [${backend.name}]`, () => {
    test('rows are chained in order and verify clean; the head is the last row', async () => {
      await withDb(backend.open, async (db) => {
        await write(db, 5, (i) => ({ z: i, a: { y: [1, 'x'], b: null }, 中文: '号码' }));
        const report = await verifyChain(db);
        assert.deepEqual(report.problems, []);
        assert.equal(report.rows, 5);
        const [last] = await db.query<{ hash: string }>('select hash from audit_log where chain_seq = 5');
        assert.deepEqual(await chainHead(db), { seq: 5, hash: last!.hash });
      });
    });

    test('the append-only trigger still refuses an update and a delete', async () => {
      await withDb(backend.open, async (db) => {
        await write(db, 1);
        await assert.rejects(db.query("update audit_log set actor_name = 'x'"), /append-only/);
        await assert.rejects(db.query("update audit_log set hash = 'x'"), /append-only/);
        await assert.rejects(db.query('delete from audit_log'), /append-only/);
      });
    });

    test('an edited row (trigger disabled) is named', async () => {
      await withDb(backend.open, async (db) => {
        await write(db, 6);
        await untrigger(db);
        const id = await idAt(db, 3);
        await db.query("update audit_log set actor_name = 'someone else' where id = $1", [id]);
        const { problems } = await verifyChain(db);
        assert.equal(problems.length, 1, JSON.stringify(problems));
        assert.equal(problems[0]!.kind, 'edited');
        assert.equal(problems[0]!.auditId, id);
        assert.match(problems[0]!.message, new RegExp(`audit row ${id} `));
      });
    });

    test('a deleted row is named by its position and its neighbours', async () => {
      await withDb(backend.open, async (db) => {
        await write(db, 6);
        await untrigger(db);
        const [before, after] = [await idAt(db, 3), await idAt(db, 5)];
        await db.query('delete from audit_log where chain_seq = 4');
        const { problems } = await verifyChain(db);
        assert.equal(problems.length, 1, JSON.stringify(problems));
        assert.equal(problems[0]!.kind, 'deleted');
        assert.equal(problems[0]!.seq, 4);
        assert.match(problems[0]!.message, new RegExp(`between audit rows ${before} and ${after}`));
      });
    });

    test('deleting the last rows is caught by the head', async () => {
      await withDb(backend.open, async (db) => {
        await write(db, 4);
        await untrigger(db);
        await db.query('delete from audit_log where chain_seq >= 3');
        const { problems } = await verifyChain(db);
        assert.deepEqual(
          problems.map((p) => [p.kind, p.seq]),
          [['deleted', 3]],
        );
      });
    });

    test('a row inserted with the chain trigger disabled is named', async () => {
      await withDb(backend.open, async (db) => {
        await write(db, 3);
        await db.exec('alter table audit_log disable trigger audit_log_chain');
        const [outside] = await db.query<{ id: number }>(
          `insert into audit_log (at, action, result) values (now(), 'auth.login', 'ok') returning id`,
        );
        const { problems } = await verifyChain(db);
        assert.deepEqual(
          problems.map((p) => [p.kind, p.auditId]),
          [['inserted', Number(outside!.id)]],
        );
        assert.match(problems[0]!.message, new RegExp(`audit row ${outside!.id} is outside the chain`));
      });
    });

    test('a chain rewritten from an edited row on verifies only by itself; the head kept outside catches it', async () => {
      await withDb(backend.open, async (db) => {
        await write(db, 5);
        const kept = (await chainHead(db))!;
        await untrigger(db);
        await db.query("update audit_log set actor_name = 'someone else' where chain_seq = 2");
        // The attacker recomputes every hash from there on, and the head, as the trigger would.
        const rows = await db.query<{ chain_seq: number }>(
          'select chain_seq from audit_log order by chain_seq',
        );
        for (const r of rows)
          await db.query(
            `update audit_log a set prev_hash = p.hash,
               hash = encode(digest(p.hash || E'\\n' || audit_row_content(a), 'sm3'), 'hex')
             from (select coalesce((select hash from audit_log where chain_seq = $1 - 1), repeat('0', 64)) as hash) p
             where a.chain_seq = $1`,
            [r.chain_seq],
          );
        await db.query(
          'update audit_chain set hash = (select hash from audit_log order by chain_seq desc limit 1)',
        );
        assert.deepEqual((await verifyChain(db)).problems, []);
        const { problems } = await verifyChain(db, [{ ...kept, from: 'backup X' }]);
        assert.equal(problems.length, 1);
        assert.equal(problems[0]!.kind, 'rewritten');
        assert.match(problems[0]!.message, /backup X/);
      });
    });

    test('concurrent writers chain one after another: no position twice, none skipped', async () => {
      await withDb(backend.open, async (db) => {
        const clock = manualClock();
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            i % 2
              ? recordAudit(db, clock, { action: 'auth.login', result: 'ok', detail: { i } })
              : db.tx(async (q) => {
                  await q.query('select 1');
                  await recordAudit(q, clock, { action: 'auth.login', result: 'ok', detail: { i } });
                }),
          ),
        );
        const report = await verifyChain(db);
        assert.deepEqual(report.problems, []);
        assert.equal(report.rows, 40);
        assert.equal(report.head?.seq, 40);
      });
    });

    test('a rolled-back transaction leaves no hole in the chain', async () => {
      await withDb(backend.open, async (db) => {
        await write(db, 2);
        await assert.rejects(
          db.tx(async (q) => {
            await recordAudit(q, manualClock(), { action: 'auth.login', result: 'ok' });
            throw new Error('rolled back');
          }),
        );
        await write(db, 1);
        const report = await verifyChain(db);
        assert.deepEqual(report.problems, []);
        assert.equal(report.head?.seq, 3);
      });
    });

    test('a multi-row insert chains each row in turn', async () => {
      await withDb(backend.open, async (db) => {
        await db.query(
          `insert into audit_log (at, action, result, detail) values (now(), 'a', 'ok', '{"b":1,"a":[2]}'), (now(), 'b', 'ok', '{}'), (now(), 'c', 'ok', '{}')`,
        );
        const report = await verifyChain(db);
        assert.deepEqual(report.problems, []);
        assert.equal(report.head?.seq, 3);
      });
    });

    test('rows written before the chain existed are chained by its migration, in id order', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'lx-migr-'));
      try {
        for (const f of await readdir(migrationsDir))
          if (f.endsWith('.sql') && f < '0035')
            await copyFile(path.join(migrationsDir, f), path.join(dir, f));
        const db = await testBackends({ empty: true })
          .find((b) => b.name === backend.name)!
          .open();
        try {
          await migrate(db, dir);
          await db.query(
            `insert into audit_log (at, action, result, detail) values (now(), 'auth.login', 'ok', '{"x":1}'), (now(), 'auth.logout', 'ok', '{}')`,
          );
          await migrate(db);
          const report = await verifyChain(db);
          assert.deepEqual(report.problems, []);
          assert.equal(report.head?.seq, 2);
          assert.equal(report.algorithm, 'sm3');
          await write(db, 1);
          assert.deepEqual((await verifyChain(db)).problems, []);
        } finally {
          await db.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
