import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { staffOf } from '../test-support/fixtures.ts';
import { eachBackend } from '../test-support/suite.ts';
import { writeGate } from './admission.ts';

// Admission control covers every write, and its refusals cost almost nothing: a 503/429 is
// counted in memory and written as one audit row a minute, while refusals that matter for
// security keep their own row.
eachBackend('admission of writes', (t) => {
  const code = 'GATEM234';
  let staff: Awaited<ReturnType<typeof staffOf>>;
  before(async () => {
    t().deps.settings.admission = { atOnce: 1, maxWaiting: 0, maxWaitMs: 200 };
    staff = await staffOf(t(), '131100');
    await t().memberWithCode('131121', code);
  });
  const login = () =>
    t().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: staff.username, password: 'wrong-Passw0rd' },
    });
  /** Runs fn while every write slot is taken (as by a flood of slow writes). */
  const whileFull = async <T>(fn: () => Promise<T>) => {
    const leave = await writeGate(t().deps)!.enter();
    try {
      return await fn();
    } finally {
      leave();
    }
  };
  const auditCount = async (where: string, params: unknown[] = []) =>
    (
      await t().deps.db.query<{ n: number }>(
        `select count(*)::int as n from audit_log where ${where}`,
        params,
      )
    )[0]!.n;

  test('when the gate is full every write is refused 503 busy with Retry-After; reads still answer', async () => {
    await whileFull(async () => {
      for (const r of [
        await login(),
        await staff.session.send('POST', '/api/auth/logout'),
        await t().app.inject({
          method: 'POST',
          url: '/api/public/concerns',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.66.0.1' },
          payload: JSON.stringify({ memberCode: code, category: 'health', text: '门口路灯坏了' }),
        }),
      ]) {
        assert.equal(r.statusCode, 503, r.body);
        assert.equal(r.json().error.code, 'request.busy');
        assert.ok(Number(r.headers['retry-after']) > 0, 'Retry-After');
      }
      // The citizen's form too, shown again with what was typed.
      const h5 = await t().app.inject({
        method: 'POST',
        url: `/m/${code}/concern`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.66.0.2' },
        payload: new URLSearchParams({
          k: 'a'.repeat(24),
          category: 'traffic',
          text: '繁忙时提交的诉求文字',
          action: 'submit',
        }).toString(),
      });
      assert.equal(h5.statusCode, 503);
      assert.ok(Number(h5.headers['retry-after']) > 0);
      assert.match(h5.body, /现在提交的人较多/);
      assert.match(h5.body, /繁忙时提交的诉求文字/);
      assert.equal((await t().app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode, 200);
      assert.equal((await staff.session.get('/api/members?pageSize=5')).statusCode, 200);
    });
    assert.equal((await login()).statusCode, 401, 'let in again once a slot is free');
  });

  test('a refusal is answered after a pause, so a client retrying in a loop sends about one a second', async () => {
    t().deps.settings.admission = { ...t().deps.settings.admission!, refuseDelayMs: 200 };
    try {
      await whileFull(async () => {
        const t0 = performance.now();
        assert.equal((await login()).statusCode, 503);
        assert.ok(performance.now() - t0 >= 95, `answered after ${Math.round(performance.now() - t0)} ms`);
      });
    } finally {
      t().deps.settings.admission = { ...t().deps.settings.admission!, refuseDelayMs: 0 };
    }
  });

  test('busy refusals are counted and written as one row a minute; security refusals keep a row each', async () => {
    await t().app.refusals.flush(true);
    const before503 = await auditCount('status = 503');
    const beforeRows = await auditCount(`action = 'http.refusals'`);
    await whileFull(async () => {
      for (let i = 0; i < 5; i++) assert.equal((await login()).statusCode, 503);
    });
    assert.equal(await auditCount('status = 503'), before503, 'no audit row per refusal');
    assert.ok(t().app.refusals.pending() >= 5);
    t().clock.advance(60_000);
    await t().app.refusals.flush();
    assert.equal(await auditCount(`action = 'http.refusals'`), beforeRows + 1, 'one row for the minute');
    const [row] = await t().deps.db.query<{ detail: { total: number; counts: Record<string, unknown>[] } }>(
      `select detail from audit_log where action = 'http.refusals' order by id desc limit 1`,
    );
    assert.ok(row!.detail.total >= 5);
    assert.ok(
      row!.detail.counts.some(
        (c) => c.route === 'auth.login' && c.reason === 'request.busy' && Number(c.n) >= 5,
      ),
      JSON.stringify(row!.detail),
    );
    assert.equal(t().app.refusals.pending(), 0);
    // A write without a session (401) and a forbidden one (403) are each in the log.
    const before401 = await auditCount('status = 401');
    const anon = await t().app.inject({
      method: 'POST',
      url: '/api/members',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    assert.equal(anon.statusCode, 401);
    // Written after the answer (on PostgreSQL, on a connection of its own): wait for it.
    let after401 = await auditCount('status = 401');
    for (let i = 0; i < 50 && after401 === before401; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after401 = await auditCount('status = 401');
    }
    assert.equal(after401, before401 + 1);
  });
});
