import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testBackends } from '../test-support/test-db.ts';
import type { Db } from './db.ts';
import { writeTogether } from './db.ts';

for (const backend of testBackends())
  describe(`writeTogether [${backend.name}]`, () => {
    let db: Db;
    before(async () => {
      db = await backend.open();
    });
    after(() => db.close());
    // Each test starts from tables of its own making, so it passes alone: empty, or with the
    // two parents the first test writes.
    const tables = async (o: { parents: boolean }) => {
      await db.exec(`drop table if exists wt_child; drop table if exists wt_parent;
        create table wt_parent (id int primary key, name text not null);
        create table wt_child (seq int generated always as identity, parent_id int not null references wt_parent (id), note text)`);
      if (o.parents)
        await db.query('insert into wt_parent (id, name) values ($1, $2), ($3, $4)', [
          1,
          'one',
          2,
          '$1 stays text',
        ]);
    };

    test('several writes, each with its own parameters, go as one statement and all land', async () => {
      await tables({ parents: false });
      await writeTogether(db, async (w) => {
        await w.query('insert into wt_child (parent_id, note) values ($1, $2), ($1, $3)', [
          1,
          'first',
          'second',
        ]);
        await w.query('insert into wt_parent (id, name) values ($1, $2)', [1, 'one']);
        await w.query('insert into wt_parent (id, name) values ($1, $2)', [2, '$1 stays text']);
      });
      // The child went in before its parent in the text: foreign keys are checked at the end.
      assert.deepEqual(await db.query('select parent_id, note from wt_child order by seq'), [
        { parent_id: 1, note: 'first' },
        { parent_id: 1, note: 'second' },
      ]);
      assert.deepEqual(await db.query('select id, name from wt_parent order by id'), [
        { id: 1, name: 'one' },
        { id: 2, name: '$1 stays text' },
      ]);
    });

    test('one failing write leaves nothing of the others', async () => {
      await tables({ parents: true });
      await assert.rejects(
        writeTogether(db, async (w) => {
          await w.query('insert into wt_parent (id, name) values ($1, $2)', [3, 'three']);
          await w.query('insert into wt_parent (id, name) values ($1, $2)', [1, 'taken']);
        }),
        (err: { code?: string }) => err.code === '23505',
      );
      assert.equal((await db.query('select 1 from wt_parent where id = 3')).length, 0);
    });

    test('reads and scripts are refused before anything is sent', async () => {
      await tables({ parents: true });
      for (const sql of ['select 1', 'with x as (select 1) insert into wt_parent (id, name) values (9, $1)'])
        await assert.rejects(
          writeTogether(db, (w) => w.query(sql, ['x']).then(() => undefined)),
          /writeTogether takes writes/,
        );
      await assert.rejects(
        writeTogether(db, (w) => w.exec('delete from wt_parent')),
        /no scripts/,
      );
      assert.equal((await db.query('select 1 from wt_parent where id = 9')).length, 0);
      assert.equal((await db.query('select 1 from wt_parent')).length, 2);
    });

    test('writes with RETURNING are counted, in order, so a caller can roll back', async () => {
      await tables({ parents: true });
      const counts = await db
        .tx(async (q) => {
          const n = await writeTogether(q, async (w) => {
            await w.query('update wt_parent set name = $2 where id = $1 returning id', [404, 'nobody']);
            await w.query('insert into wt_parent (id, name) values ($1, $2)', [7, 'seven']);
            await w.query('update wt_parent set name = name where id = any($1::int[]) returning id', [
              [1, 2, 7],
            ]);
          });
          if (n[0] === 0) throw new Error('rolled back: nothing to update');
          return n;
        })
        .catch((err: Error) => err.message);
      assert.equal(counts, 'rolled back: nothing to update');
      assert.equal((await db.query('select 1 from wt_parent where id = 7')).length, 0, 'rolled back');
      assert.deepEqual(
        await writeTogether(db, async (w) => {
          await w.query('insert into wt_parent (id, name) values ($1, $2)', [7, 'seven']);
          await w.query('update wt_parent set name = name where id = any($1::int[]) returning id', [
            [1, 2, 7],
          ]);
        }),
        [2],
        'the insert is not visible to the update in the same statement (one snapshot)',
      );
    });

    test('a prepared statement answers like any other, past the runs after which a plan is kept', async () => {
      await tables({ parents: true });
      const sql = 'select id, name from wt_parent where id = $1';
      for (let run = 0; run < 8; run++)
        for (const [id, name] of [
          [1, 'one'],
          [2, '$1 stays text'],
        ] as const)
          assert.deepEqual(await db.query(sql, [id], { prepare: true }), [{ id, name }]);
      assert.deepEqual(await db.query(sql, [42], { prepare: true }), []);
      await writeTogether(
        db,
        async (w) => {
          await w.query('insert into wt_parent (id, name) values ($1, $2)', [5, 'five']);
          await w.query('insert into wt_child (parent_id, note) values ($1, $2)', [5, 'prepared']);
        },
        { prepare: true },
      );
      assert.deepEqual(await db.query('select note from wt_child where parent_id = 5'), [
        { note: 'prepared' },
      ]);
    });
  });
