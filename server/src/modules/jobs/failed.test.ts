import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { circuitMaxOpenMs } from '../notify/circuits.ts';
import { giveUpAfterMs } from '../notify/delivery.ts';
import { deliverPending, enqueue as enqueueMessage } from '../notify/outbox.ts';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { enqueue, runDueJobs } from '../../jobs/queue.ts';
import type { JobHandlers } from '../../jobs/queue.ts';

// The admins' view of what gave up: jobs out of attempts, SMS/email the outbox stopped on.
eachBackend('failed jobs and messages', (t) => {
  let root: Session; // admin of the province
  let countyAdmin: Session; // admin of 131121
  let otherAdmin: Session; // admin of 131122
  let staff: Session;
  let countyJob: string;
  let rootJob: string;
  let message: string;
  let broken = true;
  const handlers: JobHandlers = {
    'test.flaky': async ({ q, job }) => {
      if (broken) throw new Error('upstream said 503');
      await q.query(`update jobs set payload = payload || '{"ran": true}' where id = $1`, [job.id]);
    },
  };
  const failed = async (s: Session) => {
    const r = await s.get('/api/jobs/failed');
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as {
      items: { id: string; type: string; lastError: string; attempts: number }[];
      total: number;
    };
  };

  before(async () => {
    await t().account({ username: 'fjroot', role: 'admin', region: '130000' });
    await t().account({ username: 'fjcounty', role: 'admin', region: '131121' });
    await t().account({ username: 'fjother', role: 'admin', region: '131122' });
    await t().account({ username: 'fjstaff', role: 'staff', region: '130000' });
    const county = await t().committee('131121');
    countyJob = (
      await enqueue(t().deps.db, t().clock, { kind: 'test.flaky', maxAttempts: 2, committeeId: county.id })
    ).id;
    rootJob = (await enqueue(t().deps.db, t().clock, { kind: 'test.flaky', maxAttempts: 1 })).id;
    const first = await runDueJobs(t().deps, handlers);
    assert.equal(first.gaveUp, 1, 'the one-attempt job gives up at once');
    t().clock.advance(60_000);
    assert.equal((await runDueJobs(t().deps, handlers)).gaveUp, 1);

    await enqueueMessage(t().deps.db, t().deps, {
      channel: 'sms',
      kind: 'concern.answered',
      phoneSealed: t().deps.sealer.seal('13900001111'),
      text: '【连心】测试',
      committeeId: county.id,
    });
    message = (
      await t().deps.db.query<{ id: string }>(`select id from outbox where kind = 'concern.answered'`)
    )[0]!.id;
    // The gateway refuses this message for more than a day, tried as often as its backoff allows.
    const sms = t().deps.sms;
    t().deps.sms = { send: async () => Promise.reject(new Error('gateway timeout')) };
    for (let h = 0; h < 30; h++) {
      await deliverPending(t().deps);
      t().clock.advance(3600_000);
    }
    t().deps.sms = sms;
    t().clock.advance(circuitMaxOpenMs);
    root = await t().login('fjroot');
    countyAdmin = await t().login('fjcounty');
    otherAdmin = await t().login('fjother');
    staff = await t().login('fjstaff');
  });

  test('a message is given up after a day of failures, not before', async () => {
    const [row] = await t().deps.db.query<{ first_failed_at: Date; given_up_at: Date; attempts: number }>(
      'select first_failed_at, given_up_at, attempts from outbox where id = $1',
      [message],
    );
    const failingFor = new Date(row!.given_up_at).getTime() - new Date(row!.first_failed_at).getTime();
    assert.ok(failingFor >= giveUpAfterMs && failingFor < giveUpAfterMs + 7 * 3600_000, `${failingFor} ms`);
    assert.ok(row!.attempts >= 8 && row!.attempts <= 12, `${row!.attempts} attempts`);
  });

  test('the root admin sees every failed job and message with its last error', async () => {
    const l = await failed(root);
    const byId = new Map(l.items.map((i) => [i.id, i]));
    assert.deepEqual(
      [countyJob, rootJob, message].map((id) => byId.get(id)?.type),
      ['job', 'job', 'message'],
    );
    assert.equal(byId.get(countyJob)!.lastError, 'upstream said 503');
    assert.equal(byId.get(countyJob)!.attempts, 2);
    assert.equal(byId.get(message)!.lastError, 'gateway timeout');
    assert.ok(byId.get(message)!.attempts > 1);
  });

  test('an admin below the root sees their subtree only; staff see the messages only', async () => {
    assert.deepEqual((await failed(countyAdmin)).items.map((i) => i.id).sort(), [countyJob, message].sort());
    assert.equal((await failed(otherAdmin)).total, 0);
    assert.deepEqual(
      (await failed(staff)).items.map((i) => i.id),
      [message],
    );
    const job = await staff.send('POST', `/api/jobs/${rootJob}/retry`);
    assert.equal(job.statusCode, 404, job.body);
    for (const id of [countyJob, message, rootJob]) {
      const r = await otherAdmin.send('POST', `/api/jobs/${id}/retry`);
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, 'jobs.not_found');
    }
    assert.equal((await countyAdmin.send('POST', `/api/jobs/${rootJob}/retry`)).statusCode, 404);
    const denied = await t().deps.db.query<{ result: string }>(
      `select result from audit_log where action = 'jobs.retry' and actor_name = 'fjother'`,
    );
    assert.ok(denied.length >= 3 && denied.every((d) => d.result === 'denied'));
  });

  test('a retry runs the job again and sends the message; each retry is audited', async () => {
    broken = false;
    const r = await countyAdmin.send('POST', `/api/jobs/${countyJob}/retry`);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { id: countyJob, type: 'job' });
    assert.equal((await runDueJobs(t().deps, handlers)).done, 1);
    const [job] = await t().deps.db.query<{ done_at: Date | null; payload: { ran?: boolean } }>(
      'select done_at, payload from jobs where id = $1',
      [countyJob],
    );
    assert.ok(job!.done_at);
    assert.equal(job!.payload.ran, true);

    const m = await root.send('POST', `/api/jobs/${message}/retry`);
    assert.equal(m.statusCode, 200, m.body);
    assert.equal((await deliverPending(t().deps)).sent, 1);
    assert.equal(t().sms.last('13900001111')?.text, '【连心】测试');
    assert.deepEqual(
      (await failed(root)).items.map((i) => i.id),
      [rootJob],
    );
    // Done or sent now: nothing to retry.
    const again = await countyAdmin.send('POST', `/api/jobs/${countyJob}/retry`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'jobs.not_failed');
    const audit = await t().deps.db.query<{ actor_name: string; target_type: string; target_id: string }>(
      `select actor_name, target_type, target_id from audit_log where action = 'jobs.retry' and result = 'ok' order by id`,
    );
    assert.deepEqual(
      audit.map((a) => [a.actor_name, a.target_type, a.target_id]),
      [
        ['fjcounty', 'job', countyJob],
        ['fjroot', 'message', message],
      ],
    );
  });
});
