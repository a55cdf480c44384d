import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db, Queryable } from '../../db/db.ts';
import type { SmsGateway } from '../../lib/sms.ts';
import { approvedStudio, freshPhone, staffOf, submittedConcern } from '../../test-support/fixtures.ts';
import type { TestApp } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { circuitFailures, circuitMaxOpenMs } from './circuits.ts';
import { retryDelayMs } from './delivery.ts';
import { deliverPending, enqueue, outboxLeaseMs } from './outbox.ts';

// Every SMS exactly once: concurrent flushes, a gateway outage, a sender that dies between
// sending and marking sent. Read from the memory transport, which (like a real gateway)
// drops a message whose idempotency key it has already delivered, and counts the repeat.

/** SMS delivered to this phone whose text names the tracking code. */
const deliveredTo = (t: TestApp, phone: string, marker: string) =>
  t.sms.sent.filter((m) => m.to === phone && m.text.includes(marker)).length;

/** A gateway that refuses while `down` and counts every call. */
function flakyGateway(real: SmsGateway) {
  const g = {
    down: true,
    calls: 0,
    async send(to: string, text: string, o?: { key?: string }) {
      g.calls++;
      if (g.down) throw new Error('connect ECONNREFUSED 10.0.0.8:443');
      return real.send(to, text, o);
    },
  };
  return g;
}

async function queueSms(t: TestApp, n: number, kind: string) {
  const phones: string[] = [];
  for (let i = 0; i < n; i++) {
    const phone = freshPhone();
    phones.push(phone);
    await enqueue(t.deps.db, t.deps, {
      channel: 'sms',
      kind,
      phoneSealed: t.deps.sealer.seal(phone),
      text: `【连心】${kind} ${i}`,
    });
  }
  return phones;
}

const rowsOf = (t: TestApp, kind: string) =>
  t.deps.db.query<{ attempts: number; sent_at: Date | null; given_up_at: Date | null }>(
    'select attempts, sent_at, given_up_at from outbox where kind = $1',
    [kind],
  );

test('retries back off 30 s, 2 min, 10 min, 1 h … 6 h, each within a fifth either way', () => {
  const base = [30, 120, 600, 3600, 7200, 14400, 21600, 21600, 21600].map((s) => s * 1000);
  for (const id of ['a1', 'b2', 'c3', 'd4'])
    base.forEach((b, i) => {
      const d = retryDelayMs(i + 1, id);
      assert.ok(d >= b * 0.8 && d <= b * 1.2, `attempt ${i + 1} of ${id}: ${d} ms`);
    });
  assert.notEqual(retryDelayMs(1, 'a1'), retryDelayMs(1, 'b2'), 'messages failed together spread out');
  assert.equal(retryDelayMs(3, 'a1'), retryDelayMs(3, 'a1'), 'and each one is predictable');
});

