import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  acceptOnPage,
  approvedStudio,
  checkA11y,
  concernStep,
  concernSteps,
  consoleAs,
  membersOf,
  openPhone,
  pickOption,
  startHarness,
} from './support.ts';
import type { Harness } from './support.ts';

// Issue 11, handling departments (承办单位) in the browser: the county's staff switch reply
// review on, pass a citizen's concern to 枣强县住房和城乡建设局 with a deadline and a note; the
// department signs in to its inbox (and nothing else), accepts and answers; the staff approve
// the answer; the citizen's tracking page shows it in the department's name.

let h: Harness;
let trackingCode: string;
const department = '枣强县住房和城乡建设局';
const note = '请核实小区路灯产权并于期限内答复';
const answer = '经核实，路灯属小区物业管理，已督促物业于本周内修复。';
const minute = 60_000;

before(async () => {
  h = await startHarness({ clock: 'manual' });
  const c = await h.app.testApp.committee('131121');
  const [dep] = await h.app.db.query<{ id: string }>(
    // The seed gives every committee its usual departments.
    'select id from departments where committee_id = $1 and name = $2',
    [c.id, department],
  );
  await h.app.testApp.account({ username: 'zq_staff', role: 'staff', region: '131121' });
  await h.app.testApp.account({
    username: 'zq_zjj',
    role: 'department',
    region: '131121',
    departmentId: dep!.id,
  });
  const people = await membersOf(h.app, '131121', 1);
  const studio = await approvedStudio(h.app, {
    staffUser: 'zq_staff',
    region: '131121',
    name: '枣强县民生委员工作室',
    people,
  });
  const res = await h.app.testApp.app.inject({
    method: 'POST',
    url: '/api/public/concerns',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.41.0.1' },
    payload: JSON.stringify({
      studioCode: studio.code,
      category: 'livelihood',
      text: '幸福小区的路灯坏了一个月，晚上出行不安全。',
    }),
  });
  assert.equal(res.statusCode, 200, res.body);
  trackingCode = res.json().trackingCode;
});
after(async () => {
  await h?.close();
});

async function openConcern(page: Page, list: '/concerns' | '/inbox') {
  await page.goto(list);
  if (list === '/inbox')
    await page.locator('.lx-cards li').filter({ hasText: trackingCode }).getByRole('link').click();
  else await page.getByRole('link', { name: trackingCode, exact: true }).click();
  await page.getByRole('heading', { name: `诉求 ${trackingCode}`, level: 1 }).waitFor();
  await page.locator('.ant-timeline').waitFor();
}

