import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  approvedStudio,
  concernRoutedToMember,
  freshIp,
  memberWithQr,
  publicClient,
} from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// A citizen's submission through the public API: verification, what is stored, what tracking shows.
eachBackend('concerns: intake', (t) => {
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t().deps.db.query<{ n: number }>(sql, params))[0]!.n);

  test('a citizen with a verified phone submits through the studio, picking a member; a retry makes one row', async () => {
    const { pub, codeFor } = publicClient(t());
    const studio = await approvedStudio(t());
    const phone = '13912345678';
    const smsCode = await codeFor(phone);
    const body = {
      studioCode: studio.code,
      memberCode: studio.members[0]!.code,
      category: 'transport',
      text: '村口的路灯坏了三个月，晚上出行不安全。',
      place: '肖张镇东村',
      phone,
      smsCode,
      consent: true,
    };
    const headers = { 'idempotency-key': 'concern-retry-0001' };
    const first = await pub('POST', '/api/public/concerns', body, { ip: '10.1.1.1', headers });
    assert.equal(first.statusCode, 200, first.body);
    const tracking = first.json().trackingCode;
    assert.match(tracking, /^[2-9A-HJKMNP-Z]{10}$/);
    const retry = await pub('POST', '/api/public/concerns', body, { ip: '10.1.1.1', headers });
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.headers['idempotent-replay'], 'true');
    assert.equal(retry.json().trackingCode, tracking);
    assert.equal(
      await count('select count(*)::int as n from concerns where tracking_code = $1', [tracking]),
      1,
    );
    assert.equal(await count('select count(*)::int as n from concerns where studio_id = $1', [studio.id]), 1);

    const row = (
      await t().deps.db.query<{
        citizen_phone_enc: string;
        citizen_phone_masked: string;
        consent: boolean;
        due_at: Date;
      }>(
        'select citizen_phone_enc, citizen_phone_masked, consent, due_at from concerns where studio_id = $1',
        [studio.id],
      )
    )[0]!;
    assert.ok(!row.citizen_phone_enc.includes(phone), 'the phone is sealed at rest');
    assert.equal(t().deps.sealer.open(row.citizen_phone_enc), phone);
    assert.equal(row.citizen_phone_masked, '139****5678');
    assert.equal(row.consent, true);
    assert.equal(new Date(row.due_at).getTime() - t().clock.now().getTime(), 15 * 86400_000);

    // The code was spent: a second submission with it is refused.
    const reused = await pub('POST', '/api/public/concerns', body, { ip: '10.1.1.2' });
    assert.equal(reused.statusCode, 400);
    assert.equal(reused.json().error.code, 'concerns.sms_code_invalid');
  });

  test('tracking shows the steps with times and never the phone', async () => {
    const { pub } = publicClient(t());
    const { member, concern } = await concernRoutedToMember(t(), { phone: '13987654321' });
    const r = await pub('GET', `/api/public/concerns/${concern.trackingCode.toLowerCase()}`);
    assert.equal(r.statusCode, 200, r.body);
    const c = r.json();
    assert.equal(c.status, 'submitted');
    assert.deepEqual(
      c.steps.map((s: { kind: string }) => s.kind),
      ['submitted', 'routed'],
    );
    assert.ok(c.steps.every((s: { at: string }) => !Number.isNaN(Date.parse(s.at))));
    assert.match(c.routedTo, new RegExp(member.name));
    assert.equal(c.hasPhone, true);
    assert.ok(!r.body.includes('4321') && !r.body.includes('1398765'), 'no phone, not even masked');
    assert.equal((await pub('GET', '/api/public/concerns/ZZZZZZZZZZ')).statusCode, 404);
  });

  test('anonymous submission needs no phone; a phone needs consent and a valid code', async () => {
    const { pub, codeFor } = publicClient(t());
    const { code: memberCode } = await memberWithQr(t(), '131121');
    const base = { memberCode, category: 'health', text: '卫生院周末没有医生值班。' };
    const anon = await pub('POST', '/api/public/concerns', base, { ip: freshIp() });
    assert.equal(anon.statusCode, 200, anon.body);
    assert.equal(
      (await pub('GET', `/api/public/concerns/${anon.json().trackingCode}`)).json().hasPhone,
      false,
    );
    const p = '13800001111';
    const noConsent = await pub(
      'POST',
      '/api/public/concerns',
      { ...base, phone: p, smsCode: '123456' },
      { ip: freshIp() },
    );
    assert.equal(noConsent.json().error.code, 'concerns.consent_required');
    // Told what to do, not "同意说明：必填".
    assert.match(noConsent.json().error.fields[0].message, /^要留手机号，请勾选“我已阅读并同意”/);
    const noCode = await pub(
      'POST',
      '/api/public/concerns',
      { ...base, phone: p, consent: true },
      { ip: freshIp() },
    );
    assert.equal(noCode.json().error.code, 'concerns.sms_code_required');
    const good = await codeFor(p);
    const wrong = good === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const bad = await pub(
        'POST',
        '/api/public/concerns',
        { ...base, phone: p, smsCode: wrong, consent: true },
        { ip: freshIp() },
      );
      assert.equal(bad.json().error.code, 'concerns.sms_code_invalid');
    }
    const locked = await pub(
      'POST',
      '/api/public/concerns',
      { ...base, phone: p, smsCode: good, consent: true },
      { ip: freshIp() },
    );
    assert.equal(locked.json().error.code, 'concerns.sms_code_invalid', 'five wrong tries spend the code');
    t().clock.advance(61_000);
    const fresh = await codeFor(p);
    t().clock.advance(301_000);
    const expired = await pub(
      'POST',
      '/api/public/concerns',
      { ...base, phone: p, smsCode: fresh, consent: true },
      { ip: freshIp() },
    );
    assert.equal(expired.json().error.code, 'concerns.sms_code_invalid', 'codes live 5 minutes');
    const noRoute = await pub(
      'POST',
      '/api/public/concerns',
      { category: 'other', text: 'x' },
      { ip: freshIp() },
    );
    assert.equal(noRoute.json().error.code, 'concerns.no_route');
    const long = await pub(
      'POST',
      '/api/public/concerns',
      { ...base, text: '长'.repeat(2001) },
      { ip: freshIp() },
    );
    assert.equal(long.statusCode, 400);
    assert.equal(long.json().error.fields[0].field, 'body.text');
  });

  test('hostile text is stored as given and rendered inert', async () => {
    const { pub } = publicClient(t());
    const studio = await approvedStudio(t(), { members: 1 });
    const hostile = `<script>alert(1)</script><img src=x onerror="alert('x')"> & "quotes" \n第二行`;
    const r = await pub(
      'POST',
      '/api/public/concerns',
      { studioCode: studio.code, category: 'other', text: hostile, place: '<b>镇</b>' },
      { ip: freshIp() },
    );
    assert.equal(r.statusCode, 200, r.body);
    const code = r.json().trackingCode;
    const [row] = await t().deps.db.query<{ body: string }>(
      'select body from concerns where tracking_code = $1',
      [code],
    );
    assert.equal(row!.body, hostile.trim());
    const page = await t().app.inject({ method: 'GET', url: `/t/${code}` });
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('<script>') && !page.body.includes('<img') && !page.body.includes('<b>镇'));
    assert.ok(
      page.body.includes(
        '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;',
      ),
    );
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
  });
});
