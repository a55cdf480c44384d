import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authenticator } from 'otplib';
import { testPassword } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';

eachBackend('auth', (t) => {
  test('login gives a full session, and the session endpoint sees it', async () => {
    await t().account({ username: 'alice', role: 'staff', region: '131100' });
    const s = await t().login('alice');
    const res = await s.get('/api/auth/session');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().stage, 'full');
    assert.equal(res.json().account.committeeName, '政协衡水市委员会');
    const cookie = (
      await t().app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'alice', password: testPassword },
      })
    ).headers['set-cookie'];
    assert.match(String(cookie), /HttpOnly/i);
    assert.match(String(cookie), /SameSite=Strict/i);
  });

  test('wrong password is 401; the 5th failure locks for 15 minutes, even the right password', async () => {
    await t().account({ username: 'bob', role: 'staff', region: '131100' });
    const attempt = (password: string) =>
      t().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob', password } });
    for (let i = 1; i <= 4; i++) {
      const r = await attempt('Wrong-pass1');
      assert.equal(r.statusCode, 401, `attempt ${i}`);
      assert.equal(r.json().error.code, 'auth.bad_credentials');
    }
    const fifth = await attempt('Wrong-pass1');
    assert.equal(fifth.statusCode, 423);
    const locked = await attempt(testPassword);
    assert.equal(locked.statusCode, 423);
    assert.equal(locked.json().error.code, 'auth.locked');
    assert.match(locked.json().error.messages.en, /15 more minutes/);
    t().clock.advance(14 * 60_000);
    assert.equal((await attempt(testPassword)).statusCode, 423);
    t().clock.advance(61_000);
    assert.equal((await attempt(testPassword)).statusCode, 200);
  });

  test('an unknown user gets the same answer as a wrong password', async () => {
    const r = await t().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'auth.bad_credentials');
  });

  test('the session ends after 30 idle minutes, and activity keeps it alive', async () => {
    await t().account({ username: 'carol', role: 'staff', region: '131100' });
    const s = await t().login('carol');
    t().clock.advance(29 * 60_000);
    assert.equal((await s.get('/api/committees')).statusCode, 200);
    t().clock.advance(29 * 60_000);
    assert.equal((await s.get('/api/committees')).statusCode, 200);
    t().clock.advance(31 * 60_000);
    const r = await s.get('/api/committees');
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'auth.required');
  });

  test('writes without the CSRF token are refused', async () => {
    await t().account({ username: 'dave', role: 'staff', region: '131100' });
    const s = await t().login('dave');
    const c = await t().committee('131100');
    const r = await t().app.inject({
      method: 'POST',
      url: '/api/sectors',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      payload: { committeeId: c.id, name: '试验界' },
    });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().error.code, 'auth.csrf');
    assert.equal(
      (await s.send('POST', '/api/sectors', { committeeId: c.id, name: '试验界' })).statusCode,
      200,
    );
  });

  test('forced password change: only the change is allowed, weak passwords refused', async () => {
    await t().account({ username: 'erin', role: 'staff', region: '131100', mustChange: true });
    const s = await t().login('erin');
    assert.equal((await s.get('/api/auth/session')).json().stage, 'password_change');
    const blocked = await s.get('/api/committees');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, 'auth.stage');
    for (const weak of ['short1A', 'alllowercase1', 'ALLUPPER', '12345678']) {
      const r = await s.send('POST', '/api/auth/password', {
        currentPassword: testPassword,
        newPassword: weak,
      });
      assert.equal(r.statusCode, 400, weak);
    }
    const ok = await s.send('POST', '/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'Better-pass9',
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().stage, 'full');
    assert.equal((await s.get('/api/committees')).statusCode, 200);
    await t().login('erin', 'Better-pass9');
  });

  test('two-factor: required by the admin, enrolled, then asked at every login', async () => {
    await t().account({ username: 'frank', role: 'staff', region: '131100', requireTotp: true });
    const s = await t().login('frank');
    assert.equal((await s.get('/api/auth/session')).json().stage, 'totp_setup');
    assert.equal((await s.get('/api/committees')).statusCode, 403);
    const setup = (await s.get('/api/auth/totp/setup')).json();
    assert.match(setup.otpauthUrl, /^otpauth:\/\/totp\//);
    assert.match(setup.qrDataUrl, /^data:image\/png;base64,/);
    const at = (ms: number) => authenticator.clone({ epoch: ms }).generate(setup.secret);
    assert.equal(
      (
        await s.send('POST', '/api/auth/totp/enroll', {
          code: '000000' === at(t().clock.now().getTime()) ? '111111' : '000000',
        })
      ).statusCode,
      401,
    );
    const enrolled = await s.send('POST', '/api/auth/totp/enroll', { code: at(t().clock.now().getTime()) });
    assert.equal(enrolled.statusCode, 200);
    assert.equal(enrolled.json().stage, 'full');

    const s2 = await t().login('frank');
    assert.equal((await s2.get('/api/auth/session')).json().stage, 'totp');
    assert.equal((await s2.get('/api/committees')).statusCode, 403);
    const wrong = await s2.send('POST', '/api/auth/totp', { code: '12345x' });
    assert.equal(wrong.statusCode, 400);
    const good = await s2.send('POST', '/api/auth/totp', { code: at(t().clock.now().getTime()) });
    assert.equal(good.statusCode, 200);
    assert.equal((await s2.get('/api/committees')).statusCode, 200);
  });

  test('logout ends the session', async () => {
    await t().account({ username: 'gina', role: 'staff', region: '131100' });
    const s = await t().login('gina');
    assert.equal((await s.send('POST', '/api/auth/logout')).statusCode, 200);
    assert.equal((await s.get('/api/committees')).statusCode, 401);
  });

  test('logins, good and bad, are in the audit log with where from', async () => {
    const login = (username: string, password: string) =>
      t().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    await t().account({ username: 'hank', role: 'staff', region: '131100' });
    await t().account({ username: 'ivy', role: 'staff', region: '131100' });
    assert.equal((await login('hank', 'Wrong-pass1')).statusCode, 401);
    assert.equal((await login('ivy', testPassword)).statusCode, 200);
    assert.equal((await login('nobody-at-all', 'x')).statusCode, 401);
    await t().account({ username: 'root', role: 'admin', region: '130000' });
    const s = await t().login('root');
    const rows = (await s.get('/api/audit?action=auth.login&pageSize=200')).json().items as {
      actorName: string;
      result: string;
      ip: string;
    }[];
    assert.ok(rows.some((r) => r.actorName === 'hank' && r.result === 'denied'));
    assert.ok(rows.some((r) => r.actorName === 'ivy' && r.result === 'ok' && r.ip === '127.0.0.1'));
    assert.ok(rows.some((r) => r.actorName === 'nobody-at-all' && r.result === 'denied'));
  });

  test('disabling an account ends its open sessions; only its right password then learns it is disabled', async () => {
    const id = await t().account({ username: 'june', role: 'staff', region: '131100' });
    await t().account({ username: 'june_admin', role: 'admin', region: '131100' });
    const s = await t().login('june');
    const admin = await t().login('june_admin');
    const r = await admin.send('PATCH', `/api/accounts/${id}`, { disabled: true });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((await s.get('/api/committees')).statusCode, 401);
    const login = (password: string) =>
      t().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'june', password } });
    assert.equal((await login('Wrong-pass1')).json().error.code, 'auth.bad_credentials');
    assert.equal((await login(testPassword)).json().error.code, 'auth.disabled');
  });
});