// One story, one test: each step needs what the one before it did (so it also runs alone).
test('staff turn review on and pass the concern to a department; the department answers from its inbox; the staff approve; the citizen reads it in the department’s name', async () => {
  {
    // Staff turn reply review on and pass the concern with a deadline and a note.
    const staff = await consoleAs(h, 'zq_staff', { now: h.app.clock.now() });
    await staff.page.goto('/settings');
    await staff.page.getByRole('heading', { name: '本级设置', level: 1 }).waitFor();
    const review = staff.page.getByRole('switch', { name: '答复须经机关审核' });
    await review.waitFor();
    // The committee's other rule sits on the same page; only an admin may change it.
    assert.equal(await staff.page.getByRole('switch', { name: '审批分离' }).isDisabled(), true);
    await checkA11y(staff.page, 'committee settings');
    const saved = staff.page.waitForResponse(
      (r) => r.request().method() === 'PATCH' && r.url().endsWith('/settings'),
    );
    await review.click();
    assert.equal((await saved).status(), 200, await (await saved).text());
    await staff.page.locator('#settings-review[aria-checked="true"]').waitFor();
    // A reply template the department will start its answer from.
    await staff.page.getByRole('button', { name: '新增模板' }).click();
    const tmpl = staff.page.getByRole('dialog', { name: '新增模板' });
    await tmpl.getByLabel('模板名称').fill('路灯维修答复');
    await tmpl.getByLabel('答复内容').fill(answer);
    await checkA11y(staff.page, 'reply template dialog');
    await tmpl.getByRole('button', { name: '保存' }).click();
    await staff.page.getByRole('cell', { name: '路灯维修答复' }).waitFor();

    await openConcern(staff.page, '/concerns');
    await concernStep(staff.page, '交办承办单位');
    const dialog = staff.page.getByRole('dialog', { name: '交办承办单位' });
    await pickOption(
      staff.page,
      dialog.getByRole('combobox', { name: '承办单位', exact: true }),
      department,
      '住房',
    );
    await dialog.getByLabel('办理期限（工作日）').fill('5');
    await dialog.getByLabel('交办说明（承办单位可以看到，群众看不到）').fill(note);
    await checkA11y(staff.page, 'the pass-to-department dialog');
    // The request's answer is awaited and checked (a refusal fails with its body); the toast that
    // says so lasts 3 s, too short to wait for on a loaded machine, so the page's state is read.
    const sent = staff.page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/to-department'),
    );
    await dialog.getByRole('button', { name: '交办承办单位' }).click();
    // When the form refuses to send, say what it showed (field errors), not only "no request".
    const request = await sent.catch(async (err: unknown) => {
      const shown = await dialog.locator('.ant-form-item-explain-error, .ant-alert').allTextContents();
      const picked = await dialog.locator('.ant-select-selection-item').allTextContents();
      throw new Error(
        `no hand-over request; the dialog shows ${JSON.stringify(shown)}, picked ${JSON.stringify(picked)}`,
        {
          cause: err,
        },
      );
    });
    const res = await request.response();
    assert.ok(res, 'the hand-over got an answer');
    assert.equal(res.status(), 200, await res.text());
    await dialog.waitFor({ state: 'hidden' });
    await staff.page.locator('.ant-descriptions').getByText(department).waitFor();
    await staff.page.locator('.ant-timeline').getByText(note).waitFor();
    await staff.context.close();
  }

  {
    // The department lands on its inbox, sees only what the role may open, accepts and answers.
    h.app.clock.advance(5 * minute);
    const dept = await consoleAs(h, 'zq_zjj', { now: h.app.clock.now() });
    await dept.page.getByRole('heading', { name: '我的收件箱', level: 1 }).waitFor();
    assert.match(dept.page.url(), /\/inbox/);
    const menu = await dept.page.locator('nav .ant-menu-item').allTextContents();
    assert.deepEqual(menu, ['承办件', '协商成果', '修改密码']);
    await checkA11y(dept.page, "a department's inbox");
    assert.equal((await dept.api.get('/api/members')).status(), 403);
    assert.equal((await dept.api.get('/api/studios')).status(), 403);

    await openConcern(dept.page, '/inbox');
    await dept.page.locator('.ant-timeline').getByText(note).waitFor();
    await checkA11y(dept.page, "a department's concern page");
    assert.ok((await concernSteps(dept.page)).includes('申请退回'), 'the department may ask to return it');
    await acceptOnPage(dept.page);
    await dept.page.getByRole('button', { name: '答复群众', exact: true }).click();
    const dialog = dept.page.getByRole('dialog', { name: '答复群众' });
    // Started from the committee's template: its text fills the box.
    await pickOption(
      dept.page,
      dialog.getByRole('combobox', { name: '选用答复模板' }),
      '路灯维修答复',
      '路灯',
    );
    const box = dialog.getByLabel('答复内容（群众可以看到）');
    assert.equal(await box.inputValue(), answer);
    await dialog.getByRole('button', { name: '答复群众' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // With review on, it waits for the staff: the page shows it under review.
    await dept.page.locator('.ant-descriptions').getByText('答复待审核').waitFor();
    await dept.context.close();
  }

  {
    // The staff approve the answer; the citizen reads it in the department’s name.
    h.app.clock.advance(5 * minute);
    const phone = await openPhone(h, { ip: '10.41.0.1' });
    await phone.page.goto(`/t/${trackingCode}`);
    const before = (await phone.page.locator('main').textContent()) ?? '';
    assert.ok(!before.includes(answer), 'not before the staff approve it');

    const staff = await consoleAs(h, 'zq_staff', { now: h.app.clock.now() });
    await openConcern(staff.page, '/concerns');
    await staff.page.getByText(answer).first().waitFor();
    await checkA11y(staff.page, 'a reply under review');
    await staff.page.getByRole('button', { name: '审核通过答复' }).click();
    const approved = staff.page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/approve-reply'),
    );
    await staff.page.locator('.ant-popconfirm').getByRole('button', { name: '审核通过答复' }).click();
    assert.equal((await approved).status(), 200, await (await approved).text());
    await staff.context.close();

    await phone.page.goto(`/t/${trackingCode}`);
    await phone.page.getByText('状态：已答复，待评价').waitFor();
    const text = (await phone.page.locator('main').textContent()) ?? '';
    assert.ok(text.includes(answer));
    assert.ok(text.includes(department), 'answered in the department’s name');
    assert.ok(text.includes('已交办承办单位'));
    assert.ok(!text.includes(note), 'the note to the department stays inside');
    await checkA11y(phone.page, 'tracking page answered by a department', { settleMs: 0 });
    await phone.context.close();
  }
});
