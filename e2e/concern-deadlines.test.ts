import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { approvedStudio, checkA11y, consoleAs, membersOf, openPhone, startHarness } from './support.ts';
import type { Harness } from './support.ts';

// Issue 3: deadline reminders fire on a controllable clock. The app runs on a manual clock;
// the test moves it and runs the background jobs itself (the app lives in this process),
// then checks the outbox, the member's console (bell, inbox, history) and the staff's.
// Each test has a county of its own (member, staff, studio, made in before()) and makes its
// own concern, so it passes alone and no other test's concern shows in its counts.

let h: Harness;
const hour = 3600_000;
type County = {
  region: string;
  member: { id: string; name: string };
  memberCode: string;
  memberUser: string;
  staffUser: string;
  staffEmail: string;
};
const counties: Record<'created' | 'reminded' | 'overdue', County> = {} as never;

before(async () => {
  h = await startHarness({ clock: 'manual' });
  const make = async (region: string, tag: string, county: string): Promise<County> => {
    const [member] = (await membersOf(h.app, region, 1)) as [{ id: string; name: string }];
    const memberUser = `dl_member_${tag}`;
    const staffUser = `dl_staff_${tag}`;
    const staffEmail = `duban-${tag}@hengshui.example`;
    await h.app.testApp.account({ username: memberUser, role: 'member', region, personId: member.id });
    await h.app.testApp.account({ username: staffUser, role: 'staff', region });
    await h.app.db.query('update accounts set email = $1 where username = $2', [staffEmail, staffUser]);
    const s = await approvedStudio(h.app, {
      staffUser,
      region,
      name: `${county}便民服务委员工作室`,
      people: [member],
    });
    return { region, member, memberCode: s.memberCodes.get(member.name)!, memberUser, staffUser, staffEmail };
  };
  counties.created = await make('131121', 'zq', '枣强县');
  counties.reminded = await make('131122', 'wy', '武邑县');
  counties.overdue = await make('131123', 'wq', '武强县');
});
after(async () => {
  await h?.close();
});

/** A concern sent now from the member's card (as the H5 form posts it), and its deadline. */
async function sentToMember(c: County) {
  const r = await h.app.testApp.app.inject({
    method: 'POST',
    url: '/api/public/concerns',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.50.1.1' },
    payload: JSON.stringify({
      memberCode: c.memberCode,
      category: 'livelihood',
      text: '小区二次供水水箱多年没有清洗，水有异味。',
    }),
  });
  assert.equal(r.statusCode, 200, r.body);
  const trackingCode: string = r.json().trackingCode;
  const [k] = await h.app.db.query<{ id: string; due_at: Date }>(
    'select id, due_at from concerns where tracking_code = $1',
    [trackingCode],
  );
  return { trackingCode, concernId: k!.id, dueAt: new Date(k!.due_at) };
}

/** The sweep a day before the deadline, then the next period's and the same one again. */
async function remind(dueAt: Date) {
  h.app.clock.set(new Date(dueAt.getTime() - 23 * hour));
  const run = await h.app.runJobs();
  assert.ok(run.jobs.done >= 1, `the deadline sweep ran: ${JSON.stringify(run.jobs)}`);
  h.app.clock.advance(10 * 60_000);
  await h.app.runJobs();
  await h.app.runJobs();
}

type Row = { kind: string; channel: string; recipient: string; audience: string | null };
const outbox = async (kind: string, concernId: string) =>
  h.app.db.query<Row>(
    `select kind, channel, recipient, audience from outbox where kind = $1 and payload->>'concernId' = $2
      order by channel, audience`,
    [kind, concernId],
  );

test('a concern sent from a member’s card gets a 15-day deadline, shown to the citizen', async () => {
  h.app.clock.set(new Date('2026-11-23T09:00:00+08:00'));
  const { memberCode } = counties.created;
  const { context, page } = await openPhone(h, { ip: '10.50.0.1' });
  await page.goto(`/m/${memberCode}/concern`);
  await page.getByLabel('类别').selectOption({ label: '民生保障' });
  await page.getByLabel(/您反映的问题或建议/).fill('小区二次供水水箱多年没有清洗，水有异味。');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.waitForURL(/\/t\/[A-Z0-9]{10}\?new=1$/);
  const trackingCode = /\/t\/([A-Z0-9]{10})/.exec(page.url())![1]!;
  const [k] = await h.app.db.query<{ id: string; due_at: Date }>(
    'select id, due_at from concerns where tracking_code = $1',
    [trackingCode],
  );
  const dueAt = new Date(k!.due_at);
  assert.equal(dueAt.getTime() - h.app.clock.now().getTime(), 15 * 24 * hour);
  await page.getByText('办理期限 2026年12月8日 09:00').waitFor();
  await context.close();
});

