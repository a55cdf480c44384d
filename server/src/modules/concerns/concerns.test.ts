import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import pino from 'pino';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { startOutboxWorker } from '../notify/worker.ts';

// The concern path end to end through HTTP, on each database backend.
eachBackend('concerns', (t) => {
  let city: Session; // staff of the city committee 131100
  let county: Session; // staff of the county 131121, where the studio is
  let otherCounty: Session; // staff of the county 131122
  let member: Session; // the member the citizen picks
  let otherMember: Session; // a member of 131122
  let people: { id: string; name: string }[];
  let studioCode: string;
  let memberCode: string;
  let studioId: string;
  const phone = '13912345678';
  let ipSeq = 0;
  const freshIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

  const pub = (
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    o: { ip?: string; headers?: Record<string, string> } = {},
  ) =>
    t().app.inject({
      method,
      url,
      headers: {
        'x-forwarded-for': o.ip ?? '10.9.9.9',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...o.headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const form = (url: string, fields: Record<string, string>, ip = '10.8.8.8') =>
    t().app.inject({
      method: 'POST',
      url,
      headers: { 'x-forwarded-for': ip, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const lastCode = (to: string) => {
    const m = t().sms.last(to);
    assert.ok(m, `an SMS to ${to}`);
    return /验证码是 (\d{6})/.exec(m.text)?.[1] ?? assert.fail(`no code in ${m.text}`);
  };
  const codeFor = async (p: string, ip = freshIp()) => {
    const r = await pub('POST', '/api/public/sms-codes', { phone: p }, { ip });
    assert.equal(r.statusCode, 200, r.body);
    return lastCode(p);
  };
  // The manual clock jumps (rate-limit windows, deadlines) outlast the session idle timeout.
  const relogin = async () => {
    city = await t().login('citystaff');
    county = await t().login('countystaff');
    otherCounty = await t().login('otherstaff');
    member = await t().login('member1');
    otherMember = await t().login('member9');
  };
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t().deps.db.query<{ n: number }>(sql, params))[0]!.n);

  before(async () => {
    await t().account({ username: 'citystaff', role: 'staff', region: '131100' });
    await t().account({ username: 'countystaff', role: 'staff', region: '131121' });
    await t().account({ username: 'otherstaff', role: 'staff', region: '131122' });
    city = await t().login('citystaff');
    county = await t().login('countystaff');
    otherCounty = await t().login('otherstaff');
    const c = await t().committee('131121');
    people = await t().deps.db.query<{ id: string; name: string }>(
      `select p.id, p.name from memberships m join persons p on p.id = m.person_id
        where m.committee_id = $1 and m.status = 'active' order by p.name_pinyin limit 3`,
      [c.id],
    );
    const other = await t().deps.db.query<{ id: string }>(
      `select m.person_id as id from memberships m where m.committee_id = $1 and m.status = 'active'
         and not exists (select 1 from memberships x where x.person_id = m.person_id and x.committee_id = $2) limit 1`,
      [(await t().committee('131122')).id, c.id],
    );
    await t().account({ username: 'member1', role: 'member', region: '131121', personId: people[0]!.id });
    await t().account({ username: 'member9', role: 'member', region: '131122', personId: other[0]!.id });
    member = await t().login('member1');
    otherMember = await t().login('member9');
    const s = await city.send('POST', '/api/studios', {
      committeeId: c.id,
      name: '枣强县民生委员工作室',
      kind: 'regional',
      leadPersonId: people[0]!.id,
    });
    assert.equal(s.statusCode, 200, s.body);
    studioId = s.json().id;
    studioCode = s.json().publicCode;
    await city.send('POST', `/api/studios/${studioId}/members`, { personId: people[1]!.id });
    await city.send('POST', `/api/studios/${studioId}/submit`);
    const ok = await city.send('POST', `/api/studios/${studioId}/review`, { decision: 'approve' });
    assert.equal(ok.json().status, 'approved');
    const card = (await pub('GET', `/api/public/studios/${studioCode}`)).json();
    memberCode = card.members.find((m: { name: string }) => m.name === people[0]!.name).code;
  });

  let tracking: string;
  let concernId: string;

  test('a citizen with a verified phone submits through the studio, picking a member; a retry makes one row', async () => {
    const smsCode = await codeFor(phone);
    const body = {
      studioCode,
      memberCode,
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
    tracking = first.json().trackingCode;
    assert.match(tracking, /^[2-9A-HJKMNP-Z]{10}$/);
    const retry = await pub('POST', '/api/public/concerns', body, { ip: '10.1.1.1', headers });
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.headers['idempotent-replay'], 'true');
    assert.equal(retry.json().trackingCode, tracking);
    assert.equal(
      await count('select count(*)::int as n from concerns where tracking_code = $1', [tracking]),
      1,
    );
    assert.equal(await count('select count(*)::int as n from concerns'), 1);

    const row = (
      await t().deps.db.query<{
        id: string;
        citizen_phone_enc: string;
        citizen_phone_masked: string;
        consent: boolean;
        due_at: Date;
      }>('select id, citizen_phone_enc, citizen_phone_masked, consent, due_at from concerns')
    )[0]!;
    concernId = row.id;
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
    const r = await pub('GET', `/api/public/concerns/${tracking.toLowerCase()}`);
    assert.equal(r.statusCode, 200, r.body);
    const c = r.json();
    assert.equal(c.status, 'submitted');
    assert.deepEqual(
      c.steps.map((s: { kind: string }) => s.kind),
      ['submitted', 'routed'],
    );
    assert.ok(c.steps.every((s: { at: string }) => !Number.isNaN(Date.parse(s.at))));
    assert.match(c.routedTo, new RegExp(people[0]!.name));
    assert.equal(c.hasPhone, true);
    assert.ok(!r.body.includes('5678') && !r.body.includes('1391234'), 'no phone, not even masked');
    assert.equal((await pub('GET', '/api/public/concerns/ZZZZZZZZZZ')).statusCode, 404);
  });

  test('the member sees it in the inbox (and a notification); accepts and replies; the citizen gets an SMS', async () => {
    const inbox = (await member.get('/api/concerns/inbox?bucket=new')).json();
    assert.deepEqual(
      inbox.items.map((i: { id: string }) => i.id),
      [concernId],
    );
    assert.deepEqual(inbox.counts, { new: 1, inProgress: 0, overdue: 0 });
    const notes = (await member.get('/api/notices')).json();
    assert.equal(notes.items[0].ref.concernId, concernId);

    const detail = (await member.get(`/api/concerns/${concernId}`)).json();
    assert.equal(detail.phoneMasked, '139****5678');
    assert.ok(!JSON.stringify(detail).includes(phone));

    assert.equal(
      (await member.send('POST', `/api/concerns/${concernId}/reply`, { text: '早' })).statusCode,
      409,
    );
    const acc = await member.send('POST', `/api/concerns/${concernId}/accept`);
    assert.equal(acc.statusCode, 200, acc.body);
    assert.equal(acc.json().status, 'accepted');
    assert.equal((await member.get('/api/concerns/inbox?bucket=in_progress')).json().total, 1);
    const before = t().sms.sent.length;
    const rep = await member.send('POST', `/api/concerns/${concernId}/reply`, {
      text: '已联系镇政府，路灯将于本周内修复。',
    });
    assert.equal(rep.statusCode, 200, rep.body);
    assert.equal(rep.json().status, 'answered');
    const sms = t().sms.sent.slice(before);
    assert.equal(sms.length, 1);
    assert.equal(sms[0]!.to, phone);
    assert.ok(sms[0]!.text.includes(tracking) && sms[0]!.text.includes(`/t/${tracking}`));
    const out = await t().deps.db.query<{ sent_at: Date | null; recipient: string }>(
      `select sent_at, recipient from outbox where kind = 'concern.answered'`,
    );
    assert.equal(out.length, 1);
    assert.ok(out[0]!.sent_at, 'marked sent');
    assert.ok(!out[0]!.recipient.includes(phone), 'the outbox holds the phone sealed');

    const pubView = (await pub('GET', `/api/public/concerns/${tracking}`)).json();
    assert.equal(pubView.status, 'answered');
    assert.equal(pubView.canRate, true);
    const answered = pubView.steps.find((s: { kind: string }) => s.kind === 'answered');
    assert.equal(answered.text, '已联系镇政府，路灯将于本周内修复。');
    assert.equal(answered.actor, 'member1 委员');
  });

  test('"not satisfied" reopens it once; the second answer and rating close it', async () => {
    const r1 = await pub('POST', `/api/public/concerns/${tracking}/rating`, {
      rating: 'unsatisfied',
      comment: '一周过去了还没修',
    });
    assert.equal(r1.statusCode, 200, r1.body);
    assert.equal(r1.json().status, 'reopened');
    assert.equal((await member.get('/api/concerns/inbox?bucket=in_progress')).json().total, 1);
    const again = await member.send('POST', `/api/concerns/${concernId}/reply`, {
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
    assert.equal(t().sms.sent.filter((m) => m.to === phone && m.text.includes(tracking)).length, 2);
  });

  test('only the handler unmasks the phone, and every look is audited', async () => {
    const denied = await city.get(`/api/concerns/${concernId}/phone`);
    assert.equal(denied.statusCode, 403);
    const ok = await member.get(`/api/concerns/${concernId}/phone`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().phone, phone);
    assert.equal(ok.headers['cache-control'], 'no-store');
    const rows = await t().deps.db.query<{ actor_name: string; result: string }>(
      `select actor_name, result from audit_log where action = 'concerns.phone_view' and target_id = $1 order by at`,
      [concernId],
    );
    assert.deepEqual(rows, [
      { actor_name: 'citystaff', result: 'denied' },
      { actor_name: 'member1', result: 'ok' },
    ]);
  });

  test("another county's staff and members cannot reach it; members have no staff list", async () => {
    assert.equal((await otherCounty.get(`/api/concerns/${concernId}`)).statusCode, 404);
    assert.equal((await otherCounty.get(`/api/concerns/${concernId}/phone`)).statusCode, 404);
    assert.equal((await otherCounty.send('POST', `/api/concerns/${concernId}/accept`)).statusCode, 404);
    assert.equal((await otherCounty.get('/api/concerns')).json().total, 0);
    assert.equal((await county.get('/api/concerns')).json().total, 1);
    assert.equal((await city.get('/api/concerns')).json().total, 1);
    assert.equal((await otherMember.get(`/api/concerns/${concernId}`)).statusCode, 404);
    assert.equal((await otherMember.get('/api/concerns/inbox')).json().total, 0);
    assert.equal((await member.get('/api/concerns')).statusCode, 403);
    assert.equal((await county.get('/api/concerns/inbox')).statusCode, 403);
    const other = await otherCounty.get(`/api/concerns?committeeId=${(await t().committee('131121')).id}`);
    assert.equal(other.statusCode, 404);
  });

  test('anonymous submission needs no phone; a phone needs consent and a valid code', async () => {
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

  test('rate limits: codes per phone and per IP, submissions per IP → 429 with Retry-After', async () => {
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
    const body = { studioCode, category: 'other', text: '同一 IP 连续提交' };
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
    const p = '13600007777';
    const send = (smsCode: string) =>
      pub(
        'POST',
        '/api/public/concerns',
        { studioCode, category: 'other', text: '同一手机号多次反映', phone: p, smsCode, consent: true },
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

  test('hostile text is stored as given and rendered inert', async () => {
    const hostile = `<script>alert(1)</script><img src=x onerror="alert('x')"> & "quotes" \n第二行`;
    const r = await pub(
      'POST',
      '/api/public/concerns',
      { studioCode, category: 'other', text: hostile, place: '<b>镇</b>' },
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

  test('an answer acknowledged while the SMS gateway is down is sent later from the outbox', async () => {
    await relogin();
    const p = '13500004444';
    const smsCode = await codeFor(p);
    const r = await pub(
      'POST',
      '/api/public/concerns',
      { studioCode, category: 'livelihood', text: '小区停水两天', phone: p, smsCode, consent: true },
      { ip: freshIp() },
    );
    const id = (
      await t().deps.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
        r.json().trackingCode,
      ])
    )[0]!.id;
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
    const worker = startOutboxWorker(t().deps, pino({ level: 'silent' }), 3600_000);
    await worker.tick();
    worker.stop();
    assert.ok(t().sms.last(p)!.text.includes(r.json().trackingCode));
    const [after] = await t().deps.db.query<{ sent_at: Date | null }>(
      `select sent_at from outbox where kind = 'concern.answered' and payload->>'concernId' = $1`,
      [id],
    );
    assert.ok(after!.sent_at);
  });

  test('handing over: transfer within the county, escalate to the city, assign back down, extend; history kept', async () => {
    await relogin();
    const r = await pub(
      'POST',
      '/api/public/concerns',
      { studioCode, category: 'business', text: '企业开办手续多。' },
      { ip: freshIp() },
    );
    const id = (
      await t().deps.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
        r.json().trackingCode,
      ])
    )[0]!.id;
    const c121 = await t().committee('131121');
    const c11 = await t().committee('131100');
    const bad = await county.send('POST', `/api/concerns/${id}/transfer`, {
      personId: people[2]!.id,
      studioId,
      reason: '不在工作室',
    });
    assert.equal(bad.statusCode, 400);
    const tr = await county.send('POST', `/api/concerns/${id}/transfer`, {
      personId: people[1]!.id,
      studioId,
      reason: '熟悉企业事务',
    });
    assert.equal(tr.statusCode, 200, tr.body);
    const esc = await county.send('POST', `/api/concerns/${id}/escalate`, { reason: '涉及市级审批' });
    assert.equal(esc.statusCode, 200, esc.body);
    assert.equal((await county.get(`/api/concerns/${id}`)).statusCode, 404, 'now above the county');
    const atCity = (await city.get(`/api/concerns?committeeId=${c11.id}&status=submitted`)).json();
    assert.ok(
      atCity.items.some((i: { id: string; committeeId: string }) => i.id === id && i.committeeId === c11.id),
    );
    t().clock.advance(86400_000);
    await relogin();
    const down = await city.send('POST', `/api/concerns/${id}/assign`, {
      committeeId: c121.id,
      personId: people[2]!.id,
      reason: '由县政协委员跟进',
    });
    assert.equal(down.statusCode, 200, down.body);
    const before = (await county.get(`/api/concerns/${id}`)).json();
    const ext = await county.send('POST', `/api/concerns/${id}/extend`, { days: 10, reason: '需现场调研' });
    assert.equal(ext.statusCode, 200);
    const d = (await county.get(`/api/concerns/${id}`)).json();
    assert.equal(Date.parse(d.dueAt) - Date.parse(before.dueAt), 10 * 86400_000);
    assert.equal(d.personId, people[2]!.id);
    assert.deepEqual(
      d.events.map((e: { kind: string }) => e.kind),
      ['submitted', 'routed', 'transferred', 'escalated', 'assigned', 'extended'],
    );
    const escalated = d.events.find((e: { kind: string }) => e.kind === 'escalated');
    assert.deepEqual([escalated.fromCommitteeId, escalated.toCommitteeId], [c121.id, c11.id]);
    assert.equal(escalated.note, '涉及市级审批');
    const pubSteps = (await pub('GET', `/api/public/concerns/${r.json().trackingCode}`)).json().steps;
    assert.ok(
      pubSteps.every((s: { text: string | null }) => s.text === null),
      'internal reasons stay inside',
    );
    assert.equal(
      (await member.send('POST', `/api/concerns/${id}/assign`, { committeeId: c121.id })).statusCode,
      403,
    );
    assert.equal(
      await count(
        `select count(*)::int as n from audit_log where target_id = $1 and result = 'ok' and action in ('concerns.transfer','concerns.escalate','concerns.assign','concerns.extend')`,
        [id],
      ),
      4,
    );
  });

  test('overdue concerns show in the inbox bucket', async () => {
    t().clock.advance(40 * 86400_000);
    await relogin();
    const inbox = (await member.get('/api/concerns/inbox?bucket=overdue')).json();
    assert.ok(inbox.counts.overdue >= 1);
    assert.ok(inbox.items.every((i: { overdue: boolean }) => i.overdue));
  });

  test('H5: the form from the studio page asks for a code and submits; the tracking page rates', async () => {
    await relogin();
    const studioPage = await t().app.inject({ method: 'GET', url: `/s/${studioCode}` });
    assert.ok(studioPage.body.includes(`href="/s/${studioCode}/concern"`), 'linked from the studio page');
    const memberPage = await t().app.inject({ method: 'GET', url: `/m/${memberCode}` });
    assert.ok(memberPage.body.includes(`href="/m/${memberCode}/concern"`), 'linked from the member page');
    const formPage = await t().app.inject({ method: 'GET', url: `/s/${studioCode}/concern` });
    assert.equal(formPage.statusCode, 200);
    assert.match(formPage.body, /个人信息/);
    const key = /name="k" value="([0-9a-f]{24})"/.exec(formPage.body)![1]!;
    const p = '13600003333';
    const ip = freshIp();
    const fields = {
      k: key,
      category: 'education',
      text: '<i>学校</i>门口缺少斑马线',
      place: '',
      phone: p,
      smsCode: '',
      memberCode: '',
    };
    const sent = await form(`/s/${studioCode}/concern`, { ...fields, action: 'code' }, ip);
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /验证码已发送/);
    assert.ok(sent.body.includes('&lt;i&gt;学校&lt;/i&gt;'), 'what was typed comes back, escaped');
    const smsCode = lastCode(p);
    const missing = await form(`/s/${studioCode}/concern`, { ...fields, smsCode, action: 'submit' }, ip);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /同意/);
    const ok = await form(
      `/s/${studioCode}/concern`,
      { ...fields, smsCode, consent: '1', action: 'submit' },
      ip,
    );
    assert.equal(ok.statusCode, 303, ok.body);
    const loc = String(ok.headers.location);
    assert.match(loc, /^\/t\/[A-Z0-9]{10}\?new=1$/);
    const twice = await form(
      `/s/${studioCode}/concern`,
      { ...fields, smsCode, consent: '1', action: 'submit' },
      ip,
    );
    assert.equal(twice.headers.location, loc, 'the same form posted twice is one concern');
    const code = loc.slice(3, 13);
    const track = await t().app.inject({ method: 'GET', url: loc });
    assert.equal(track.statusCode, 200);
    assert.ok(track.body.includes(code) && track.body.includes('已收到您的诉求'));
    assert.ok(!track.body.includes('3333'), 'no phone on the page');

    const id = (
      await t().deps.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [code])
    )[0]!.id;
    await county.send('POST', `/api/concerns/${id}/accept`);
    await county.send('POST', `/api/concerns/${id}/ask-info`, { text: '请说明是哪所学校' });
    const asked = await t().app.inject({ method: 'GET', url: `/t/${code}` });
    assert.match(asked.body, /补充材料/);
    assert.equal((await form(`/t/${code}/info`, { text: '城关第二小学' })).statusCode, 303);
    await county.send('POST', `/api/concerns/${id}/reply`, { text: '已协调交警部门施划斑马线。' });
    const withForm = await t().app.inject({ method: 'GET', url: `/t/${code}` });
    assert.match(withForm.body, /评价办理结果/);
    const badRating = await form(`/t/${code}/rating`, { rating: 'great' });
    assert.equal(badRating.statusCode, 400);
    assert.equal((await form(`/t/${code}/rating`, { rating: 'satisfied', comment: '谢谢' })).statusCode, 303);
    const closed = await t().app.inject({ method: 'GET', url: `/t/${code}` });
    assert.match(closed.body, /已办结/);
    assert.ok(!closed.body.includes('评价办理结果'));

    const memberForm = await t().app.inject({ method: 'GET', url: `/m/${memberCode}/concern` });
    assert.equal(memberForm.statusCode, 200);
    assert.equal((await t().app.inject({ method: 'GET', url: '/s/NOPE2345/concern' })).statusCode, 404);
    // A good form posted to a code that leads nowhere: the not-found page, nothing stored.
    const before = await t().deps.db.query('select count(*)::int as n from concerns');
    const nowhere = await form('/s/NOPE2345/concern', {
      category: 'transport',
      text: '路口没有斑马线',
      k: 'ab'.repeat(12),
    });
    assert.equal(nowhere.statusCode, 404);
    assert.match(nowhere.body, /没有找到这个工作室或委员/);
    assert.deepEqual(await t().deps.db.query('select count(*)::int as n from concerns'), before);
    assert.equal((await t().app.inject({ method: 'GET', url: '/t?code=abc' })).statusCode, 400);
  });

  test('H5: large font and high contrast ride along from the studio page to the tracking page', async () => {
    const mode = 'large=1&contrast=1';
    const studio = await t().app.inject({ method: 'GET', url: `/s/${studioCode}?${mode}` });
    assert.ok(studio.body.includes(`href="/s/${studioCode}/concern?large=1&amp;contrast=1"`));
    const formPage = await t().app.inject({ method: 'GET', url: `/s/${studioCode}/concern?${mode}` });
    assert.equal(formPage.statusCode, 200);
    assert.match(formPage.body, /font:22px/);
    assert.match(formPage.body, /background:#000/);
    assert.ok(formPage.body.includes(`action="/s/${studioCode}/concern?large=1&amp;contrast=1"`));
    assert.match(formPage.body, /aria-pressed="true">大字模式/);
    const plain = await t().app.inject({ method: 'GET', url: `/s/${studioCode}/concern` });
    assert.match(plain.body, /font:17px/);
    assert.match(plain.body, /aria-pressed="false">大字模式/);
    const k = randomBytes(12).toString('hex');
    const sent = await form(
      `/s/${studioCode}/concern?${mode}`,
      { k, category: 'environment', text: '河边垃圾多日没人清理。', action: 'submit' },
      '10.8.9.1',
    );
    assert.equal(sent.statusCode, 303, sent.body);
    const loc = String(sent.headers.location);
    assert.match(loc, /^\/t\/[A-Z0-9]{10}\?new=1&large=1&contrast=1$/);
    const tracking = await t().app.inject({ method: 'GET', url: loc });
    assert.match(tracking.body, /font:22px/);
    assert.match(tracking.body, /已收到您的诉求/);
    assert.match(tracking.body, /aria-pressed="true">高对比度/);
    // A refusal on the way keeps the mode too.
    const refused = await form(
      `/s/${studioCode}/concern?large=1`,
      { k, category: 'environment', text: '' },
      '10.8.9.2',
    );
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /font:22px/);
  });
});
