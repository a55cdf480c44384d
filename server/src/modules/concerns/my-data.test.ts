import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { eachBackend } from '../../test-support/suite.ts';
import { enqueue } from '../notify/outbox.ts';
import { erasedMarker } from './citizen-data.ts';

// /my: a citizen proves the phone, sees and downloads their concerns, asks for erasure.
eachBackend('a citizen’s own data', (t) => {
  const phone = '13600003333';
  const otherPhone = '13600004444';
  let codes: string[] = [];
  let otherCode: string;
  let ip = 0;
  const nextIp = () => `10.3.${Math.floor(++ip / 200)}.${ip % 200}`;

  const inject = (
    method: 'GET' | 'POST',
    url: string,
    o: { form?: Record<string, string>; cookie?: string; ip?: string } = {},
  ) =>
    t().app.inject({
      method,
      url,
      headers: {
        'x-forwarded-for': o.ip ?? '10.2.2.2',
        ...(o.cookie ? { cookie: o.cookie } : {}),
        ...(o.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(o.form ? { payload: new URLSearchParams(o.form).toString() } : {}),
    });
  const smsCode = async (p: string) => {
    const r = await inject('POST', '/my', {
      form: { phone: p, action: 'code' },
      ip: nextIp(),
    });
    assert.equal(r.statusCode, 200, r.body);
    return /验证码是 (\d{6})/.exec(t().sms.last(p)!.text)![1]!;
  };
  const submit = async (p: string, text: string) => {
    const code = await smsCode(p);
    t().clock.advance(61_000); // one code a minute per phone
    const r = await t().app.inject({
      method: 'POST',
      url: '/api/public/concerns',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
      payload: JSON.stringify({
        memberCode: 'MYDATA23',
        category: 'education',
        text,
        phone: p,
        smsCode: code,
        consent: true,
      }),
    });
    assert.equal(r.statusCode, 200, r.body);
    return r.json().trackingCode as string;
  };

  /**
   * Two concerns of this phone: the first open with a photo and an SMS still waiting, the
   * second closed with its SMS sent.
   */
  const citizenData = async (p: string) => {
    const codes = [
      await submit(p, '学校门口没有红绿灯，孩子过马路危险。'),
      await submit(p, '课后服务收费不透明。'),
    ];
    const ids = (
      await t().deps.db.query<{ id: string }>(
        'select id from concerns where tracking_code = any($1::text[]) order by submitted_at',
        [codes],
      )
    ).map((r) => r.id);
    await t().deps.db.query(`update concerns set status = 'closed', closed_at = $2 where id = $1`, [
      ids[1],
      t().clock.now(),
    ]);
    // One SMS about each: the first still waiting, the second sent.
    for (const id of ids)
      await enqueue(t().deps.db, t().deps, {
        channel: 'sms',
        kind: 'concern.answered',
        phoneSealed: t().deps.sealer.seal(p),
        text: '【连心】您的诉求已有答复',
        ref: { concernId: id },
      });
    await t().deps.db.query(
      `update outbox set sent_at = $2 where payload->>'concernId' = $1 and channel = 'sms'`,
      [ids[1], t().clock.now()],
    );
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const ph = await t().app.inject({
      method: 'POST',
      url: `/api/public/concerns/${codes[0]}/photos`,
      headers: { 'content-type': 'image/jpeg', 'x-forwarded-for': nextIp() },
      payload: jpeg,
    });
    assert.equal(ph.statusCode, 200, ph.body);
    return { codes, ids };
  };
  /** The /my session of a citizen who proved this phone. */
  const signIn = async (p: string) => {
    t().clock.advance(61_000);
    const code = await smsCode(p);
    const ok = await inject('POST', '/my', { form: { phone: p, smsCode: code, action: 'verify' } });
    assert.equal(ok.statusCode, 303, ok.body);
    return `lx_my=${ok.cookies.find((x) => x.name === 'lx_my')!.value}`;
  };

  before(async () => {
    const c = await t().committee('131121');
    const [p] = await t().deps.db.query<{ id: string }>(
      `select p.id from memberships m join persons p on p.id = m.person_id where m.committee_id = $1 limit 1`,
      [c.id],
    );
    await t().deps.db.query(`update persons set public_code = 'MYDATA23' where id = $1`, [p!.id]);
    codes = (await citizenData(phone)).codes;
    otherCode = await submit(otherPhone, '别人的诉求，不该出现在这里。');
  });

  test('without a proven phone there is only the form; a wrong code is refused', async () => {
    const home = await inject('GET', '/my');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /获取短信验证码/);
    assert.doesNotMatch(home.body, /<script/i);
    for (const url of ['/my/export.json', '/my/export.html'])
      assert.equal((await inject('GET', url)).statusCode, 401);
    assert.equal((await inject('POST', '/my/delete', { form: { confirm: '1' } })).statusCode, 401);
    assert.equal((await inject('GET', '/my', { cookie: 'lx_my=forged.9999999999999.abc' })).statusCode, 200);
    t().clock.advance(61_000);
    const code = await smsCode(phone);
    const wrong = await inject('POST', '/my', {
      form: { phone, smsCode: code === '000000' ? '111111' : '000000', action: 'verify' },
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /短信验证码错误/);
    const ok = await inject('POST', '/my', { form: { phone, smsCode: code, action: 'verify' } });
    assert.equal(ok.statusCode, 303, ok.body);
    const c = ok.cookies.find((x) => x.name === 'lx_my')!;
    assert.equal(c.httpOnly, true);
    assert.equal(c.sameSite, 'Strict');
    assert.ok((await inject('GET', '/my', { cookie: `lx_my=${c.value}` })).body.includes(codes[0]!));
  });

  test('the citizen sees and downloads exactly their concerns; each download is audited', async () => {
    const session = await signIn(phone);
    const list = await inject('GET', '/my', { cookie: session });
    assert.equal(list.statusCode, 200);
    for (const c of codes) assert.ok(list.body.includes(c));
    assert.ok(!list.body.includes(otherCode));
    assert.match(list.body, /136\*\*\*\*3333/);
    const json = await inject('GET', '/my/export.json', { cookie: session });
    assert.equal(json.statusCode, 200);
    assert.match(String(json.headers['content-disposition']), /attachment/);
    const data = json.json();
    assert.deepEqual(
      data.concerns.map((c: { trackingCode: string }) => c.trackingCode).sort(),
      [...codes].sort(),
    );
    const first = data.concerns.find((c: { trackingCode: string }) => c.trackingCode === codes[0]);
    assert.equal(first.text, '学校门口没有红绿灯，孩子过马路危险。');
    assert.equal(first.photos, 1);
    assert.ok(first.steps.length >= 1);
    const html = await inject('GET', '/my/export.html', { cookie: session });
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /课后服务收费不透明/);
    const audit = await t().deps.db.query<{ detail: { format: string } }>(
      `select detail from audit_log where action = 'concerns.citizen_export' order by id`,
    );
    assert.deepEqual(
      audit.map((a) => a.detail.format),
      ['json', 'html'],
    );
  });

  test('erasure: confirmation required; personal data and text gone, open ones withdrawn, statistics kept', async () => {
    // A citizen of its own: the other tests keep the data of theirs.
    const { codes, ids } = await citizenData('13600005555');
    const session = await signIn('13600005555');
    const noConfirm = await inject('POST', '/my/delete', { cookie: session, form: {} });
    assert.equal(noConfirm.statusCode, 400);
    const del = await inject('POST', '/my/delete', { cookie: session, form: { confirm: '1' } });
    assert.equal(del.statusCode, 200, del.body);
    assert.match(del.body, /已删除 2 条/);
    const rows = await t().deps.db.query<Record<string, unknown>>(
      `select id, status, body, place, category, submitted_at, citizen_phone_enc, citizen_phone_hash,
              citizen_phone_masked, erased_at from concerns where id = any($1::uuid[]) order by submitted_at`,
      [ids],
    );
    assert.deepEqual(
      rows.map((r) => [
        r.status,
        r.body,
        r.category,
        r.citizen_phone_enc,
        r.citizen_phone_hash,
        r.citizen_phone_masked,
      ]),
      [
        ['withdrawn', erasedMarker, 'education', null, null, null],
        ['closed', erasedMarker, 'education', null, null, null],
      ],
    );
    assert.ok(rows.every((r) => r.erased_at && r.submitted_at));
    // Nor can staff find the old text through search.
    const docs = await t().deps.db.query<{ title: string; body: string }>(
      `select title, body from search_documents where kind = 'concern' and ref_id = any($1::uuid[])`,
      [ids],
    );
    assert.equal(docs.length, 2);
    for (const d of docs) assert.ok(`${d.title}${d.body}`.includes(erasedMarker.slice(0, 4)), d.body);
    assert.equal(
      (await t().deps.db.query('select 1 from concern_photos where concern_id = any($1::uuid[])', [ids]))
        .length,
      0,
    );
    const ev = await t().deps.db.query<{ kind: string; actor_kind: string }>(
      `select kind, actor_kind from concern_events where concern_id = $1 and kind = 'withdrawn'`,
      [ids[0]],
    );
    assert.deepEqual(ev, [{ kind: 'withdrawn', actor_kind: 'citizen' }]);
    const sms = await t().deps.db.query<{ recipient: string; payload: Record<string, string> }>(
      `select recipient, payload from outbox where channel = 'sms' and payload->>'concernId' = any($1::text[])`,
      [ids],
    );
    // Each submission's own SMS (code and link) was sent, and the answered one's too: all kept
    // redacted, nothing of the text or the phone left.
    assert.ok(
      sms.some((m) => m.payload.concernId === ids[1]),
      JSON.stringify(sms),
    );
    assert.deepEqual(
      sms.filter((m) => !(m.recipient === '(erased)' && Object.keys(m.payload).join() === 'concernId')),
      [],
      'unsent dropped, sent redacted',
    );
    const audit = await t().deps.db.query(`select 1 from audit_log where action = 'concerns.citizen_erase'`);
    assert.equal(audit.length, 2);
    // Not another citizen's; the tracking page shows the marker, not the text.
    const [other] = await t().deps.db.query<{ body: string }>(
      'select body from concerns where tracking_code = $1',
      [otherCode],
    );
    assert.equal(other!.body, '别人的诉求，不该出现在这里。');
    const track = await t().app.inject({ method: 'GET', url: `/api/public/concerns/${codes[0]}` });
    assert.equal(track.json().status, 'withdrawn');
    assert.equal(track.json().text, erasedMarker);
  });

  test('verification is rate limited per IP like code requests (429 with Retry-After)', async () => {
    let last = 0;
    let retry: unknown;
    for (let i = 0; i < 21; i++) {
      const r = await inject('POST', '/my', {
        form: { phone: otherPhone, smsCode: '123456', action: 'verify' },
        ip: '10.99.0.1',
      });
      last = r.statusCode;
      retry = r.headers['retry-after'];
    }
    assert.equal(last, 429);
    assert.ok(Number(retry) > 0);
  });
});
