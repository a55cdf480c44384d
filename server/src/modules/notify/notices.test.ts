import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session, TestApp } from '../../test-support/app.ts';
import { memberAccount, memberWithQr, staffOf, submittedConcern } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { createNotice, notifyCommitteeStaff } from './notices.ts';

/**
 * A corner of the tree of its own for one test: staff of a county and of the city above (one
 * staff account with an email address, one admin without), staff of another city, a member of
 * the county with their account, and a concern a citizen sent to that member — escalated to the
 * city when asked. Each test takes other committees, so no notice of another test is in its lists.
 */
async function corner(t: TestApp, o: { county: string; city: string; other: string; escalate?: string }) {
  const county = (await staffOf(t, o.county)).session;
  const a = await staffOf(t, o.city);
  const email = `city.a.${o.city}@lianxin.example`;
  await t.deps.db.query('update accounts set email = $2 where id = $1', [a.accountId, email]);
  const cityB = (await staffOf(t, o.city, 'admin')).session;
  const other = (await staffOf(t, o.other)).session;
  const m = await memberWithQr(t, o.county);
  const member = (await memberAccount(t, m)).session;
  const c = await submittedConcern(t, {
    memberCode: m.code,
    category: 'transport',
    text: '路口红绿灯时间太短，老人过不去。',
  });
  if (o.escalate) {
    const r = await county.send('POST', `/api/concerns/${c.id}/escalate`, { reason: o.escalate });
    assert.equal(r.statusCode, 200, r.body);
  }
  return { county, cityA: a.session, cityB, other, member, email, concernId: c.id, tracking: c.trackingCode };
}