test('24 hours before the deadline: one reminder to the member — outbox, bell, inbox, history', async () => {
  const { member, memberUser } = counties.reminded;
  h.app.clock.set(new Date('2026-11-23T09:00:00+08:00'));
  const { trackingCode, concernId, dueAt } = await sentToMember(counties.reminded);
  h.app.clock.set(new Date(dueAt.getTime() - 25 * hour));
  await h.app.runJobs();
  assert.deepEqual(await outbox('concern.due_soon', concernId), [], 'nothing more than a day ahead');

  h.app.clock.set(new Date(dueAt.getTime() - 23 * hour)); // 12-07 10:00
  const run = await h.app.runJobs();
  assert.ok(run.jobs.done >= 1, `the deadline sweep ran: ${JSON.stringify(run.jobs)}`);
  h.app.clock.advance(10 * 60_000); // the next period's sweep, and the same one again
  await h.app.runJobs();
  await h.app.runJobs();
  assert.deepEqual(await outbox('concern.due_soon', concernId), [
    { kind: 'concern.due_soon', channel: 'in_app', recipient: member.id, audience: 'person' },
  ]);

  const m = await consoleAs(h, memberUser, { now: h.app.clock.now() });
  await m.page.goto('/inbox');
  await m.page.getByRole('heading', { name: '我的收件箱', level: 1 }).waitFor();
  await m.page.getByRole('tab', { name: '已超期（0）' }).waitFor();
  const card = m.page.locator('.lx-cards li').filter({ hasText: trackingCode });
  await card.getByText('(1 天后到期)').waitFor();
  // The bell: unread notices, the reminder among them; it opens the concern.
  const bell = m.page.getByRole('button', { name: /^通知，\d+ 条未读$/ });
  await bell.click();
  await m.page.getByRole('button', { name: /您有一条群众诉求将在24小时内到期/ }).click();
  await m.page.waitForURL(new RegExp(`/inbox/${concernId}$`));
  await m.page.getByRole('heading', { name: `诉求 ${trackingCode}`, level: 1 }).waitFor();
  const timeline = m.page.locator('.ant-timeline');
  await timeline.getByText('期限将至（已提醒）').waitFor();
  assert.match((await timeline.textContent()) ?? '', /2026-12-07 10:00\s*系统自动记录/);
  await checkA11y(m.page, 'member’s concern page with a deadline reminder');
  assert.deepEqual(m.errors, []);
  await m.context.close();
});

test('past the deadline: one overdue notice to the member and the staff (in-app and email); shown overdue', async () => {
  const { region, member, memberUser, staffUser, staffEmail } = counties.overdue;
  // A day of its own, after the other tests' clocks: the concern comes in on 12-10 09:00 and
  // its member was reminded a day before the deadline (the test above checks that step).
  h.app.clock.set(new Date('2026-12-10T09:00:00+08:00'));
  const { trackingCode, concernId, dueAt } = await sentToMember(counties.overdue);
  await remind(dueAt); // 12-24 10:00
  h.app.clock.set(new Date(dueAt.getTime() + 60_000)); // 12-25 09:01
  const mailBefore = h.app.mail.sent.length;
  await h.app.runJobs();
  h.app.clock.advance(hour);
  await h.app.runJobs();
  await h.app.runJobs();
  const overdue = await outbox('concern.overdue', concernId);
  assert.deepEqual(
    overdue.map((r) => [r.channel, r.audience, r.recipient]),
    [
      ['email', null, staffEmail],
      ['in_app', 'committee_staff', (await h.app.testApp.committee(region)).id],
      ['in_app', 'person', member.id],
    ],
  );
  assert.equal((await outbox('concern.due_soon', concernId)).length, 1, 'no second reminder');
  const mails = h.app.mail.sent.slice(mailBefore).filter((m) => m.to === staffEmail);
  assert.equal(mails.length, 1, 'one email to the staff, however often the sweep ran');
  assert.equal(mails[0]!.to, staffEmail);
  assert.ok(mails[0]!.subject.includes(trackingCode) && mails[0]!.text.includes(`/t/${trackingCode}`));

  // The member (a new login: a day has passed) sees it under 已超期, marked overdue.
  const m = await consoleAs(h, memberUser, { now: h.app.clock.now() });
  await m.page.goto('/inbox');
  await m.page.getByRole('tab', { name: '已超期（1）' }).click();
  const card = m.page.locator('.lx-cards li').filter({ hasText: trackingCode });
  await card.getByText('已超期', { exact: true }).waitFor();
  await card.getByRole('link').click();
  await m.page.getByRole('heading', { name: `诉求 ${trackingCode}`, level: 1 }).waitFor();
  await m.page.locator('.ant-descriptions').getByText('超期 1 天').waitFor();
  const history = (await m.page.locator('.ant-timeline').textContent()) ?? '';
  assert.match(history, /期限将至（已提醒）\s*2026-12-24 10:00\s*系统自动记录/);
  assert.match(history, /已超期（已提醒）\s*2026-12-25 09:01\s*系统自动记录/);
  await checkA11y(m.page, 'member’s overdue concern');
  await m.context.close();

  // The staff's list, overdue only; the bell has the supervision notice.
  const s = await consoleAs(h, staffUser, { now: h.app.clock.now() });
  await s.page.goto('/concerns');
  await s.page.getByRole('switch', { name: '只看超期' }).click();
  const row = s.page.locator('.ant-table-row').filter({ hasText: trackingCode });
  await row.getByText('已超期', { exact: true }).waitFor();
  assert.equal(await s.page.locator('.ant-table-row').count(), 1);
  await s.page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
  await s.page.getByRole('button', { name: /本级有一条群众诉求已超过办理期限/ }).waitFor();
  await checkA11y(s.page, 'staff list of overdue concerns, notices open');
  await s.context.close();

  // The citizen's page shows the deadline, never the internal reminders.
  const { context, page } = await openPhone(h, { ip: '10.50.0.1' });
  await page.goto(`/t/${trackingCode}`);
  const text = (await page.locator('main').textContent()) ?? '';
  assert.ok(text.includes('办理期限 2026年12月25日 09:00'));
  assert.ok(!text.includes('已提醒') && !text.includes('超期'));
  await context.close();
});
