import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testPassword } from '../../test-support/app.ts';
import { unique } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// The lockout must not tell which usernames exist: a name without an account is answered
// exactly as an account is (same statuses, same bodies, Retry-After on the 423).

eachBackend('lockout', (t) => {
  const attempt = (username: string, password: string) =>
    t().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  /** Statuses, error codes and Retry-After of: 6 wrong passwords, then the right one. */
  const sequence = async (username: string) => {
    const out: string[] = [];
    for (const password of [...Array<string>(6).fill('Wrong-pass1'), testPassword]) {
      const r = await attempt(username, password);
      out.push(`${r.statusCode} ${r.json().error?.code} ${r.headers['retry-after'] ?? '-'}`);
    }
    return out;
  };

  test('an unknown name is locked after 5 wrong passwords, exactly like an account', async () => {
    const known = unique('dora_');
    await t().account({ username: known, role: 'staff', region: '131100' });
    const existing = await sequence(known);
    const unknown = await sequence(unique('nobody_'));
    assert.deepEqual(unknown, existing);
    assert.deepEqual(existing, [
      ...Array<string>(4).fill('401 auth.bad_credentials -'),
      ...Array<string>(3).fill('423 auth.locked 900'),
    ]);
  });

  test('the 423 carries Retry-After in seconds, counting down, for both', async () => {
    const known = unique('erin_');
    const nobody = unique('nobody_');
    await t().account({ username: known, role: 'staff', region: '131100' });
    for (const name of [known, nobody]) for (let i = 0; i < 5; i++) await attempt(name, 'Wrong-pass1');
    t().clock.advance(10 * 60_000);
    for (const name of [known, nobody]) {
      const r = await attempt(name, testPassword);
      assert.equal(r.statusCode, 423, name);
      assert.equal(r.headers['retry-after'], '300', name);
      assert.match(r.json().error.messages.en, /5 more minutes/);
    }
    // When the lock ends, the count is still at 5: one more wrong password locks either again.
    t().clock.advance(5 * 60_000 + 1000);
    const after = [];
    for (const name of [known, nobody]) after.push((await attempt(name, 'Wrong-pass1')).statusCode);
    assert.deepEqual(after, [423, 423]);
  });

  test('names differing only in case share one count, as usernames do', async () => {
    const nobody = unique('Frank_');
    const known = unique('Grace_');
    await t().account({ username: known.toLowerCase(), role: 'staff', region: '131100' });
    for (const name of [known, nobody])
      for (let i = 0; i < 5; i++)
        await attempt(i % 2 ? name.toUpperCase() : name.toLowerCase(), 'Wrong-pass1');
    for (const name of [known, nobody])
      assert.equal((await attempt(name, testPassword)).statusCode, 423, name);
  });

  test('a day after the last failure both counts start again', async () => {
    const known = unique('heidi_');
    const nobody = unique('nobody_');
    await t().account({ username: known, role: 'staff', region: '131100' });
    for (const name of [known, nobody]) for (let i = 0; i < 4; i++) await attempt(name, 'Wrong-pass1');
    t().clock.advance(24 * 60 * 60_000 + 1000);
    for (const name of [known, nobody]) {
      for (let i = 0; i < 4; i++) assert.equal((await attempt(name, 'Wrong-pass1')).statusCode, 401, name);
      assert.equal((await attempt(name, 'Wrong-pass1')).statusCode, 423, name);
    }
  });

  test('a wrong password on a disabled account answers as on any name; only the right one learns "disabled"', async () => {
    const disabled = unique('ivan_');
    const id = await t().account({ username: disabled, role: 'staff', region: '131100' });
    await t().deps.db.query('update accounts set disabled_at = $2 where id = $1', [id, t().clock.now()]);
    const nobody = unique('nobody_');
    const wrong = [await attempt(disabled, 'Wrong-pass1'), await attempt(nobody, 'Wrong-pass1')];
    assert.deepEqual(
      wrong.map((r) => r.statusCode),
      [401, 401],
    );
    assert.deepEqual(wrong[0]!.json(), wrong[1]!.json());
    assert.equal(wrong[0]!.json().error.code, 'auth.bad_credentials');
    // The right password is told; no session is opened.
    const right = await attempt(disabled, testPassword);
    assert.equal(right.statusCode, 403);
    assert.equal(right.json().error.code, 'auth.disabled');
    assert.equal(right.cookies.length, 0);

    // Wrong passwords on a disabled account are counted and lock it, as on any name.
    const other = unique('judy_');
    const otherId = await t().account({ username: other, role: 'staff', region: '131100' });
    await t().deps.db.query('update accounts set disabled_at = $2 where id = $1', [otherId, t().clock.now()]);
    const seq = await sequence(other);
    assert.deepEqual(seq, [
      ...Array<string>(4).fill('401 auth.bad_credentials -'),
      ...Array<string>(3).fill('423 auth.locked 900'),
    ]);
  });
});