// Notices for staff accounts and committees, through the bell's endpoints.
eachBackend('notices', (t) => {
  const list = async (s: Session, q = '') => {
    const r = await s.get(`/api/notices${q}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as {
      items: {
        id: string;
        kind: string;
        key: string | null;
        title: string;
        ref: Record<string, string>;
        readAt: string | null;
      }[];
      unread: number;
      total: number;
    };
  };

  test('the member hears of a new concern; staff do not see the member’s notices', async () => {
    const { member, county, concernId, tracking } = await corner(t(), {
      county: '130202',
      city: '130200',
      other: '130100',
    });
    const m = await list(member);
    const n = m.items.find((i) => i.ref.concernId === concernId);
    assert.ok(n, 'the member has the routed notice');
    assert.equal(n.kind, 'concern.routed');
    assert.equal(n.ref.trackingCode, tracking);
    assert.equal(n.readAt, null);
    assert.equal(m.unread, 1);
    assert.equal((await list(county)).total, 0);
  });

  test('an escalation reaches every staff account of the committee above, in-app and by email', async () => {
    const { county, cityA, cityB, other, member, email, concernId, tracking } = await corner(t(), {
      county: '131121',
      city: '131100',
      other: '130100',
    });
    const r = await county.send('POST', `/api/concerns/${concernId}/escalate`, { reason: '涉及市区道路' });
    assert.equal(r.statusCode, 200, r.body);
    for (const s of [cityA, cityB]) {
      const l = await list(s, '?unread=1');
      assert.deepEqual(
        l.items.map((i) => [i.kind, i.ref.concernId]),
        [['concern.escalated', concernId]],
      );
      assert.equal(l.unread, 1);
      assert.equal(l.items[0]!.key, 'concern.escalated');
      assert.match(l.items[0]!.title, /上报/);
    }
    // Not the county that sent it, not another city, not the member.
    assert.equal((await list(county)).total, 0);
    assert.equal((await list(other)).total, 0);
    assert.ok(!(await list(member)).items.some((i) => i.kind === 'concern.escalated'));
    // Email: only the account with an address, once, delivered after commit.
    const mails = t().mail.sent.filter((m) => m.subject.includes(tracking));
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to, email);
    assert.match(mails[0]!.text, /涉及市区道路/);
    const rows = await t().deps.db.query<{ sent_at: Date | null; committee_id: string }>(
      `select sent_at, committee_id from outbox
        where channel = 'email' and kind = 'concern.escalated' and payload->>'concernId' = $1`,
      [concernId],
    );
    assert.equal(rows.length, 1);
    assert.ok(rows[0]!.sent_at);
    assert.equal(rows[0]!.committee_id, (await t().committee('131100')).id);
  });

  test('a committee notice is read per account; read-all marks only the caller’s', async () => {
    const { cityA, cityB, member } = await corner(t(), {
      county: '130921',
      city: '130900',
      other: '130100',
      escalate: '涉及市区道路',
    });
    const [n] = (await list(cityA)).items;
    const read = await cityA.send('POST', `/api/notices/${n!.id}/read`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().readAt, t().clock.now().toISOString());
    // Reading twice keeps the first time.
    t().clock.advance(1000);
    assert.equal((await cityA.send('POST', `/api/notices/${n!.id}/read`)).json().readAt, read.json().readAt);
    assert.equal((await list(cityA)).unread, 0);
    assert.equal((await list(cityA, '?unread=1')).items.length, 0);
    assert.equal((await list(cityA)).total, 1);
    assert.equal((await list(cityB)).unread, 1, 'the other account still has it unread');
    const all = await cityB.send('POST', '/api/notices/read-all');
    assert.equal(all.json().marked, 1);
    assert.equal((await cityB.send('POST', '/api/notices/read-all')).json().marked, 0);
    assert.equal((await list(cityB)).unread, 0);
    assert.equal((await list(member)).unread, 1, "the member's own notice is untouched");
  });

  test("another committee's notice answers 404, and so does an unknown id", async () => {
    const { cityA, other, county, member } = await corner(t(), {
      county: '131022',
      city: '131000',
      other: '130100',
      escalate: '涉及市区道路',
    });
    const [n] = (await list(cityA)).items;
    for (const s of [other, county, member]) {
      const r = await s.send('POST', `/api/notices/${n!.id}/read`);
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, 'notify.notice_not_found');
    }
    const bad = await cityA.send('POST', '/api/notices/not-a-uuid/read');
    assert.equal(bad.statusCode, 400);
    assert.equal((await cityA.get('/api/notices?unread=maybe')).statusCode, 400);
    assert.equal((await t().app.inject({ method: 'GET', url: '/api/notices' })).statusCode, 401);
  });

  test('handed down the tree: the receiving county hears of it', async () => {
    const { cityA, concernId } = await corner(t(), {
      county: '130607',
      city: '130600',
      other: '130100',
      escalate: '涉及市区道路',
    });
    const to = await staffOf(t(), '130608');
    const r = await cityA.send('POST', `/api/concerns/${concernId}/assign`, { committeeId: to.committee.id });
    assert.equal(r.statusCode, 200, r.body);
    const l = await list(to.session);
    assert.deepEqual(
      l.items.map((i) => i.kind),
      ['concern.handed_over'],
    );
  });

  test('notices are written in the transaction of the change: a rolled-back change leaves none', async () => {
    // One staff account of the committee has an email address: an in-app notice and one email.
    const staff = await staffOf(t(), '130800');
    await t().deps.db.query('update accounts set email = $2 where id = $1', [
      staff.accountId,
      'staff.130800@lianxin.example',
    ]);
    const committeeId = staff.committee.id;
    const before = await t().deps.db.query('select id from outbox');
    await assert.rejects(
      t().deps.db.tx(async (q) => {
        await notifyCommitteeStaff(q, t().deps, {
          committeeId,
          kind: 'test.rollback',
          key: 'concern.returned',
          email: { subject: 's', text: 't' },
        });
        assert.equal((await q.query(`select id from outbox where kind = 'test.rollback'`)).length, 2);
        throw new Error('the change fails after its notice was written');
      }),
      /change fails/,
    );
    assert.equal((await t().deps.db.query('select id from outbox')).length, before.length);
  });

  test('a notice reads in the language of its reader: one stored key, English or Chinese titles', async () => {
    await t().account({ username: 'ntlang', role: 'staff', region: '131102' });
    const s = await t().login('ntlang');
    const accountId = (
      await t().deps.db.query<{ id: string }>(`select id from accounts where username = 'ntlang'`)
    )[0]!.id;
    await createNotice(t().deps.db, t().deps, {
      kind: 'common_issue.grown',
      to: { accountId },
      key: 'common_issue.grown',
      params: { title: '路灯不亮', concerns: 6, studios: 3 },
      ref: { commonIssueId: 'ci-1' },
    });
    const inLang = async (lang?: string) => {
      const r = await t().app.inject({
        method: 'GET',
        url: '/api/notices',
        headers: { cookie: s.cookie, ...(lang ? { 'accept-language': lang } : {}) },
      });
      assert.equal(r.statusCode, 200, r.body);
      const [n] = r.json().items as { key: string; params: object; title: string; ref: object }[];
      return n!;
    };
    const en = await inLang('en-GB,en;q=0.9');
    assert.equal(en.key, 'common_issue.grown');
    assert.deepEqual(en.params, { title: '路灯不亮', concerns: 6, studios: 3 });
    assert.equal(en.title, 'The common issue “路灯不亮” has 6 concerns from 3 studios');
    assert.deepEqual(en.ref, { commonIssueId: 'ci-1' });
    assert.equal((await inLang('zh-CN')).title, '共性问题「路灯不亮」已有 6 件诉求，来自 3 个工作室');
    assert.equal((await inLang()).title, '共性问题「路灯不亮」已有 6 件诉求，来自 3 个工作室');

    // A member's notice from a real submission reads in English too.
    const { member, concernId } = await corner(t(), { county: '130502', city: '130500', other: '130400' });
    const r = await t().app.inject({
      method: 'GET',
      url: '/api/notices',
      headers: { cookie: member.cookie, 'accept-language': 'en' },
    });
    const routed = (r.json().items as { key: string; title: string; ref: { concernId?: string } }[]).find(
      (i) => i.ref.concernId === concernId && i.key === 'concern.new_for_member',
    );
    assert.equal(routed?.title, 'A new concern from a citizen has come to you; please take it up');
  });

  test('a notice stored with a title only, or with a key this version does not know, shows its stored title', async () => {
    await t().account({ username: 'ntold', role: 'staff', region: '131102' });
    const s = await t().login('ntold');
    const accountId = (
      await t().deps.db.query<{ id: string }>(`select id from accounts where username = 'ntold'`)
    )[0]!.id;
    const insert = (key: string | null, title: string, at: string) =>
      t().deps.db.query(
        `insert into outbox (id, kind, channel, recipient, audience, payload, message_key, message_params, created_at)
         values ($1, 'test.old', 'in_app', $2, 'account', $3, $4, $5, $6)`,
        [t().deps.ids.uuid(), accountId, JSON.stringify({ title }), key, key && '{}', new Date(at)],
      );
    await insert(null, '旧的通知', '2026-01-01T00:00:00Z');
    await insert('test.from_a_newer_version', '较新版本的通知', '2026-01-02T00:00:00Z');
    const r = await t().app.inject({
      method: 'GET',
      url: '/api/notices',
      headers: { cookie: s.cookie, 'accept-language': 'en' },
    });
    assert.deepEqual(
      (r.json().items as { key: string | null; title: string }[]).map((i) => [i.key, i.title]),
      [
        ['test.from_a_newer_version', '较新版本的通知'],
        [null, '旧的通知'],
      ],
    );
  });
});
