import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  approvedStudio,
  concernRoutedToMember,
  departmentOf,
  freshPhone,
  publicClient,
  staffOf,
  submittedConcern,
} from '../../test-support/fixtures.ts';
import type { TestApp } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { checkDeadlines } from './deadlines.ts';

// Handling departments (承办单位): staff pass a concern to one, the department answers it or asks
// to return it within 3 working days, and, when the committee reviews replies, staff approve
// the answer before the citizen sees it.

const dayMs = 86400_000;

/** A concern of the region's committee (through a new studio there), and that committee's staff. */
async function concernOf(t: TestApp, region: string, phone?: string) {
  const studio = await approvedStudio(t, { region, members: 1 });
  const concern = await submittedConcern(t, { studioCode: studio.code, ...(phone ? { phone } : {}) });
  return { concern, staff: studio.staff };
}

eachBackend('concerns: handling departments', (t) => {
  test('staff pass a concern to a department; it sees it in its inbox by deadline, accepts and answers; the citizen reads it', async () => {
    const { pub } = publicClient(t());
    const phone = freshPhone();
    const { concern, staff } = await concernOf(t(), '131121', phone);
    const dept = await departmentOf(t(), '131121', { by: staff.session });
    const other = await departmentOf(t(), '131121', { by: staff.session });
    const elsewhere = await departmentOf(t(), '131100');
    const url = `/api/concerns/${concern.id}`;

    // Not a department of the concern's committee; a note is required; a department may not pass it on.
    const wrong = await staff.session.send('POST', `${url}/to-department`, {
      departmentId: elsewhere.departmentId,
      note: '请办理',
    });
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.equal(wrong.json().error.fields[0].field, 'body.departmentId');
    const noNote = await staff.session.send('POST', `${url}/to-department`, {
      departmentId: dept.departmentId,
    });
    assert.equal(noNote.statusCode, 400);
    // Before it is passed to them, no department sees it.
    assert.equal((await dept.session.get(url)).statusCode, 404);

    const passed = await staff.session.send('POST', `${url}/to-department`, {
      departmentId: dept.departmentId,
      note: '请于期限内答复群众',
    });
    assert.equal(passed.statusCode, 200, passed.body);
    assert.equal(passed.json().status, 'submitted');
    const detail = (await staff.session.get(url)).json();
    assert.equal(detail.handlerDepartmentId, dept.departmentId);
    assert.equal(detail.handlerDepartmentName, dept.name);
    // Monday 09:00 + 10 working days = Monday two weeks on; returns until Thursday 09:00.
    const now = t().clock.now();
    assert.equal(new Date(detail.dueAt).getTime() - now.getTime(), 14 * dayMs);
    assert.equal(new Date(detail.returnUntil).getTime() - now.getTime(), 3 * dayMs);
    const step = detail.events.find((e: { kind: string }) => e.kind === 'department_assigned');
    assert.equal(step.note, '请于期限内答复群众');

    const inbox = (await dept.session.get('/api/concerns/inbox?bucket=new')).json();
    assert.deepEqual(
      inbox.items.map((i: { id: string }) => i.id),
      [concern.id],
    );
    assert.equal(inbox.counts.new, 1);
    assert.equal((await other.session.get(url)).statusCode, 404, "another department's");
    assert.equal((await other.session.get('/api/concerns/inbox')).json().total, 0);
    assert.equal((await other.session.send('POST', `${url}/accept`)).statusCode, 404);
    assert.equal(
      (
        await dept.session.send('POST', `${url}/to-department`, {
          departmentId: other.departmentId,
          note: 'x',
        })
      ).statusCode,
      403,
    );

    const acc = await dept.session.send('POST', `${url}/accept`);
    assert.equal(acc.statusCode, 200, acc.body);
    assert.equal(acc.json().status, 'accepted');
    const before = t().sms.sent.length;
    const rep = await dept.session.send('POST', `${url}/reply`, { text: '已安排维修队本周内更换路灯。' });
    assert.equal(rep.statusCode, 200, rep.body);
    assert.equal(rep.json().status, 'answered');
    assert.equal(
      t()
        .sms.sent.slice(before)
        .filter((m) => m.to === phone).length,
      1,
    );

    const view = (await pub('GET', `/api/public/concerns/${concern.trackingCode}`)).json();
    assert.equal(view.status, 'answered');
    const answered = view.steps.find((s: { kind: string }) => s.kind === 'answered');
    assert.equal(answered.text, '已安排维修队本周内更换路灯。');
    assert.equal(answered.actor, dept.name);
    const assigned = view.steps.find((s: { kind: string }) => s.kind === 'department_assigned');
    assert.equal(assigned.text, `已交办${dept.name}办理`);
    assert.ok(!JSON.stringify(view).includes('请于期限内答复群众'), 'the note stays inside');
    // It stays in the department's list, answered.
    assert.equal((await dept.session.get('/api/concerns/inbox')).json().total, 1);
  });

  test('a department asks to return it within 3 working days; staff take it back or pass it elsewhere; later it may not', async () => {
    const { concern, staff } = await concernOf(t(), '131121');
    const dept = await departmentOf(t(), '131121', { by: staff.session });
    const next = await departmentOf(t(), '131121', { by: staff.session });
    const url = `/api/concerns/${concern.id}`;
    const pass = (d: string) =>
      staff.session.send('POST', `${url}/to-department`, { departmentId: d, note: '请办理', workingDays: 5 });
    assert.equal((await pass(dept.departmentId)).statusCode, 200);
    assert.equal(
      (await dept.session.send('POST', `${url}/ask-return`, {})).statusCode,
      400,
      'a reason is required',
    );
    const ask = await dept.session.send('POST', `${url}/ask-return`, { reason: '不属于本单位职责' });
    assert.equal(ask.statusCode, 200, ask.body);
    assert.equal(ask.json().status, 'return_requested');
    const notes = (await staff.session.get('/api/notices')).json();
    assert.ok(notes.items.some((n: { ref: { concernId?: string } }) => n.ref.concernId === concern.id));
    assert.equal((await dept.session.send('POST', `${url}/ask-return`, { reason: '再次' })).statusCode, 409);

    // Passed elsewhere straight from the request.
    assert.equal((await pass(next.departmentId)).statusCode, 200);
    assert.equal((await dept.session.get(url)).statusCode, 404, 'the first department no longer sees it');
    assert.equal(
      (await next.session.send('POST', `${url}/ask-return`, { reason: '也不是我们' })).statusCode,
      200,
    );
    const back = await staff.session.send('POST', `${url}/accept-return`);
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json().status, 'submitted');
    const detail = (await staff.session.get(url)).json();
    assert.equal(detail.handlerDepartmentId, null);
    assert.equal((await next.session.get(url)).statusCode, 404);
    const kinds = detail.events.map((e: { kind: string }) => e.kind);
    for (const k of ['department_assigned', 'return_requested', 'return_accepted'])
      assert.ok(kinds.includes(k), k);

    // Passed again; three working days later (Monday → Thursday) it is too late to return.
    assert.equal((await pass(dept.departmentId)).statusCode, 200);
    t().clock.advance(3 * dayMs + 60_000);
    try {
      const late = await (await dept.login()).send('POST', `${url}/ask-return`, { reason: '晚了' });
      assert.equal(late.statusCode, 403, late.body);
      const again = await (await staff.login()).get(url);
      assert.equal(again.json().returnUntil < t().clock.now().toISOString(), true);
    } finally {
      t().clock.advance(-(3 * dayMs + 60_000));
    }
  });

  test('with review on, a department’s and a member’s reply wait for staff: sent back with a reason, then approved', async () => {
    const { pub } = publicClient(t());
    const region = '131102';
    const staff = await staffOf(t(), region);
    const committeeId = staff.committee.id;
    const settingsUrl = `/api/committees/${committeeId}/settings`;
    assert.equal((await staff.session.get(`/api/committees/${committeeId}`)).json().replyReview, false);
    const on = await staff.session.send('PATCH', settingsUrl, { replyReview: true });
    assert.equal(on.statusCode, 200, on.body);
    try {
      const studio = await approvedStudio(t(), { region, members: 1 });
      const concern = await submittedConcern(t(), { studioCode: studio.code });
      const dept = await departmentOf(t(), region, { by: staff.session });
      const url = `/api/concerns/${concern.id}`;
      await staff.session.send('POST', `${url}/to-department`, {
        departmentId: dept.departmentId,
        note: '请办理',
      });
      await dept.session.send('POST', `${url}/accept`);
      const rep = await dept.session.send('POST', `${url}/reply`, { text: '初稿答复。' });
      assert.equal(rep.statusCode, 200, rep.body);
      assert.equal(rep.json().status, 'reply_review');
      const waiting = (await pub('GET', `/api/public/concerns/${concern.trackingCode}`)).json();
      assert.equal(waiting.status, 'reply_review');
      assert.ok(!waiting.steps.some((s: { kind: string }) => s.kind === 'answered'), 'not yet the citizen’s');
      assert.ok(!JSON.stringify(waiting).includes('初稿答复'));
      assert.equal((await staff.session.get(url)).json().reviewReply, '初稿答复。');
      // The department may not approve its own reply.
      assert.equal((await dept.session.send('POST', `${url}/approve-reply`)).statusCode, 403);

      assert.equal((await staff.session.send('POST', `${url}/send-back-reply`, {})).statusCode, 400);
      const sent = await staff.session.send('POST', `${url}/send-back-reply`, { reason: '请写明维修时间' });
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().status, 'accepted');
      await dept.session.send('POST', `${url}/reply`, { text: '维修队将于12月5日前更换路灯。' });
      const ok = await staff.session.send('POST', `${url}/approve-reply`);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'answered');
      const view = (await pub('GET', `/api/public/concerns/${concern.trackingCode}`)).json();
      const answered = view.steps.filter((s: { kind: string }) => s.kind === 'answered');
      assert.equal(answered.length, 1);
      assert.equal(answered[0].text, '维修队将于12月5日前更换路灯。');
      assert.equal(answered[0].actor, dept.name, 'in the name of the department that wrote it');

      // A member's reply of the same committee waits too; a staff reply does not.
      const { member, concern: k2 } = await concernRoutedToMember(t(), { region });
      await member.session.send('POST', `/api/concerns/${k2.id}/accept`);
      const mrep = await member.session.send('POST', `/api/concerns/${k2.id}/reply`, { text: '委员答复。' });
      assert.equal(mrep.json().status, 'reply_review');
      const k3 = await submittedConcern(t(), { studioCode: studio.code });
      await staff.session.send('POST', `/api/concerns/${k3.id}/accept`);
      const srep = await staff.session.send('POST', `/api/concerns/${k3.id}/reply`, { text: '机关答复。' });
      assert.equal(srep.json().status, 'answered');
    } finally {
      await staff.session.send('PATCH', settingsUrl, { replyReview: false });
    }
  });

  test('committee settings: staff of the committee change them, a member may not, another committee’s are not found', async () => {
    const staff = await staffOf(t(), '131121');
    const outside = await t().committee('130100');
    assert.equal((await staff.session.get(`/api/committees/${outside.id}`)).statusCode, 404);
    assert.equal(
      (await staff.session.send('PATCH', `/api/committees/${outside.id}/settings`, { replyReview: true }))
        .statusCode,
      404,
    );
    const { member } = await concernRoutedToMember(t(), { region: '131121' });
    const res = await member.session.send('PATCH', `/api/committees/${staff.committee.id}/settings`, {
      replyReview: true,
    });
    assert.equal(res.statusCode, 403);
    const audit = await t().deps.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'committees.settings' and target_id = $1 and result = 'ok'`,
      [staff.committee.id],
    );
    assert.equal(audit[0]!.n, 0);
  });

  // Last in the file: it moves the clock to the concern's last day.
  test("a department's accounts are reminded of the deadline of a concern passed to it, once, then told it is overdue", async () => {
    const { concern, staff } = await concernOf(t(), '131124');
    const dept = await departmentOf(t(), '131124', { by: staff.session });
    const passed = await staff.session.send('POST', `/api/concerns/${concern.id}/to-department`, {
      departmentId: dept.departmentId,
      note: '请办理',
    });
    assert.equal(passed.statusCode, 200, passed.body);
    const dueAt = new Date((await staff.session.get(`/api/concerns/${concern.id}`)).json().dueAt);
    const toDept = (kind: string) =>
      t().deps.db.query<{ recipient: string }>(
        `select recipient from outbox where channel = 'in_app' and audience = 'account' and kind = $1
            and payload->>'concernId' = $2`,
        [kind, concern.id],
      );
    t().clock.set(new Date(dueAt.getTime() - 23 * 3600_000));
    await t().deps.db.tx((q) => checkDeadlines(q, t().deps));
    await t().deps.db.tx((q) => checkDeadlines(q, t().deps));
    assert.deepEqual(
      (await toDept('concern.due_soon')).map((r) => r.recipient),
      [dept.accountId],
    );
    t().clock.set(new Date(dueAt.getTime() + 1));
    await t().deps.db.tx((q) => checkDeadlines(q, t().deps));
    assert.deepEqual(
      (await toDept('concern.overdue')).map((r) => r.recipient),
      [dept.accountId],
    );
    const session = await dept.login();
    const notes = (await session.get('/api/notices')).json();
    assert.ok(
      notes.items.some(
        (n: { kind: string; ref: { concernId?: string } }) =>
          n.kind === 'concern.overdue' && n.ref.concernId === concern.id,
      ),
      JSON.stringify(notes.items),
    );
  });
});