eachBackend('outbox: every SMS exactly once', (t) => {
  test('20 staff replies at once, each flushing, with more flushes racing: one SMS per citizen', async () => {
    const studio = await approvedStudio(t(), { members: 1 });
    const county = (await staffOf(t(), '131121')).session;
    const concerns: { id: string; trackingCode: string; phone: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const phone = freshPhone();
      const c = await submittedConcern(t(), { studioCode: studio.code, phone, text: `楼道灯不亮 ${i}` });
      assert.equal((await county.send('POST', `/api/concerns/${c.id}/accept`)).statusCode, 200);
      concerns.push({ id: c.id, trackingCode: c.trackingCode, phone });
    }
    // A real gateway answers after a network round trip: the window in which another flush
    // could take the same row.
    const real = t().deps.sms;
    t().deps.sms = {
      send: (to, text, o) => new Promise((ok) => setTimeout(ok, 3)).then(() => real.send(to, text, o)),
    };
    const replies = concerns.map((c) =>
      county.send('POST', `/api/concerns/${c.id}/reply`, { text: '已修复，感谢反映。' }),
    );
    const flushes = Array.from({ length: 20 }, () => deliverPending(t().deps));
    try {
      const answers = await Promise.all(replies);
      await Promise.all(flushes);
      for (const r of answers) assert.equal(r.statusCode, 200, r.body);
      await Promise.all([deliverPending(t().deps), deliverPending(t().deps)]);
    } finally {
      t().deps.sms = real;
    }
    assert.deepEqual(
      // The answer's SMS (the submission's own, with the tracking code, went out before).
      concerns.map((c) => deliveredTo(t(), c.phone, '已有答复')),
      concerns.map(() => 1),
      'each citizen got exactly one SMS',
    );
    const pending = await t().deps.db.query(
      `select 1 from outbox where kind = 'concern.answered' and sent_at is null and payload->>'concernId' = any($1::text[])`,
      [concerns.map((c) => c.id)],
    );
    assert.equal(pending.length, 0, 'every message marked sent');
  });

  test('the gateway down for an hour: few attempts, nothing given up, each delivered once after', async (c) => {
    const real = t().deps.sms;
    const gateway = flakyGateway(real);
    t().deps.sms = gateway;
    const adminAccount = await staffOf(t(), '130000', 'admin');
    const admin = adminAccount.session;
    const staff = (await staffOf(t(), '131121')).session;
    try {
      const downSince = t().clock.now();
      const phones = await queueSms(t(), 30, 'test.outage');
      let maxSeen = 0;
      for (let s = 0; s < 3600; s += 5) {
        await deliverPending(t().deps);
        t().clock.advance(5_000);
        if (s === 600) {
          for (const who of [admin, staff]) {
            const v = await who.get('/api/jobs/failed');
            assert.equal(v.statusCode, 200, v.body);
            assert.deepEqual(v.json().outages, [
              { channel: 'sms', since: downSince.toISOString(), waiting: 30 },
            ]);
          }
        }
        maxSeen = Math.max(maxSeen, ...(await rowsOf(t(), 'test.outage')).map((r) => r.attempts));
      }
      const rows = await rowsOf(t(), 'test.outage');
      assert.equal(rows.filter((r) => r.sent_at).length, 0);
      assert.equal(rows.filter((r) => r.given_up_at).length, 0, 'nothing given up within a day');
      c.diagnostic(`an hour down: ${gateway.calls} gateway calls, at most ${maxSeen} attempt(s) per message`);
      assert.ok(maxSeen <= 2, `a row was tried ${maxSeen} times in the hour`);
      assert.ok(gateway.calls <= 15, `the gateway was called ${gateway.calls} times in the hour`);

      gateway.down = false;
      for (let s = 0; s < 1800 && (await rowsOf(t(), 'test.outage')).some((r) => !r.sent_at); s += 5) {
        await deliverPending(t().deps);
        t().clock.advance(5_000);
      }
      assert.deepEqual(
        phones.map((p) => deliveredTo(t(), p, 'test.outage')),
        phones.map(() => 1),
        'each delivered once when the gateway is back',
      );
      // (A new session: the simulated hours outlast the idle timeout.)
      const after = await (await adminAccount.login()).get('/api/jobs/failed');
      assert.deepEqual(after.json().outages, [], after.body);
    } finally {
      t().deps.sms = real;
    }
  });

  test('an open circuit pauses the channel; when it half-opens, racing flushes send one probe', async () => {
    const real = t().deps.sms;
    const gateway = flakyGateway(real);
    t().deps.sms = gateway;
    try {
      const phones = await queueSms(t(), circuitFailures + 3, 'test.probe');
      await deliverPending(t().deps);
      assert.equal(gateway.calls, circuitFailures, 'the batch stops when the circuit opens');
      const attempts = (await rowsOf(t(), 'test.probe')).map((r) => r.attempts).sort();
      assert.deepEqual(attempts, [0, 0, 0, 1, 1, 1, 1, 1], 'the rest handed back untried');
      await Promise.all([deliverPending(t().deps), deliverPending(t().deps)]);
      assert.equal(gateway.calls, circuitFailures, 'nothing sent while open');
      t().clock.advance(circuitMaxOpenMs);
      await Promise.all(Array.from({ length: 5 }, () => deliverPending(t().deps)));
      assert.equal(gateway.calls, circuitFailures + 1, 'one probe');
      gateway.down = false;
      t().clock.advance(circuitMaxOpenMs);
      await Promise.all(Array.from({ length: 3 }, () => deliverPending(t().deps)));
      await deliverPending(t().deps);
      assert.deepEqual(
        phones.map((p) => deliveredTo(t(), p, 'test.probe')),
        phones.map(() => 1),
        'the probe closed it, and the waiting ones went at once',
      );
    } finally {
      t().deps.sms = real;
    }
  });

  test('a sender that dies between sending and marking sent: one repeat after the lease, dropped by the key', async () => {
    const [phone] = await queueSms(t(), 1, 'test.crash');
    const repeatsBefore = t().sms.repeats;
    // The sender's database handle dies the moment the gateway accepted the message.
    let dead = false;
    const dies = (q: Queryable): Queryable => ({
      query: (sql, params, opts) =>
        dead ? Promise.reject(new Error('process killed')) : q.query(sql, params, opts),
      exec: (sql) => (dead ? Promise.reject(new Error('process killed')) : q.exec(sql)),
    });
    const db = t().deps.db;
    const dyingDb: Db = { ...db, ...dies(db), tx: (fn) => db.tx((q) => fn(dies(q))) };
    const real = t().deps.sms;
    const dying = {
      ...t().deps,
      db: dyingDb,
      sms: {
        async send(to: string, text: string, o?: { key?: string }) {
          await real.send(to, text, o);
          dead = true;
        },
      },
    };
    await deliverPending(dying).catch(() => undefined);
    assert.equal(deliveredTo(t(), phone!, 'test.crash'), 1);
    // Another sender meanwhile leaves the claimed row alone.
    await deliverPending(t().deps);
    assert.equal(t().sms.repeats, repeatsBefore, 'no second send while the lease holds');
    t().clock.advance(outboxLeaseMs ?? 0);
    await deliverPending(t().deps);
    assert.equal(
      t().sms.repeats,
      repeatsBefore + 1,
      'sent once more after the lease, and dropped by its key',
    );
    assert.equal(deliveredTo(t(), phone!, 'test.crash'), 1, 'the citizen got it once');
    const [row] = await rowsOf(t(), 'test.crash');
    assert.ok(row!.sent_at, 'marked sent by the second sender');
    await deliverPending(t().deps);
    assert.equal(t().sms.repeats, repeatsBefore + 1);
  });
});
