import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { initialPassword, usernameBase } from './batch.ts';

test('initial passwords pass the password rule and avoid look-alike characters', () => {
  for (let i = 0; i < 200; i++) {
    const pw = initialPassword();
    assert.match(pw, /^[A-Za-z]{6}-[2-9]{4}$/);
    assert.doesNotMatch(pw, /[01OIl]/);
  }
  assert.equal(usernameBase('张丽霜'), 'zhanglishuang');
  assert.equal(usernameBase('吕绿'), 'lvlv');
  assert.equal(usernameBase('Wu'), 'wux');
});

eachBackend('member accounts in a batch', (t) => {
  let admin: Session;
  let counties: { id: string; region: string }[];
  before(async () => {
    const rows = await t().deps.db.query<{ id: string; region_code: string }>(
      `select id, region_code from committees where level = 'county' and region_code like '1311%' order by region_code`,
    );
    counties = rows.map((r) => ({ id: r.id, region: r.region_code }));
    await t().account({ username: 'batchadmin', role: 'admin', region: '131100' });
    admin = await t().login('batchadmin');
  });

  const seats = (committeeId: string, n: number) =>
    t().deps.db.query<{ id: string; person_id: string; name: string }>(
      `select m.id, m.person_id, p.name from memberships m join persons p on p.id = m.person_id
        where m.committee_id = $1 and m.status = 'active'
          and not exists (select 1 from accounts a where a.person_id = m.person_id)
        order by p.name_pinyin limit $2`,
      [committeeId, n],
    );

  test('by SMS: one account per member, each audited and texted; the password must be changed at first login', async () => {
    const county = counties[0]!;
    const picked = await seats(county.id, 3);
    assert.equal(picked.length, 3);
    // One of them has no phone on file: skipped and named, no account.
    await t().deps.db.query('update persons set phone_enc = null where id = $1', [picked[2]!.person_id]);
    const before = t().sms.sent.length;
    const r = await admin.send('POST', '/api/accounts/batch', {
      memberIds: picked.map((p) => p.id),
      delivery: 'sms',
    });
    assert.equal(r.statusCode, 200, r.body);
    const out = r.json();
    assert.equal(out.created.length, 2);
    assert.equal(out.slipsPdf, null);
    assert.deepEqual(out.skipped, [
      { personId: picked[2]!.person_id, name: picked[2]!.name, reason: 'no_phone' },
    ]);
    const audits = await t().deps.db.query<{ target_id: string; detail: { batch: boolean } }>(
      `select target_id, detail from audit_log where action = 'accounts.create' and target_id = any($1::text[])`,
      [out.created.map((c: { accountId: string }) => c.accountId)],
    );
    assert.equal(audits.length, 2);
    assert.ok(audits.every((a) => a.detail.batch));
    const texts = t().sms.sent.slice(before);
    assert.equal(texts.length, 2);
    const first = out.created[0] as { username: string; name: string };
    const sms = texts.find((m) => m.text.includes(`用户名：${first.username}，`));
    assert.ok(sms, 'the member got their username by SMS');
    assert.match(sms.text, /首次登录须修改密码/);
    const password = /初始密码：(\S+?)，/.exec(sms.text)![1]!;
    const stored = await t().deps.db.query<{ password_hash: string; must_change_password: boolean }>(
      'select password_hash, must_change_password from accounts where username = $1',
      [first.username],
    );
    assert.ok(stored[0]!.must_change_password);
    assert.ok(!stored[0]!.password_hash.includes(password));
    // Delivered, the initial passwords are gone from the outbox.
    const kept = await t().deps.db.query<{ payload: string }>(
      `select payload::text as payload from outbox where kind = 'accounts.initial_password' and sent_at is not null`,
    );
    assert.ok(kept.length >= 2);
    assert.ok(
      kept.every((r) => !r.payload.includes(password) && !r.payload.includes('初始密码')),
      kept[0]?.payload,
    );

    const login = await t().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: first.username, password },
    });
    assert.equal(login.statusCode, 200, login.body);
    assert.equal(login.json().stage, 'password_change');
    assert.equal(login.json().account.role, 'member');

    // The same members again: all skipped, nothing sent.
    const again = await admin.send('POST', '/api/accounts/batch', {
      memberIds: picked.slice(0, 2).map((p) => p.id),
      delivery: 'sms',
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().created.length, 0);
    assert.deepEqual(
      again.json().skipped.map((s: { reason: string }) => s.reason),
      ['has_account', 'has_account'],
    );
    assert.equal(t().sms.sent.length, before + 2);
  });

  test('a whole committee as sealed slips: an A4 PDF in the answer only, nothing queued', async () => {
    const county = counties[1]!;
    const all = await seats(county.id, 1000);
    const mine = await seats(county.id, 1);
    // One member of it has an account already.
    await t().account({
      username: `has_${county.region}`,
      role: 'member',
      region: county.region,
      personId: mine[0]!.person_id,
    });
    const outboxBefore = (await t().deps.db.query('select 1 from outbox')).length;
    const r = await admin.send('POST', '/api/accounts/batch', { committeeId: county.id, delivery: 'slips' });
    assert.equal(r.statusCode, 200, r.body);
    const out = r.json();
    assert.equal(out.created.length, all.length - 1);
    assert.deepEqual(
      out.skipped.map((s: { name: string }) => s.name),
      [mine[0]!.name],
    );
    const pdf = Buffer.from(out.slipsPdf, 'base64');
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    assert.equal(pages, Math.ceil(out.created.length / 8));
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
    assert.equal((await t().deps.db.query('select 1 from outbox')).length, outboxBefore);
    const usernames = new Set(out.created.map((c: { username: string }) => c.username));
    assert.equal(usernames.size, out.created.length, 'usernames are unique');
  });

  test('only an admin makes accounts, and only inside its own scope', async () => {
    const county = counties[2]!;
    const picked = await seats(county.id, 1);
    await t().account({ username: 'batchstaff', role: 'staff', region: '131100' });
    const staff = await t().login('batchstaff');
    const refused = await staff.send('POST', '/api/accounts/batch', {
      memberIds: [picked[0]!.id],
      delivery: 'slips',
    });
    assert.equal(refused.statusCode, 403);
    const other = await t().deps.db.query<{ id: string }>(
      `select c.id from committees c where c.level = 'city' and c.region_code <> '131100' limit 1`,
    );
    const outside = await admin.send('POST', '/api/accounts/batch', {
      committeeId: other[0]!.id,
      delivery: 'slips',
    });
    assert.equal(outside.statusCode, 403);
    assert.equal(outside.json().error.code, 'accounts.scope_outside');
    const neither = await admin.send('POST', '/api/accounts/batch', { delivery: 'slips' });
    assert.equal(neither.statusCode, 400);
  });
});
