import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';

// Concerns heard in person at a reception day or visit, recorded by the member (or staff).
eachBackend('reception concerns', (t) => {
  let staff: Session; // 131121
  let otherStaff: Session; // 131122
  let lead: Session; // member of the studio
  let outsider: Session; // member, not of the studio
  let people: { id: string; name: string }[];
  let studioId: string;
  const phone = '13700002222';
  const body = (o: Record<string, unknown> = {}) => ({
    studioId,
    occurredAt: '2026-11-15T09:30:00+08:00',
    category: 'health',
    text: '村卫生室缺常用药，老人买药要跑到镇上。',
    place: '大营镇西村',
    citizenName: '李秀英',
    phone,
    consent: true,
    ...o,
  });
  const count = async (sql: string, params: unknown[] = []) => (await t().deps.db.query(sql, params)).length;

  before(async () => {
    const c = await t().committee('131121');
    people = await t().deps.db.query<{ id: string; name: string }>(
      `select p.id, p.name from memberships m join persons p on p.id = m.person_id
        where m.committee_id = $1 and m.status = 'active' order by p.name_pinyin limit 3`,
      [c.id],
    );
    await t().account({ username: 'rcstaff', role: 'staff', region: '131121' });
    await t().account({ username: 'rcother', role: 'staff', region: '131122' });
    await t().account({ username: 'rclead', role: 'member', region: '131121', personId: people[0]!.id });
    await t().account({ username: 'rcout', role: 'member', region: '131121', personId: people[2]!.id });
    staff = await t().login('rcstaff');
    otherStaff = await t().login('rcother');
    lead = await t().login('rclead');
    outsider = await t().login('rcout');
    const s = await staff.send('POST', '/api/studios', {
      committeeId: c.id,
      name: '枣强县大营镇委员工作室',
      kind: 'regional',
      leadPersonId: people[0]!.id,
    });
    assert.equal(s.statusCode, 200, s.body);
    studioId = s.json().id;
    await staff.send('POST', `/api/studios/${studioId}/members`, { personId: people[1]!.id });
  });

  test('refused without consent, off the studio, or in the future — each naming the field; nothing stored', async () => {
    const cases: [Session, Record<string, unknown>, number, string, string][] = [
      [lead, { consent: false }, 400, 'concerns.reception_consent', 'body.consent'],
      [outsider, {}, 400, 'concerns.not_on_studio', 'body.studioId'],
      [lead, { occurredAt: '2026-11-24T09:00:00+08:00' }, 400, 'request.invalid', 'body.occurredAt'],
      [staff, {}, 400, 'request.invalid', 'body.personId'],
      [staff, { personId: people[2]!.id }, 400, 'concerns.bad_target', 'body.personId'],
      [otherStaff, { personId: people[1]!.id }, 404, 'studios.not_found', 'body.studioId'],
    ];
    for (const [s, o, status, code, field] of cases) {
      const r = await s.send('POST', '/api/concerns/reception', body(o));
      assert.equal(r.statusCode, status, `${code}: ${r.body}`);
      assert.equal(r.json().error.code, code);
      assert.deepEqual(
        r.json().error.fields.map((f: { field: string }) => f.field),
        [field],
      );
    }
    const missing = await lead.send('POST', '/api/concerns/reception', { ...body(), consent: undefined });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.fields[0].field, 'body.consent');
    assert.equal(await count(`select 1 from concerns where channel = 'reception'`), 0);
    assert.equal(await count(`select 1 from outbox where kind = 'concern.recorded'`), 0);
    // Refusals are audited by the onResponse hook, just after the answer went out.
    const refusals = `select 1 from audit_log where action = 'concerns.reception' and result <> 'ok'`;
    for (let i = 0; i < 50 && (await count(refusals)) < cases.length + 1; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(await count(refusals), cases.length + 1);
  });

  test('a member records one: accepted in their inbox, the citizen gets the code by SMS, audited', async () => {
    const r = await lead.send('POST', '/api/concerns/reception', body());
    assert.equal(r.statusCode, 200, r.body);
    const { id, trackingCode, status } = r.json();
    assert.equal(status, 'accepted');
    const [k] = await t().deps.db.query<{
      channel: string;
      occurred_at: Date;
      person_id: string;
      citizen_name_enc: string;
      citizen_phone_masked: string;
      recorded_by: string;
      consent: boolean;
    }>(
      'select channel, occurred_at, person_id, citizen_name_enc, citizen_phone_masked, recorded_by, consent from concerns where id = $1',
      [id],
    );
    assert.equal(k!.channel, 'reception');
    assert.equal(new Date(k!.occurred_at).toISOString(), '2026-11-15T01:30:00.000Z');
    assert.equal(k!.person_id, people[0]!.id);
    assert.equal(k!.consent, true);
    assert.equal(k!.citizen_phone_masked, '137****2222');
    assert.ok(!k!.citizen_name_enc.includes('李秀英'), 'the name is sealed');
    assert.equal(t().deps.sealer.open(k!.citizen_name_enc), '李秀英');
    const inbox = (await lead.get('/api/concerns/inbox?bucket=in_progress')).json();
    assert.deepEqual(
      inbox.items.map((i: { id: string }) => i.id),
      [id],
    );
    const sms = t().sms.last(phone);
    assert.ok(sms);
    assert.ok(sms.text.includes(trackingCode));
    assert.match(sms.text, new RegExp(`${people[0]!.name}委员`));
    assert.equal(
      await count(
        `select 1 from outbox where kind = 'concern.recorded' and sent_at is not null and payload->>'concernId' = $1`,
        [id],
      ),
      1,
    );
    assert.equal(
      await count(
        `select 1 from audit_log where action = 'concerns.reception' and result = 'ok' and target_id = $1`,
        [id],
      ),
      1,
    );
    // The tracking page shows it; the member answers it right away.
    const track = await t().app.inject({ method: 'GET', url: `/api/public/concerns/${trackingCode}` });
    assert.equal(track.json().status, 'accepted');
    const reply = await lead.send('POST', `/api/concerns/${id}/reply`, {
      text: '已协调镇卫生院每周送药下村。',
    });
    assert.equal(reply.statusCode, 200, reply.body);
  });

  test('staff record one for a member of the studio, who is told in-app; no phone, no SMS', async () => {
    const before = t().sms.sent.length;
    const r = await staff.send(
      'POST',
      '/api/concerns/reception',
      body({ personId: people[1]!.id, phone: undefined }),
    );
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(t().sms.sent.length, before);
    const n = await t().deps.db.query<{ recipient: string }>(
      `select recipient from outbox where channel = 'in_app' and kind = 'concern.recorded' and payload->>'concernId' = $1`,
      [r.json().id],
    );
    assert.deepEqual(
      n.map((x) => x.recipient),
      [people[1]!.id],
    );
  });
});
