import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  approvedStudio,
  checkA11y,
  consoleAs,
  lastSmsCode,
  membersOf,
  openPage,
  pickOption,
  startHarness,
} from './support.ts';
import type { Harness } from './support.ts';

// Issue 14, the consultation loop in the browser: a citizen proposes a topic by the year's QR
// code (群众出题, SMS-verified); the city's staff put it into the plan, record its approval and
// publish it; hold a consultation on it; the invited member signs in at the door with the
// console on their phone; the minutes are drafted, opened, locked; an outcome goes to a
// department, which answers it in writing; a studio convenor records a micro-consultation on a
// 390 px screen.

let h: Harness;
let callCode: string;
let convenor: { id: string; name: string };
const department = '衡水市住房和城乡建设局';
const topicTitle = '城区老旧小区加装电梯';
const minute = 60_000;

before(async () => {
  h = await startHarness({ clock: 'manual', startAt: new Date('2026-11-20T09:00:00+08:00') });
  const c = await h.app.testApp.committee('131100');
  const [dep] = await h.app.db.query<{ id: string }>(
    'select id from departments where committee_id = $1 and name = $2',
    [c.id, department],
  );
  await h.app.testApp.account({ username: 'hs_staff', role: 'staff', region: '131100' });
  await h.app.testApp.account({
    username: 'hs_zjj',
    role: 'department',
    region: '131100',
    departmentId: dep!.id,
  });
  const people = await membersOf(h.app, '131100', 2);
  convenor = people[0]!;
  await approvedStudio(h.app, {
    staffUser: 'hs_staff',
    region: '131100',
    name: '桃城区民生委员工作室',
    people,
  });
  await h.app.testApp.account({
    username: 'hs_member',
    role: 'member',
    region: '131100',
    personId: convenor.id,
  });
  const staff = await h.app.testApp.login('hs_staff');
  const plan = await staff.send('POST', '/api/consultation-plans', {
    committeeId: c.id,
    year: 2027,
    title: '衡水市政协2027年度协商计划',
  });
  assert.equal(plan.statusCode, 200, plan.body);
  callCode = plan.json().publicCode;
});
after(async () => {
  await h?.close();
});

/** Clicks a button whose POST is awaited and checked, so a refusal fails with its body. */
async function post(page: Page, click: () => Promise<void>, path: RegExp) {
  const done = page.waitForResponse((r) => r.request().method() === 'POST' && path.test(r.url()));
  await click();
  const res = await done;
  assert.equal(res.status(), 200, await res.text());
  return res.json() as Promise<{ id: string; doorCode?: string; outcomes?: { id: string }[] }>;
}

