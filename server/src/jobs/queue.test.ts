import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeTestApp } from '../test-support/app.ts';
import type { TestApp } from '../test-support/app.ts';
import { testBackends } from '../test-support/test-db.ts';
import { backoffMs, enqueue, leaseMs, pruneDoneJobs, runDueJobs } from './queue.ts';
import type { JobHandlers } from './queue.ts';
import { jobTick } from './worker.ts';

// The queue on each backend, with the manual clock: no sleeps, exact times.
for (const backend of testBackends()) {
  describe(`jobs [${backend.name}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await makeTestApp(await backend.open(), { seed: false });
    });
    after(async () => {
      await t?.close();
    });
    const job = async (id: string) =>
      (
        await t.deps.db.query<{
          attempts: number;
          done_at: Date | null;
          last_error: string | null;
          run_at: Date;
          locked_until: Date | null;
        }>('select attempts, done_at, last_error, run_at, locked_until from jobs where id = $1', [id])
      )[0]!;

    test('enqueue then run: the handler gets the payload, the job is done and not run again', async () => {
      const seen: unknown[] = [];
      const handlers: JobHandlers = {
        'test.echo': async ({ job }) => {
          seen.push(job.payload);
        },
      };
      const { id, created } = await t.deps.db.tx((q) =>
        enqueue(q, t.clock, { kind: 'test.echo', payload: { n: 1 } }),
      );
      assert.equal(created, true);
      assert.deepEqual(await runDueJobs(t.deps, handlers, { limit: 10 }), {
        claimed: 1,
        done: 1,
        failed: 0,
        gaveUp: 0,
      });
      assert.deepEqual(seen, [{ n: 1 }]);
      const row = await job(id);
      assert.equal(new Date(row.done_at!).getTime(), t.clock.now().getTime());
      assert.equal(row.attempts, 1);
      assert.equal((await runDueJobs(t.deps, handlers)).claimed, 0);
      assert.deepEqual(seen, [{ n: 1 }]);
    });

    test('a job waits for its run_at; a rolled-back transaction leaves no job', async () => {
      let runs = 0;
      const handlers: JobHandlers = { 'test.later': async () => void runs++ };
      await enqueue(t.deps.db, t.clock, {
        kind: 'test.later',
        runAt: new Date(t.clock.now().getTime() + 60_000),
      });
      await assert.rejects(
        t.deps.db.tx(async (q) => {
          await enqueue(q, t.clock, { kind: 'test.later' });
          throw new Error('the change failed');
        }),
      );
      assert.equal((await runDueJobs(t.deps, handlers)).claimed, 0);
      t.clock.advance(59_999);
      assert.equal((await runDueJobs(t.deps, handlers)).claimed, 0);
      t.clock.advance(1);
      assert.equal((await runDueJobs(t.deps, handlers)).done, 1);
      assert.equal(runs, 1);
    });

    test('a dedupe key makes enqueueing idempotent', async () => {
      const a = await enqueue(t.deps.db, t.clock, { kind: 'test.once', key: 'once:1', payload: { v: 'a' } });
      const b = await t.deps.db.tx((q) =>
        enqueue(q, t.clock, { kind: 'test.once', key: 'once:1', payload: { v: 'b' } }),
      );
      assert.equal(a.created, true);
      assert.equal(b.created, false);
      assert.equal(b.id, a.id);
      const rows = await t.deps.db.query<{ payload: { v: string } }>(
        `select payload from jobs where dedupe_key = 'once:1'`,
      );
      assert.deepEqual(
        rows.map((r) => r.payload.v),
        ['a'],
      );
      const seen: string[] = [];
      await runDueJobs(t.deps, { 'test.once': async ({ job }) => void seen.push(String(job.payload.v)) });
      // Still one job after it ran: the key stays taken.
      assert.equal((await enqueue(t.deps.db, t.clock, { kind: 'test.once', key: 'once:1' })).created, false);
      await runDueJobs(t.deps, { 'test.once': async ({ job }) => void seen.push(String(job.payload.v)) });
      assert.deepEqual(seen, ['a']);
    });

    test('a failing handler is retried with backoff, its writes rolled back, until max_attempts', async () => {
      let calls = 0;
      const handlers: JobHandlers = {
        'test.fail': async ({ q }) => {
          calls++;
          await q.query(`insert into jobs (id, kind, run_at, created_at) values ($1, 'test.ghost', $2, $2)`, [
            t.deps.ids.uuid(),
            t.clock.now(),
          ]);
          throw new Error(`boom ${calls}`);
        },
      };
      const { id } = await enqueue(t.deps.db, t.clock, { kind: 'test.fail', maxAttempts: 3 });
      let r = await runDueJobs(t.deps, handlers);
      assert.deepEqual(r, { claimed: 1, done: 0, failed: 1, gaveUp: 0 });
      let row = await job(id);
      assert.equal(row.last_error, 'boom 1');
      assert.equal(row.locked_until, null);
      assert.equal(new Date(row.run_at).getTime() - t.clock.now().getTime(), backoffMs(1));
      assert.equal(backoffMs(1), 30_000);
      assert.equal(backoffMs(2), 60_000);

      t.clock.advance(backoffMs(1) - 1);
      assert.equal((await runDueJobs(t.deps, handlers)).claimed, 0, 'not before the backoff');
      t.clock.advance(1);
      r = await runDueJobs(t.deps, handlers);
      assert.equal(r.failed, 1);
      row = await job(id);
      assert.equal(row.attempts, 2);
      assert.equal(new Date(row.run_at).getTime() - t.clock.now().getTime(), 60_000);

      t.clock.advance(60_000);
      r = await runDueJobs(t.deps, handlers);
      assert.deepEqual(r, { claimed: 1, done: 0, failed: 1, gaveUp: 1 });
      t.clock.advance(86400_000);
      assert.equal((await runDueJobs(t.deps, handlers)).claimed, 0, 'no fourth attempt');
      assert.equal(calls, 3);
      row = await job(id);
      assert.equal(row.attempts, 3);
      assert.equal(row.done_at, null);
      assert.equal(row.last_error, 'boom 3');
      assert.equal(
        (await t.deps.db.query(`select 1 from jobs where kind = 'test.ghost'`)).length,
        0,
        'nothing a failed attempt wrote was kept',
      );
    });

    test('a job of an unknown kind fails with a clear error', async () => {
      const { id } = await enqueue(t.deps.db, t.clock, { kind: 'test.nobody', maxAttempts: 1 });
      assert.equal((await runDueJobs(t.deps, {})).gaveUp, 1);
      assert.equal((await job(id)).last_error, 'no handler for job kind test.nobody');
    });

    test('two runners racing claim each job once (skip locked)', async () => {
      const runs = new Map<string, number>();
      const handlers: JobHandlers = {
        'test.race': async ({ job }) => {
          runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        },
      };
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await enqueue(t.deps.db, t.clock, { kind: 'test.race' })).id);
      const [a, b] = await Promise.all([
        runDueJobs(t.deps, handlers, { limit: 40 }),
        runDueJobs(t.deps, handlers, { limit: 40 }),
      ]);
      assert.equal(a.claimed + b.claimed, 40);
      assert.equal(a.done + b.done, 40);
      assert.deepEqual([...runs.keys()].sort(), [...ids].sort());
      assert.ok(
        [...runs.values()].every((n) => n === 1),
        'no job ran twice',
      );
      // Rounds after that find nothing.
      const again = await Promise.all([runDueJobs(t.deps, handlers), runDueJobs(t.deps, handlers)]);
      assert.equal(again[0].claimed + again[1].claimed, 0);
    });

    test('a claimed job whose runner died is taken over after its lease', async () => {
      let runs = 0;
      const { id } = await enqueue(t.deps.db, t.clock, { kind: 'test.lease' });
      // A runner claimed it and vanished.
      await t.deps.db.query(`update jobs set attempts = 1, locked_until = $2 where id = $1`, [
        id,
        new Date(t.clock.now().getTime() + 5 * 60_000),
      ]);
      const handlers: JobHandlers = { 'test.lease': async () => void runs++ };
      assert.equal((await runDueJobs(t.deps, handlers)).claimed, 0);
      t.clock.advance(5 * 60_000);
      assert.equal((await runDueJobs(t.deps, handlers)).done, 1);
      assert.equal(runs, 1);
    });

    // PGlite runs one transaction at a time, so a handler (inside its transaction) cannot be
    // overtaken there; on PostgreSQL a runner slower than its lease can.
    test(
      'a runner that outlived its lease commits nothing: the job ran once',
      { skip: backend.name === 'pglite' },
      async () => {
        const { id } = await enqueue(t.deps.db, t.clock, { kind: 'test.slow' });
        let release!: () => void;
        const held = new Promise<void>((ok) => (release = ok));
        let started!: () => void;
        const slowStarted = new Promise<void>((ok) => (started = ok));
        let calls = 0;
        const handlers: JobHandlers = {
          'test.slow': async ({ q, job }) => {
            if (++calls === 1) {
              started();
              await held;
            }
            await q.query(
              `insert into jobs (id, kind, payload, run_at, created_at, done_at) values ($1, 'test.slow_effect', $2, $3, $3, $3)`,
              [t.deps.ids.uuid(), JSON.stringify({ of: job.id }), t.clock.now()],
            );
          },
        };
        const slow = runDueJobs(t.deps, handlers);
        await slowStarted;
        t.clock.advance(leaseMs);
        assert.equal((await runDueJobs(t.deps, handlers)).done, 1, 'taken over after the lease');
        release();
        const late = await slow;
        assert.equal(late.done, 0, 'the late runner lost its claim');
        const effects = await t.deps.db.query(
          `select 1 from jobs where kind = 'test.slow_effect' and payload->>'of' = $1`,
          [id],
        );
        assert.equal(effects.length, 1, 'the work committed once');
        assert.ok((await job(id)).done_at);
      },
    );

    test('recurring jobs: one per period whatever the number of ticks; done jobs are pruned', async () => {
      let runs = 0;
      const handlers: JobHandlers = { 'test.tick': async () => void runs++ };
      const recurring = [{ kind: 'test.tick', everyMs: 10 * 60_000 }];
      t.clock.set(new Date('2026-12-01T00:00:00Z'));
      await jobTick(t.deps, handlers, recurring);
      t.clock.advance(60_000);
      await jobTick(t.deps, handlers, recurring);
      await Promise.all([jobTick(t.deps, handlers, recurring), jobTick(t.deps, handlers, recurring)]);
      assert.equal(runs, 1);
      t.clock.advance(9 * 60_000);
      await jobTick(t.deps, handlers, recurring);
      assert.equal(runs, 2);
      assert.equal(
        (await t.deps.db.query(`select 1 from jobs where kind = 'test.tick'`)).length,
        2,
        'one job per period',
      );
      t.clock.advance(8 * 86400_000);
      assert.ok((await pruneDoneJobs(t.deps)) >= 2);
      assert.equal((await t.deps.db.query(`select 1 from jobs where kind = 'test.tick'`)).length, 0);
    });
  });
}
