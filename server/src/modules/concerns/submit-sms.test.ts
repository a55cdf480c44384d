import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvedStudio, publicClient } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// A citizen who leaves a phone hears back at once with the tracking code and its link, so
// nobody has to copy ten characters off the screen; without a phone nothing is sent.
eachBackend('concerns: the SMS confirming a submission', (t) => {
  const body = (studioCode: string) => ({
    studioCode,
    category: 'livelihood',
    text: '小区门口的路灯坏了一个月，晚上出行不安全。',
  });

  test('a submission with a verified phone texts the tracking code and the tracking link', async () => {
    const { pub, codeFor } = publicClient(t());
    const studio = await approvedStudio(t());
    const phone = '13955550101';
    const smsCode = await codeFor(phone);
    const before = t().sms.sent.length;
    const r = await pub('POST', '/api/public/concerns', {
      ...body(studio.code),
      phone,
      smsCode,
      consent: true,
    });
    assert.equal(r.statusCode, 200, r.body);
    const code: string = r.json().trackingCode;
    const sent = t().sms.sent.slice(before);
    assert.equal(sent.length, 1, 'one SMS, sent before the answer');
    assert.equal(sent[0]!.to, phone);
    assert.ok(sent[0]!.text.includes(`查询码 ${code}`), sent[0]!.text);
    assert.ok(sent[0]!.text.includes(`${t().deps.settings.publicBaseUrl}/t/${code}`), sent[0]!.text);
    // Written with the concern (one transaction) and marked sent.
    const [row] = await t().deps.db.query<{ n: number; sent: number }>(
      `select count(*)::int as n, count(sent_at)::int as sent from outbox
        where kind = 'concern.submitted' and payload->>'concernId' = (select id::text from concerns where tracking_code = $1)`,
      [code],
    );
    assert.deepEqual(row, { n: 1, sent: 1 });
  });

  test('a retry of the same submission sends no second SMS', async () => {
    const { pub, codeFor } = publicClient(t());
    const studio = await approvedStudio(t());
    const phone = '13955550102';
    const smsCode = await codeFor(phone);
    const headers = { 'idempotency-key': 'submit-sms-retry-0001' };
    const b = { ...body(studio.code), phone, smsCode, consent: true };
    const first = await pub('POST', '/api/public/concerns', b, { ip: '10.9.9.1', headers });
    assert.equal(first.statusCode, 200, first.body);
    const before = t().sms.sent.length;
    const again = await pub('POST', '/api/public/concerns', b, { ip: '10.9.9.1', headers });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(t().sms.sent.length, before);
  });

  test('an anonymous submission sends nothing', async () => {
    const { pub } = publicClient(t());
    const studio = await approvedStudio(t());
    const before = t().sms.sent.length;
    const r = await pub('POST', '/api/public/concerns', body(studio.code));
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(t().sms.sent.length, before);
    const [row] = await t().deps.db.query<{ n: number }>(
      `select count(*)::int as n from outbox where kind = 'concern.submitted'
        and payload->>'concernId' = (select id::text from concerns where tracking_code = $1)`,
      [r.json().trackingCode],
    );
    assert.equal(row!.n, 0);
  });
});