test('topic by QR → plan → consultation with door sign-in and minutes → outcome answered by the department', async () => {
  {
    // 群众出题 on a phone, without script.
    const phone = '13900139000';
    const { context, page } = await openPage(h, { viewport: { width: 375, height: 667 } });
    await page.goto(`/ct/${callCode}`);
    await checkA11y(page, 'the topic call page', { settleMs: 0 });
    await page.getByLabel('议题（一句话）').fill(topicTitle);
    await page.getByLabel('为什么要协商这个问题').fill('老人上下楼困难，加装电梯的资金分摊谈不拢。');
    await page.getByLabel('手机号（用于告知议题办理结果，不会公开）').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送').waitFor();
    assert.equal(await page.getByLabel('议题（一句话）').inputValue(), topicTitle, 'what was typed is kept');
    await page.getByLabel('短信验证码').fill(lastSmsCode(h.app, phone));
    await page.getByLabel(/我已阅读并同意/).check();
    await page.getByRole('button', { name: '提交议题' }).click();
    await page.getByRole('heading', { name: topicTitle }).waitFor();
    await page.getByText('已收到，正在梳理').waitFor();
    await context.close();
  }
  // Made by the staff's step, read by the steps after it.
  const made = { consultationId: '' };
  {
    // Staff put it into the plan, record the approval, publish, and hold a consultation on it.
    const staff = await consoleAs(h, 'hs_staff', { now: h.app.clock.now() });
    const page = staff.page;
    await page.goto('/consultations');
    await page.getByRole('tab', { name: '年度协商计划' }).click();
    await page.getByRole('link', { name: '衡水市政协2027年度协商计划' }).click();
    await page.getByRole('heading', { name: /衡水市政协2027年度协商计划/, level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: topicTitle });
    await row.getByText('群众出题').waitFor();
    await checkA11y(page, 'the plan page');
    await row.getByRole('button', { name: '列入计划' }).click();
    const choose = page.getByRole('dialog', { name: '列入计划' });
    await choose.getByLabel('计划月份').fill('11');
    await pickOption(page, choose.getByRole('combobox', { name: '牵头专委会' }), '社会和法制委员会', '社会');
    await post(page, () => choose.getByRole('button', { name: '确定' }).click(), /\/items$/);
    await page.getByRole('row').filter({ hasText: '11 月' }).getByText('社会和法制委员会').waitFor();
    await page.getByRole('button', { name: '登记审定' }).click();
    const approve = page.getByRole('dialog', { name: '登记审定' });
    await approve.getByLabel('审定会议/机构').fill('市政协主席会议');
    await approve.getByLabel('审定日期').fill('2026-11-18');
    await approve.getByLabel('文号').fill('衡政协〔2026〕31号');
    await post(page, () => approve.getByRole('button', { name: '确定' }).click(), /\/approve$/);
    await post(page, () => page.getByRole('button', { name: '发布计划' }).click(), /\/publish$/);
    await page.getByRole('heading', { name: /已发布/, level: 1 }).waitFor();

    await page
      .getByRole('row')
      .filter({ hasText: '11 月' })
      .getByRole('button', { name: '新建协商活动' })
      .click();
    const form = page.getByRole('dialog', { name: '新建协商活动' });
    await form.locator('#consultation-create_startsAt').fill('2026-11-20T09:30');
    await form.locator('#consultation-create_endsAt').fill('2026-11-20T11:30');
    await form.getByLabel('地点').fill('市政协三楼会议室');
    const created = await post(
      page,
      () => form.getByRole('button', { name: '确定' }).click(),
      /\/api\/consultations$/,
    );
    made.consultationId = created.id;
    await page.getByRole('heading', { name: new RegExp(topicTitle), level: 1 }).waitFor();
    // The member is invited (the invitation dialog's person search is the roster's) and notified.
    const invited = await staff.api.post(`/api/consultations/${made.consultationId}/invitations`, {
      participants: [
        { role: 'member', personId: convenor.id },
        { role: 'expert', name: '刘教授' },
      ],
    });
    assert.equal(invited.status(), 200, await invited.text());
    await page.reload();
    await post(page, () => page.getByRole('button', { name: '发出协商通知' }).click(), /\/schedule$/);
    await checkA11y(page, 'the consultation page');
    await staff.context.close();
  }
  {
    // The member scans the door's code: the console's sign-in page on their phone.
    h.app.clock.advance(20 * minute);
    const k = (
      await (await h.app.testApp.login('hs_staff')).get(`/api/consultations/${made.consultationId}`)
    ).json();
    const member = await consoleAs(h, 'hs_member', { now: h.app.clock.now() });
    await member.page.setViewportSize({ width: 390, height: 844 });
    await member.page.goto(new URL(k.doorUrl).pathname);
    await checkA11y(member.page, 'the door sign-in page');
    await post(
      member.page,
      () => member.page.getByRole('button', { name: '签到', exact: true }).click(),
      /\/sign-in$/,
    );
    await member.page.getByText(`已签到：${topicTitle}`).waitFor();
    await member.context.close();
  }
  {
    // Minutes in three steps, an outcome to the department, closing with the record.
    const staff = await consoleAs(h, 'hs_staff', { now: h.app.clock.now() });
    const page = staff.page;
    await page.goto(`/consultations/${made.consultationId}`);
    await page
      .getByRole('row')
      .filter({ hasText: '刘教授' })
      .getByRole('button', { name: '为刘教授签到' })
      .click();
    await page.getByRole('row').filter({ hasText: '刘教授' }).getByText('2026-11-20').waitFor();
    await page.getByRole('textbox', { name: '会议纪要' }).fill('与会委员建议出台加装电梯资金分摊指导意见。');
    await post(page, () => page.getByRole('button', { name: '保存草稿' }).click(), /\/minutes$/);
    await post(page, () => page.getByRole('button', { name: '开放修改' }).click(), /\/minutes\/open$/);
    await post(page, () => page.getByRole('button', { name: '锁定纪要' }).click(), /\/minutes\/lock$/);
    await page.getByText('会议纪要 · 已锁定').waitFor();
    await page.getByRole('button', { name: '登记协商成果' }).click();
    const add = page.getByRole('dialog', { name: '登记协商成果' });
    await add.getByLabel('协商成果（建议）').fill('建议出台老旧小区加装电梯资金分摊指导意见。');
    await pickOption(page, add.getByRole('combobox', { name: '承办单位', exact: true }), department, '住房');
    await add.getByLabel('答复期限').fill('2026-12-31');
    await post(page, () => add.getByRole('button', { name: '确定' }).click(), /\/outcomes$/);
    await page.getByRole('button', { name: '结束协商' }).click();
    const close = page.getByRole('dialog', { name: '结束协商' });
    await close.getByLabel('发言条数').fill('6');
    await post(page, () => close.getByRole('button', { name: '确定' }).click(), /\/close$/);
    await page.getByRole('heading', { name: /已结束/, level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: '结束协商' }).count(), 0);
    await staff.context.close();
  }
  {
    // The department answers in writing from its menu's 协商成果.
    const dept = await consoleAs(h, 'hs_zjj', { now: h.app.clock.now() });
    await dept.page.getByRole('menuitem', { name: '协商成果' }).click();
    await dept.page.getByRole('heading', { name: '协商成果', level: 1 }).waitFor();
    await checkA11y(dept.page, "a department's outcomes");
    await dept.page.getByRole('button', { name: '书面答复' }).click();
    const answer = dept.page.getByRole('dialog', { name: '书面答复' });
    await answer.getByLabel('答复内容').fill('采纳。将会同财政局出台指导意见。');
    await answer.getByLabel('落实措施').fill('起草并印发指导意见');
    await answer.getByLabel('完成时间').fill('2027-03-31');
    await post(dept.page, () => answer.getByRole('button', { name: '确定' }).click(), /\/answer$/);
    await dept.page.getByText('采纳：采纳。将会同财政局出台指导意见。').waitFor();
    await dept.context.close();
  }
});

test('a studio convenor records a micro-consultation in one form on a 390 px screen', async () => {
  const member = await consoleAs(h, 'hs_member', { now: h.app.clock.now() });
  const page = member.page;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/consultations/micro');
  await page.getByRole('heading', { name: '登记微协商', level: 1 }).waitFor();
  await pickOption(page, page.getByRole('combobox', { name: '工作室' }), '桃城区民生委员工作室', '桃城');
  await page.getByRole('checkbox', { name: convenor.name }).check();
  await page.getByLabel('协商议题').fill('小区连廊冬季结冰');
  await page.getByLabel('参加群众人数').fill('12');
  await page.getByLabel('达成的共识').fill('物业每日除冰，社区增设防滑垫。');
  await page.getByLabel('后续跟进').fill('一周后回访。');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling at 390 px (${width})`);
  await checkA11y(page, 'the micro-consultation form');
  await post(page, () => page.getByRole('button', { name: '提交' }).click(), /\/micro-consultations$/);
  await page.getByText('微协商已登记').waitFor();
  await member.context.close();
});
