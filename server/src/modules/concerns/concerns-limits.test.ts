import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvedStudio, freshIp, publicClient } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// What one phone or one address may send: codes and submissions are limited, and refused with 429.
eachBackend('concerns: limits', (t) => {
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t().deps.db.query<{ n: number }>(sql, params))[0]!.n);

  test('rate limits: codes per phone and per IP, submissions per IP → 429 with Retry-After', async () => {
    const { pub, codeFor } = publicClient(t());
    const studio = await approvedStudio(t(), { members: 1 });
    const p = '13700002222';
    await codeFor(p);
    const again = await pub('POST', '/api/public/sms-codes', { phone: p }, { ip: freshIp() });
    assert.equal(again.statusCode, 429);
    assert.equal(again.json().error.code, 'request.rate_limited');
    const wait = Number(again.headers['retry-after']);
    assert.ok(wait > 0 && wait <= 60, `retry-after ${wait}`);
    t().clock.advance(wait * 1000);
    assert.equal(
      (await pub('POST', '/api/public/sms-codes', { phone: p }, { ip: freshIp() })).statusCode,
      200,
    );

    const ip = freshIp();
    const body = { studioCode: studio.code, category: 'other', text: '同一 IP 连续提交' };
    for (let i = 0; i < 10; i++)
      assert.equal((await pub('POST', '/api/public/concerns', body, { ip })).statusCode, 200);
    const limited = await pub('POST', '/api/public/concerns', body, { ip });
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await pub('POST', '/api/public/concerns', body, { ip: freshIp() })).statusCode, 200);
    t().clock.advance(3600_000);
    assert.equal((await pub('POST', '/api/public/concerns', body, { ip })).statusCode, 200);
  });

  test('per phone: one code makes one concern even posted twice at once; 5 a day, counted only with the right code', async () => {
    const { pub, codeFor } = publicClient(t());
    const studio = await approvedStudio(t(), { members: 1 });
    const p = '13600007777';
    const send = (smsCode: string) =>
      pub(
        'POST',
        '/api/public/concerns',
        {
          studioCode: studio.code,
          category: 'other',
          text: '同一手机号多次反映',
          phone: p,
          smsCode,
          consent: true,
        },
        { ip: freshIp() },
      );
    const mine = () =>
      count('select count(*)::int as n from concerns where citizen_phone_hash = $1', [
        t().deps.sealer.hash(p),
      ]);
    const first = await codeFor(p);
    const both = await Promise.all([send(first), send(first)]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 400], both.map((r) => r.body).join(' | '));
    assert.equal(both.find((r) => r.statusCode === 400)!.json().error.code, 'concerns.sms_code_invalid');
    assert.equal(await mine(), 1);
    for (let i = 2; i <= 5; i++) {
      t().clock.advance(61_000); // one code a minute per phone
      assert.equal((await send(await codeFor(p))).statusCode, 200);
    }
    assert.equal(await mine(), 5);
    t().clock.advance(61_000);
    const sixth = await codeFor(p);
    const wrong = await send(sixth === '000000' ? '111111' : '000000');
    assert.equal(wrong.json().error.code, 'concerns.sms_code_invalid', 'a wrong code is refused first');
    const over = await send(sixth);
    assert.equal(over.statusCode, 429, over.body);
    assert.ok(Number(over.headers['retry-after']) > 0);
    assert.equal(await mine(), 5);
    const [code] = await t().deps.db.query<{ used_at: Date | null }>(
      'select used_at from sms_codes where phone_hash = $1 order by created_at desc limit 1',
      [t().deps.sealer.hash(p)],
    );
    assert.equal(code!.used_at, null, 'a refused submission does not spend the code');
  });
});
