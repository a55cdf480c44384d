import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../db/db.ts';
import { testBackends } from '../../test-support/test-db.ts';
import { change } from './change.ts';
import { manualClock } from '../../lib/clock.ts';

const actor = { accountId: '00000000-0000-4000-8000-000000000001', username: 'staff1' };

for (const backend of testBackends())
  describe(`change() [${backend.name}]`, () => {
    let db: Db;
    const clock = manualClock();
    before(async () => {
      db = await backend.open();
      await db.query('create table change_probe (id text primary key, n int not null)');
      await db.query(`insert into change_probe values ('a', 0)`);
    });
    after(() => db?.close());

    const auditRows = (action: string) =>
      db.query<{ actor_name: string; ip: string; result: string; status: number; detail: unknown }>(
        'select actor_name, ip, result, status, detail from audit_log where action = $1',
        [action],
      );
    const bump = (action: string, over: { fail?: 'assert' | 'load' | 'apply' } = {}) => {
      const seen: string[] = [];
      const run = change(
        { db, clock },
        {
          actor,
          ip: '10.0.0.1',
          assert: () => {
            seen.push('assert');
            if (over.fail === 'assert') throw new Error('assert');
          },
          load: async (q) => {
            seen.push('load');
            const [row] = await q.query<{ n: number }>(
              `select n from change_probe where id = 'a' for update`,
            );
            if (over.fail === 'load') throw new Error('load');
            return row!;
          },
          apply: async (q, row) => {
            seen.push('apply');
            await q.query(`update change_probe set n = $1 where id = 'a'`, [row.n + 1]);
            if (over.fail === 'apply') throw new Error('apply');
            return row.n + 1;
          },
          audit: (_row, n) => ({ action, targetType: 'probe', targetId: 'a', detail: { n } }),
          reload: async (_row, n) => {
            seen.push('reload');
            return n;
          },
        },
      );
      return { run, seen };
    };

    test('the change, its audit row and the answer read after commit', async () => {
      const { run, seen } = bump('probe.ok');
      const n = await run;
      assert.deepEqual(seen, ['assert', 'load', 'apply', 'reload']);
      const [{ n: stored } = { n: -1 }] = await db.query<{ n: number }>(
        `select n from change_probe where id = 'a'`,
      );
      assert.equal(stored, n);
      const rows = await auditRows('probe.ok');
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0], {
        actor_name: 'staff1',
        ip: '10.0.0.1',
        result: 'ok',
        status: 200,
        detail: { n },
      });
    });

    test('a refusal before loading reads nothing; a failure later leaves neither change nor audit', async () => {
      const [{ n: before } = { n: -1 }] = await db.query<{ n: number }>(
        `select n from change_probe where id = 'a'`,
      );
      for (const fail of ['assert', 'load', 'apply'] as const) {
        const { run, seen } = bump(`probe.${fail}`, { fail });
        await assert.rejects(run, new RegExp(fail));
        assert.ok(!seen.includes('reload'), fail);
        if (fail === 'assert') assert.deepEqual(seen, ['assert']);
        assert.equal((await auditRows(`probe.${fail}`)).length, 0, fail);
      }
      const [{ n: now } = { n: -1 }] = await db.query<{ n: number }>(
        `select n from change_probe where id = 'a'`,
      );
      assert.equal(now, before, 'the failed apply was rolled back');
    });
  });
