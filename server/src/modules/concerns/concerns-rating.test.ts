import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answeredConcern, publicClient } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// The citizen's rating of an answer: "not satisfied" sends it back once, then it closes.
eachBackend('concerns: rating', (t) => {
  test('"not satisfied" reopens it once; the second answer and rating close it', async () => {
    const { pub } = publicClient(t());
    const phone = '13912345678';
    const { member, concern } = await answeredConcern(t(), { phone });
    const { id: concernId, trackingCode: tracking } = concern;
    const r1 = await pub('POST', `/api/public/concerns/${tracking}/rating`, {
      rating: 'unsatisfied',
      comment: '一周过去了还没修',
    });
    assert.equal(r1.statusCode, 200, r1.body);
    assert.equal(r1.json().status, 'reopened');
    assert.equal((await member.session.get('/api/concerns/inbox?bucket=in_progress')).json().total, 1);
    const again = await member.session.send('POST', `/api/concerns/${concernId}/reply`, {
      text: '已督促修复，昨晚已亮。',
    });
    assert.equal(again.json().status, 'answered');
    const r2 = await pub('POST', `/api/public/concerns/${tracking}/rating`, { rating: 'unsatisfied' });
    assert.equal(r2.json().status, 'closed', 'reopened only once');
    const r3 = await pub('POST', `/api/public/concerns/${tracking}/rating`, { rating: 'satisfied' });
    assert.equal(r3.statusCode, 409);
    const c = (await pub('GET', `/api/public/concerns/${tracking}`)).json();
    assert.equal(c.status, 'closed');
    assert.equal(c.rating, 'unsatisfied');
    assert.deepEqual(
      c.steps.map((s: { kind: string }) => s.kind),
      ['submitted', 'routed', 'accepted', 'answered', 'rated', 'reopened', 'answered', 'rated', 'closed'],
    );
    // Each handler step left its audit row and each answer its SMS, with the change.
    const audits = await t().deps.db.query<{ action: string }>(
      `select action from audit_log where target_id = $1 and result = 'ok' order by at, action`,
      [concernId],
    );
    assert.deepEqual(
      audits.map((a) => a.action).sort(),
      [
        'concerns.accept',
        'concerns.rate',
        'concerns.rate',
        'concerns.reply',
        'concerns.reply',
        'concerns.submit',
      ].sort(),
    );
    assert.equal(
      t().sms.sent.filter((m) => m.to === phone && m.text.includes(tracking) && m.text.includes('已有答复'))
        .length,
      2,
    );
  });
});
