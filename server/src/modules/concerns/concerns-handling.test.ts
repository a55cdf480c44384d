import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import {
  approvedStudio,
  concernRoutedToMember,
  freshPhone,
  memberAccount,
  newMember,
  publicClient,
  staffOf,
  submittedConcern,
} from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { startOutboxWorker } from '../notify/worker.ts';

// A concern in the hands of a member or staff: the inbox, accepting, answering, who may see what.
eachBackend('concerns: handling', (t) => {
  test('the member sees it in the inbox (and a notification); accepts and replies; the citizen gets an SMS', async () => {
    const { pub } = publicClient(t());
    const phone = '13912345678';
    const { member, concern } = await concernRoutedToMember(t(), { phone });
    const { id: concernId, trackingCode: tracking } = concern;
    const s = member.session;
    const inbox = (await s.get('/api/concerns/inbox?bucket=new')).json();
    assert.deepEqual(
      inbox.items.map((i: { id: string }) => i.id),
      [concernId],
    );
    assert.deepEqual(inbox.counts, { new: 1, inProgress: 0, overdue: 0 });
    const notes = (await s.get('/api/notices')).json();
    assert.equal(notes.items[0].ref.concernId, concernId);

    const detail = (await s.get(`/api/concerns/${concernId}`)).json();
    assert.equal(detail.phoneMasked, '139****5678');
    assert.ok(!JSON.stringify(detail).includes(phone));

    assert.equal((await s.send('POST', `/api/concerns/${concernId}/reply`, { text: '早' })).statusCode, 409);
    const acc = await s.send('POST', `/api/concerns/${concernId}/accept`);
    assert.equal(acc.statusCode, 200, acc.body);
    assert.equal(acc.json().status, 'accepted');
    assert.equal((await s.get('/api/concerns/inbox?bucket=in_progress')).json().total, 1);
    const before = t().sms.sent.length;
    const rep = await s.send('POST', `/api/concerns/${concernId}/reply`, {
      text: '已联系镇政府，路灯将于本周内修复。',
    });
    assert.equal(rep.statusCode, 200, rep.body);
    assert.equal(rep.json().status, 'answered');
    const sms = t().sms.sent.slice(before);
    assert.equal(sms.length, 1);
    assert.equal(sms[0]!.to, phone);
    assert.ok(sms[0]!.text.includes(tracking) && sms[0]!.text.includes(`/t/${tracking}`));
    const out = await t().deps.db.query<{ sent_at: Date | null; recipient: string }>(
      `select sent_at, recipient from outbox where kind = 'concern.answered' and payload->>'concernId' = $1`,
      [concernId],
    );
    assert.equal(out.length, 1);
    assert.ok(out[0]!.sent_at, 'marked sent');
    assert.ok(!out[0]!.recipient.includes(phone), 'the outbox holds the phone sealed');

    const pubView = (await pub('GET', `/api/public/concerns/${tracking}`)).json();
    assert.equal(pubView.status, 'answered');
    assert.equal(pubView.canRate, true);
    const answered = pubView.steps.find((s: { kind: string }) => s.kind === 'answered');
    assert.equal(answered.text, '已联系镇政府，路灯将于本周内修复。');
    assert.equal(answered.actor, `${member.username} 委员`);
  });

  test('only the handler unmasks the phone, and every look is audited', async () => {
    const { member, concern } = await concernRoutedToMember(t(), { phone: freshPhone() });
    const city = await staffOf(t(), '131100');
    const denied = await city.session.get(`/api/concerns/${concern.id}/phone`);
    assert.equal(denied.statusCode, 403);
    const ok = await member.session.get(`/api/concerns/${concern.id}/phone`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().phone, concern.phone);
    assert.equal(ok.headers['cache-control'], 'no-store');
    const rows = await t().deps.db.query<{ actor_name: string; result: string }>(
      `select actor_name, result from audit_log where action = 'concerns.phone_view' and target_id = $1 order by at`,
      [concern.id],
    );
    assert.deepEqual(rows, [
      { actor_name: city.username, result: 'denied' },
      { actor_name: member.username, result: 'ok' },
    ]);
  });

  test("another county's staff and members cannot reach it; members have no staff list", async () => {
    const { studio, member, concern } = await concernRoutedToMember(t());
    const concernId = concern.id;
    const county = await staffOf(t(), '131121');
    const city = await staffOf(t(), '131100');
    const otherCounty = (await staffOf(t(), '131122')).session;
    const otherMember = (await memberAccount(t(), await newMember(t(), '131122'))).session;
    // Other tests of this file add concerns in the same committees: the lists count this studio's.
    const ofStudio = `/api/concerns?studioId=${studio.id}`;
    assert.equal((await otherCounty.get(`/api/concerns/${concernId}`)).statusCode, 404);
    assert.equal((await otherCounty.get(`/api/concerns/${concernId}/phone`)).statusCode, 404);
    assert.equal((await otherCounty.send('POST', `/api/concerns/${concernId}/accept`)).statusCode, 404);
    assert.equal((await otherCounty.get(ofStudio)).json().total, 0);
    assert.equal((await county.session.get(ofStudio)).json().total, 1);
    assert.equal((await city.session.get(ofStudio)).json().total, 1);
    assert.equal((await otherMember.get(`/api/concerns/${concernId}`)).statusCode, 404);
    assert.equal((await otherMember.get('/api/concerns/inbox')).json().total, 0);
    assert.equal((await member.session.get('/api/concerns')).statusCode, 403);
    assert.equal((await county.session.get('/api/concerns/inbox')).statusCode, 403);
    const other = await otherCounty.get(`/api/concerns?committeeId=${studio.committeeId}`);
    assert.equal(other.statusCode, 404);
  });

  test('an answer acknowledged while the SMS gateway is down is sent later from the outbox', async () => {
    const studio = await approvedStudio(t(), { members: 1 });
    const county = (await staffOf(t(), '131121')).session;
    const p = '13500004444';
    const { id, trackingCode } = await submittedConcern(t(), {
      studioCode: studio.code,
      category: 'livelihood',
      text: '小区停水两天',
      phone: p,
    });
    assert.equal((await county.send('POST', `/api/concerns/${id}/accept`)).statusCode, 200);
    const send = t().sms.send;
    t().sms.send = async () => {
      throw new Error('gateway down');
    };
    try {
      const rep = await county.send('POST', `/api/concerns/${id}/reply`, { text: '已恢复供水。' });
      assert.equal(rep.statusCode, 200, 'the answer stands even though the SMS failed');
    } finally {
      t().sms.send = send;
    }
    const [pending] = await t().deps.db.query<{ sent_at: Date | null; attempts: number; last_error: string }>(
      `select sent_at, attempts, last_error from outbox where kind = 'concern.answered' and payload->>'concernId' = $1`,
      [id],
    );
    assert.deepEqual(pending, { sent_at: null, attempts: 1, last_error: 'gateway down' });
    t().clock.advance(36_000); // the first retry's backoff: 30 s, give or take a fifth
    const worker = startOutboxWorker(t().deps, pino({ level: 'silent' }), 3600_000);
    await worker.tick();
    worker.stop();
    assert.ok(t().sms.last(p)!.text.includes(trackingCode));
    const [after] = await t().deps.db.query<{ sent_at: Date | null }>(
      `select sent_at from outbox where kind = 'concern.answered' and payload->>'concernId' = $1`,
      [id],
    );
    assert.ok(after!.sent_at);
  });

  test('overdue concerns show in the inbox bucket', async () => {
    const { member } = await concernRoutedToMember(t());
    t().clock.advance(40 * 86400_000);
    const session = await member.login();
    const inbox = (await session.get('/api/concerns/inbox?bucket=overdue')).json();
    assert.ok(inbox.counts.overdue >= 1);
    assert.ok(inbox.items.every((i: { overdue: boolean }) => i.overdue));
  });
});
