import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Session } from '../../test-support/app.ts';
import {
  departmentOf,
  freshPhone,
  memberAccount,
  newMember,
  publicClient,
  staffOf,
  unique,
} from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { jobTick } from '../../jobs/worker.ts';
import { consultationJobHandlers, consultationRecurringJobs } from './reminders.ts';

// The consultation loop through the HTTP API: topics from the four sources, the annual plan,
// a consultation with invitations, sign-in, minutes and closing, outcomes answered by a
// department. Each test builds its own plan (one committee may hold one plan a year, so each
// uses its own year).

let year = 2030;

eachBackend('consultations', (t) => {
  before(() => {
    t().clock.set(new Date('2026-11-20T09:00:00+08:00'));
  });

  const ok = (r: LightMyRequestResponse, status = 200) => {
    assert.equal(r.statusCode, status, r.body);
    return r.json();
  };
  const code = (r: LightMyRequestResponse, status: number, errorCode: string) => {
    assert.equal(r.statusCode, status, r.body);
    assert.equal(r.json().error.code, errorCode, r.body);
  };

  /** Staff of the city 131100 with a draft plan of a year no other test uses. */
  async function planFixture() {
    const staff = await staffOf(t(), '131100');
    const y = year++;
    const plan = ok(
      await staff.session.send('POST', '/api/consultation-plans', {
        committeeId: staff.committee.id,
        year: y,
        title: `${y}年度协商计划`,
      }),
    );
    return { staff, s: staff.session, plan, year: y };
  }

  const topicBody = (planId: string, extra: Record<string, unknown>) => ({
    planId,
    title: unique('城区老旧小区加装电梯'),
    background: '多个社区居民反映',
    ...extra,
  });

  test('topics from each source: 党政点题 names who set it, 委员荐题 gives reasons and others second it', async () => {
    const { s, plan } = await planFixture();
    code(
      await s.send('POST', '/api/consultation-topics', topicBody(plan.id, { source: 'party_government' })),
      400,
      'consultations.set_by_required',
    );
    const set = ok(
      await s.send(
        'POST',
        '/api/consultation-topics',
        topicBody(plan.id, { source: 'party_government', setBy: '市委办公室' }),
      ),
    );
    assert.equal(set.setBy, '市委办公室');
    assert.equal(set.status, 'proposed');
    ok(await s.send('POST', '/api/consultation-topics', topicBody(plan.id, { source: 'committee' })));

    const m1 = await newMember(t(), '131100', { by: s });
    const m2 = await newMember(t(), '131100', { by: s });
    const a1 = await memberAccount(t(), m1);
    const a2 = await memberAccount(t(), m2);
    code(
      await a1.session.send('POST', '/api/consultation-topics', topicBody(plan.id, { source: 'member' })),
      400,
      'consultations.reasons_required',
    );
    // A member recommends only as a member, not as the Party committee.
    code(
      await a1.session.send(
        'POST',
        '/api/consultation-topics',
        topicBody(plan.id, { source: 'party_government', setBy: 'x' }),
      ),
      403,
      'auth.forbidden',
    );
    const rec = ok(
      await a1.session.send(
        'POST',
        '/api/consultation-topics',
        topicBody(plan.id, { source: 'member', reasons: '群众反映集中，涉及面广' }),
      ),
    );
    assert.equal(rec.proposerName, m1.name);
    assert.deepEqual(rec.actions, []);
    code(
      await a1.session.send('POST', `/api/consultation-topics/${rec.id}/second`, {}),
      409,
      'consultations.own_topic',
    );
    const seconded = ok(
      await a2.session.send('POST', `/api/consultation-topics/${rec.id}/second`, { reason: '同意' }),
    );
    assert.deepEqual(
      seconded.seconds.map((x: { name: string }) => x.name),
      [m2.name],
    );
    // Answered as not chosen: the member who recommended it is told.
    ok(await s.send('POST', `/api/consultation-topics/${rec.id}/decline`, { reason: '已有部门专项工作' }));
    const told = await t().deps.db.query(
      `select 1 from outbox where channel = 'in_app' and kind = 'consultation.topic_not_chosen'
        and recipient = $1 and payload->>'topicId' = $2`,
      [m1.personId, rec.id],
    );
    assert.equal(told.length, 1);
    const list = ok(await s.get(`/api/consultation-topics?planId=${plan.id}`));
    assert.deepEqual(list.items.map((x: { source: string }) => x.source).sort(), [
      'committee',
      'member',
      'party_government',
    ]);
  });

  test('群众出题: a citizen proposes by the call QR with a verified phone, never shown; staff raise one from a concern with the link', async () => {
    const { s, plan } = await planFixture();
    const c = publicClient(t());
    const call = ok(await c.pub('GET', `/api/public/topic-calls/${plan.publicCode}`));
    assert.equal(call.open, true);
    assert.match(plan.topicCallUrl, new RegExp(`/ct/${plan.publicCode}$`));
    const phone = freshPhone();
    const body = { title: '学校周边早晚高峰拥堵', reasons: '每天接送孩子堵半小时', phone, consent: true };
    code(
      await c.pub('POST', `/api/public/topic-calls/${plan.publicCode}/topics`, {
        ...body,
        smsCode: '000000',
      }),
      400,
      'concerns.sms_code_invalid',
    );
    const smsCode = await c.codeFor(phone);
    const sent = ok(
      await c.pub('POST', `/api/public/topic-calls/${plan.publicCode}/topics`, {
        ...body,
        smsCode,
        submitKey: 'a'.repeat(24),
      }),
    );
    // The same post again (a retry) is the same topic, even though the code is spent.
    const again = ok(
      await c.pub('POST', `/api/public/topic-calls/${plan.publicCode}/topics`, {
        ...body,
        smsCode,
        submitKey: 'a'.repeat(24),
      }),
    );
    assert.equal(again.trackingCode, sent.trackingCode);
    const mine = ok(await c.pub('GET', `/api/public/topics/${sent.trackingCode}`));
    assert.equal(mine.status, 'proposed');
    const topics = ok(await s.get(`/api/consultation-topics?planId=${plan.id}&source=citizen`));
    assert.equal(topics.items.length, 1);
    assert.equal(topics.items[0].fromVerifiedPhone, true);
    assert.ok(!JSON.stringify(topics).includes(phone), 'the phone never leaves the server');

    // Staff raise a citizens' topic only with the evidence it stands on.
    code(
      await s.send(
        'POST',
        '/api/consultation-topics',
        topicBody(plan.id, { source: 'citizen', reasons: '多人反映' }),
      ),
      400,
      'consultations.evidence_required',
    );
    const none = '0b5c3e1a-7d2f-4c9e-8a1b-2f3e4d5c6b7a';
    const refused = await s.send(
      'POST',
      '/api/consultation-topics',
      topicBody(plan.id, {
        source: 'citizen',
        reasons: '多人反映',
        evidence: [{ kind: 'concern', id: none }],
      }),
    );
    code(refused, 404, 'concerns.not_found');
    assert.equal(refused.json().error.fields[0].field, 'body.evidence.0.id');
  });

  test('群众出题 on the H5 page: the code button keeps what was typed, the topic is sent, its page shows the answer', async () => {
    const { s, plan } = await planFixture();
    const c = publicClient(t());
    const page = await t().app.inject({ method: 'GET', url: `/ct/${plan.publicCode}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /征集/);
    const phone = freshPhone();
    const typed = {
      k: 'b'.repeat(24),
      title: '菜市场周边停车难',
      reasons: '早市车辆乱停<b>',
      phone,
      consent: '1',
    };
    const asked = await c.form(`/ct/${plan.publicCode}`, { ...typed, action: 'code' });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.match(asked.body, /菜市场周边停车难/);
    assert.ok(!asked.body.includes('<b>'), 'what was typed is escaped');
    const sent = await c.form(`/ct/${plan.publicCode}`, {
      ...typed,
      smsCode: c.lastCode(phone),
      action: 'submit',
    });
    assert.equal(sent.statusCode, 303, sent.body);
    const where = String(sent.headers.location);
    const tracking = /\/ct\/t\/([A-Z0-9]+)/.exec(where)?.[1] ?? assert.fail(where);
    const [topic] = ok(await s.get(`/api/consultation-topics?planId=${plan.id}&source=citizen`)).items;
    ok(
      await s.send('POST', `/api/consultation-topics/${topic.id}/decline`, {
        reason: '已由城管部门专项整治',
      }),
    );
    const answer = await t().app.inject({ method: 'GET', url: `/ct/t/${tracking}` });
    assert.equal(answer.statusCode, 200);
    assert.match(answer.body, /已由城管部门专项整治/);
    assert.equal((await t().app.inject({ method: 'GET', url: '/ct/NOSUCHCODE' })).statusCode, 404);
  });

  test('the plan: chosen topics with their form; the rest answered with a reason; approved, then published', async () => {
    const { s, plan } = await planFixture();
    const dept = await departmentOf(t(), '131100', { by: s });
    const a = ok(
      await s.send(
        'POST',
        '/api/consultation-topics',
        topicBody(plan.id, { source: 'party_government', setBy: '市政府' }),
      ),
    );
    const b = ok(
      await s.send('POST', '/api/consultation-topics', topicBody(plan.id, { source: 'committee' })),
    );
    const withItem = ok(
      await s.send('POST', `/api/consultation-plans/${plan.id}/items`, {
        topicId: a.id,
        form: 'special',
        leadText: '经济委员会',
        plannedMonth: 5,
        departmentIds: [dept.departmentId],
      }),
    );
    assert.equal(withItem.items[0].leadName, '经济委员会');
    assert.deepEqual(withItem.items[0].departmentNames, [dept.name]);
    // A topic is chosen once.
    code(
      await s.send('POST', `/api/consultation-plans/${plan.id}/items`, {
        topicId: a.id,
        form: 'micro',
        plannedMonth: 6,
      }),
      409,
      'consultations.topic_bad_state',
    );
    ok(
      await s.send('POST', `/api/consultation-plans/${plan.id}/approve`, {
        approvedByName: '市政协主席会议',
        approvedOn: '2026-12-20',
        documentRef: '衡政协〔2026〕18号',
      }),
    );
    const blocked = await s.send('POST', `/api/consultation-plans/${plan.id}/publish`);
    code(blocked, 409, 'consultations.topics_unanswered');
    assert.match(blocked.json().error.messages['zh-CN'], /1 个议题/);
    const declined = ok(
      await s.send('POST', `/api/consultation-topics/${b.id}/decline`, { reason: '已列入部门年度重点工作' }),
    );
    assert.equal(declined.status, 'not_chosen');
    const published = ok(await s.send('POST', `/api/consultation-plans/${plan.id}/publish`));
    assert.equal(published.status, 'published');
    assert.equal(published.documentRef, '衡政协〔2026〕18号');
    assert.equal(published.approvedOn, '2026-12-20');
    // The call is over once the plan left the draft.
    code(
      await s.send('POST', '/api/consultation-topics', topicBody(plan.id, { source: 'committee' })),
      409,
      'consultations.call_closed',
    );
  });

  /** A scheduled consultation of the city with one invited member (with an account) and an expert. */
  async function scheduled(s: Session, committeeId: string) {
    const m = await newMember(t(), '131100', { by: s });
    const member = await memberAccount(t(), m);
    const k = ok(
      await s.send('POST', '/api/consultations', {
        committeeId,
        title: unique('优化营商环境专题协商会'),
        kind: 'special',
        mode: 'both',
        startsAt: '2026-11-20T09:30:00+08:00',
        endsAt: '2026-11-20T11:30:00+08:00',
        place: '市政协三楼会议室',
        hostName: '市政协副主席',
        agenda: [
          { title: '部门通报情况', durationMinutes: 20, speaker: '市发改委' },
          { title: '委员发言', durationMinutes: 60 },
        ],
      }),
    );
    assert.equal(k.agenda.length, 2);
    const invited = ok(
      await s.send('POST', `/api/consultations/${k.id}/invitations`, {
        participants: [
          { role: 'member', personId: m.personId },
          { role: 'expert', name: '李教授' },
        ],
      }),
    );
    assert.equal(invited.participants.length, 2);
    ok(await s.send('POST', `/api/consultations/${k.id}/schedule`));
    return { k, m, member };
  }

  test('a consultation: reply, sign-in at the door once, minutes in three steps, closing needs the record, then only amendments', async () => {
    const { staff, s } = await planFixture();
    const dept = await departmentOf(t(), '131100', { by: s });
    const { k, member } = await scheduled(s, staff.committee.id);
    code(
      await member.session.send('POST', `/api/consultations/${k.id}/reply`, { reply: 'declined' }),
      400,
      'studios.reason_required',
    );
    const replied = ok(
      await member.session.send('POST', `/api/consultations/${k.id}/reply`, { reply: 'accepted' }),
    );
    assert.ok(replied.myParticipantId);
    assert.equal(replied.doorCode, null, 'the door code is for staff only');

    const first = ok(
      await member.session.send('POST', '/api/consultations/sign-in', { doorCode: k.doorCode }),
    );
    const at = first.participants.find((p: { id: string }) => p.id === first.myParticipantId).signedInAt;
    t().clock.set(new Date('2026-11-20T09:10:00+08:00'));
    const second = ok(
      await member.session.send('POST', '/api/consultations/sign-in', { doorCode: k.doorCode }),
    );
    assert.equal(
      second.participants.find((p: { id: string }) => p.id === second.myParticipantId).signedInAt,
      at,
    );
    assert.equal(second.signedInCount, 1);
    const expert = k.id && second.participants.find((p: { role: string }) => p.role === 'expert');
    assert.equal(
      ok(await s.send('POST', `/api/consultations/${k.id}/participants/${expert.id}/sign-in`)).signedInCount,
      2,
    );

    code(
      await s.send('POST', `/api/consultations/${k.id}/close`, { attendeeCount: 2, contributionCount: 5 }),
      409,
      'consultations.close_incomplete',
    );
    ok(await s.send('POST', `/api/consultations/${k.id}/minutes`, { text: '会议纪要草稿' }));
    const opened = ok(await s.send('POST', `/api/consultations/${k.id}/minutes/open`, { amendHours: 24 }));
    assert.equal(opened.minutesStatus, 'amending');
    const amended = ok(
      await member.session.send('POST', `/api/consultations/${k.id}/minutes/amend`, {
        text: '会议纪要（委员补充）',
      }),
    );
    assert.equal(amended.minutes, '会议纪要（委员补充）');
    ok(await s.send('POST', `/api/consultations/${k.id}/minutes/lock`));
    code(
      await member.session.send('POST', `/api/consultations/${k.id}/minutes/amend`, { text: 'x' }),
      409,
      'consultations.minutes_bad_state',
    );
    ok(
      await s.send('POST', `/api/consultations/${k.id}/outcomes`, {
        text: '建议简化企业开办流程',
        departmentId: dept.departmentId,
        dueOn: '2026-12-31',
      }),
    );
    const closed = ok(
      await s.send('POST', `/api/consultations/${k.id}/close`, { attendeeCount: 2, contributionCount: 5 }),
    );
    assert.equal(closed.status, 'closed');
    assert.deepEqual(closed.actions, ['amend']);
    code(
      await s.send('PATCH', `/api/consultations/${k.id}`, { place: '别处' }),
      409,
      'consultations.bad_state',
    );
    const fixed = ok(
      await s.send('POST', `/api/consultations/${k.id}/amendments`, {
        field: 'contributionCount',
        value: '6',
        reason: '漏计一位书面发言',
      }),
    );
    assert.equal(fixed.contributionCount, 6);
    assert.deepEqual(
      fixed.amendments.map((x: { before: string; after: string }) => [x.before, x.after]),
      [['5', '6']],
    );
  });

  test('an outcome: the department answers in writing, reports progress, staff record an endorsement; others cannot', async () => {
    const { staff, s } = await planFixture();
    const dept = await departmentOf(t(), '131100', { by: s });
    const other = await departmentOf(t(), '131100', { by: s });
    const { k } = await scheduled(s, staff.committee.id);
    const withOutcome = ok(
      await s.send('POST', `/api/consultations/${k.id}/outcomes`, {
        text: '建议增设公交线路',
        departmentId: dept.departmentId,
        dueOn: '2026-11-30',
      }),
    );
    const id = withOutcome.outcomes[0].id;
    const theirs = ok(await other.session.get('/api/consultation-outcomes'));
    assert.equal(theirs.items.length, 0, 'another department sees none of it');
    code(
      await other.session.send('POST', `/api/consultation-outcomes/${id}/answer`, {
        result: 'adopted',
        text: '采纳',
        plan: '开通',
        byDate: '2027-03-01',
      }),
      404,
      'consultations.outcome_not_found',
    );
    const mine = ok(await dept.session.get('/api/consultation-outcomes'));
    assert.deepEqual(mine.items[0].actions, ['answer']);
    const missingPlan = await dept.session.send('POST', `/api/consultation-outcomes/${id}/answer`, {
      result: 'partly',
      text: '部分采纳',
    });
    assert.equal(missingPlan.statusCode, 400, missingPlan.body);
    const answered = ok(
      await dept.session.send('POST', `/api/consultation-outcomes/${id}/answer`, {
        result: 'partly',
        text: '部分采纳，先开通一条试点线路',
        plan: '开通 18 路试点',
        byDate: '2027-03-01',
      }),
    );
    assert.equal(answered.status, 'answered');
    // Two weeks on: the sessions of the fixtures timed out, so each signs in again.
    t().clock.set(new Date('2026-12-05T09:00:00+08:00'));
    const d2 = await dept.login();
    const s2 = await staff.login();
    const going = ok(
      await d2.send('POST', `/api/consultation-outcomes/${id}/progress`, {
        status: 'in_progress',
        progress: 40,
        note: '线路已论证',
      }),
    );
    assert.equal(going.progress, 40);
    assert.equal(going.overdue, false, 'answered in time is never overdue');
    code(
      await d2.send('POST', `/api/consultation-outcomes/${id}/endorsements`, {
        level: '市长',
        leaderName: '张市长',
        endorsedOn: '2026-12-06',
        text: '请抓紧落实',
      }),
      403,
      'auth.forbidden',
    );
    const endorsed = ok(
      await s2.send('POST', `/api/consultation-outcomes/${id}/endorsements`, {
        level: '市长',
        leaderName: '张市长',
        endorsedOn: '2026-12-06',
        text: '请抓紧落实',
      }),
    );
    assert.equal(endorsed.endorsements[0].leaderName, '张市长');
    const done = ok(
      await d2.send('POST', `/api/consultation-outcomes/${id}/progress`, {
        status: 'done',
        progress: 80,
        note: '已开通',
      }),
    );
    assert.equal(done.status, 'done');
    assert.equal(done.progress, 100);
    assert.deepEqual(
      done.history.map((h: { status: string }) => h.status),
      ['in_progress', 'done'],
    );
    t().clock.set(new Date('2026-11-20T09:00:00+08:00'));
  });

  test('an outcome unanswered past its date reminds the department and the staff, once', async () => {
    const { staff, s } = await planFixture();
    const dept = await departmentOf(t(), '131100', { by: s });
    const { k } = await scheduled(s, staff.committee.id);
    const added = ok(
      await s.send('POST', `/api/consultations/${k.id}/outcomes`, {
        text: '建议增设社区食堂',
        departmentId: dept.departmentId,
        dueOn: '2026-11-25',
      }),
    );
    const id = added.outcomes[0].id;
    const notices = () =>
      t().deps.db.query<{ audience: string; recipient: string }>(
        `select audience, recipient from outbox where channel = 'in_app' and kind = 'consultation.outcome_overdue'
          and payload->>'outcomeId' = $1 order by audience`,
        [id],
      );
    const tick = () => jobTick(t().deps, consultationJobHandlers, consultationRecurringJobs);
    try {
      t().clock.set(new Date('2026-11-25T20:00:00+08:00'));
      await tick();
      assert.equal((await notices()).length, 0, 'due today is not overdue');
      t().clock.set(new Date('2026-11-26T09:00:00+08:00'));
      await tick();
      const sent = await notices();
      assert.equal(sent.length, 2, JSON.stringify(sent));
      assert.ok(sent.some((n) => n.recipient === dept.accountId));
      t().clock.set(new Date('2026-11-26T12:00:00+08:00'));
      await tick();
      assert.equal((await notices()).length, 2, 'once per answer date');
      const listed = ok(await (await dept.login()).get('/api/consultation-outcomes'));
      assert.equal(listed.items.find((o: { id: string }) => o.id === id).overdue, true);
    } finally {
      t().clock.set(new Date('2026-11-20T09:00:00+08:00'));
    }
  });

  test('who may do what: members and departments neither plan nor run consultations; another committee sees nothing', async () => {
    const { staff, s, plan } = await planFixture();
    const { k } = await scheduled(s, staff.committee.id);
    const m = await memberAccount(t(), await newMember(t(), '131100', { by: s }));
    const dept = await departmentOf(t(), '131100', { by: s });
    const other = await staffOf(t(), '130100');
    code(
      await m.session.send('POST', '/api/consultation-plans', {
        committeeId: staff.committee.id,
        year: 2099,
        title: 'x',
      }),
      403,
      'auth.forbidden',
    );
    code(await m.session.send('POST', `/api/consultations/${k.id}/schedule`), 403, 'auth.forbidden');
    code(
      await m.session.send('POST', `/api/consultations/${k.id}/reply`, { reply: 'accepted' }),
      403,
      'consultations.not_invited',
    );
    code(await dept.session.get('/api/consultations'), 403, 'auth.forbidden');
    code(await dept.session.get(`/api/consultation-plans/${plan.id}`), 403, 'auth.forbidden');
    code(await other.session.get(`/api/consultations/${k.id}`), 404, 'consultations.not_found');
    code(await other.session.get(`/api/consultation-plans/${plan.id}`), 404, 'consultations.plan_not_found');
    assert.equal(ok(await other.session.get('/api/consultation-outcomes')).items.length, 0);
  });

  test("a county member invited to the city's consultation reaches it: reply and door sign-in; an uninvited one does not", async () => {
    const { staff, s } = await planFixture();
    const { k } = await scheduled(s, staff.committee.id);
    const county = await newMember(t(), '131121', { by: s });
    const invitedAcc = await memberAccount(t(), county);
    const outsider = await memberAccount(t(), await newMember(t(), '131121', { by: s }));
    code(await invitedAcc.session.get(`/api/consultations/${k.id}`), 404, 'consultations.not_found');
    ok(
      await s.send('POST', `/api/consultations/${k.id}/invitations`, {
        participants: [{ role: 'member', personId: county.personId }],
      }),
    );
    assert.ok(
      ok(await invitedAcc.session.get('/api/consultations')).items.some((x: { id: string }) => x.id === k.id),
    );
    ok(await invitedAcc.session.send('POST', `/api/consultations/${k.id}/reply`, { reply: 'accepted' }));
    const signed = ok(
      await invitedAcc.session.send('POST', '/api/consultations/sign-in', { doorCode: k.doorCode }),
    );
    assert.ok(signed.participants.find((p: { id: string }) => p.id === signed.myParticipantId).signedInAt);
    code(await outsider.session.get(`/api/consultations/${k.id}`), 404, 'consultations.not_found');
    code(
      await outsider.session.send('POST', '/api/consultations/sign-in', { doorCode: k.doorCode }),
      404,
      'consultations.not_found',
    );
  });

  test('a micro-consultation from the studio convenor: one form, recorded closed with its attendance', async () => {
    const { s } = await planFixture();
    const county = (await t().committee('131121')).id;
    const convenor = await newMember(t(), '131121', { by: s });
    const other = await newMember(t(), '131121', { by: s });
    const studio = ok(
      await s.send('POST', '/api/studios', {
        committeeId: county,
        name: unique('肖张镇委员工作室'),
        kind: 'regional',
        leadPersonId: convenor.personId,
      }),
    );
    ok(await s.send('POST', `/api/studios/${studio.id}/members`, { personId: other.personId }));
    const form = {
      studioId: studio.id,
      title: '小区连廊冬季结冰',
      heldAt: '2026-11-19T15:00:00+08:00',
      memberIds: [convenor.personId, other.personId],
      citizenCount: 12,
      consensus: '物业每日除冰，社区增设防滑垫',
      followUp: '下周回访',
    };
    const outsider = await memberAccount(t(), other);
    code(
      await outsider.session.send('POST', '/api/micro-consultations', form),
      403,
      'consultations.not_convenor',
    );
    const mine = await memberAccount(t(), convenor);
    const rec = ok(await mine.session.send('POST', '/api/micro-consultations', form));
    assert.equal(rec.kind, 'micro');
    assert.equal(rec.status, 'closed');
    assert.equal(rec.attendeeCount, 14);
    assert.equal(rec.signedInCount, 2);
    assert.equal(rec.minutesStatus, 'locked');
  });
});
