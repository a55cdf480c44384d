import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, loggedIn, openPage, pickCommittee, pickOption, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const name = `韩立新${String(Date.now()).slice(-3)}`;

test('add a member, edit, seat the same person on a second committee, retire the first seat', async () => {
  const { page, context, errors } = await openPage(h);
  await loggedIn(page, h);

  // Add: a new person on 衡水.
  await page.getByRole('button', { name: '新增委员' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('heading', { name: '新增委员' }).or(drawer.getByText('新增委员').first()).waitFor();
  await pickCommittee(page, '所属政协', '政协衡水市委员会', drawer);
  await drawer.getByLabel('姓名').fill(name);
  await drawer.getByLabel('手机').fill('1391234'); // too short: refused in the form
  await drawer.getByLabel('工作单位及职务').fill('衡水市教育局副局长');
  await drawer.getByRole('button', { name: '保存' }).click();
  await drawer.getByText('请输入 11 位手机号').waitFor();
  // Nothing about the person is preselected: the gender is asked for.
  await drawer.getByText('请输入性别').waitFor();
  await checkA11y(page, 'member form');
  await drawer.getByLabel('手机').fill('13912345678');
  await drawer.getByRole('radio', { name: '女' }).check();
  // 民族 and 政治面貌 from the national code lists, the birth month from a month picker.
  await pickOption(page, drawer.getByRole('combobox', { name: '民族' }), '土家族', '土家');
  await pickOption(page, drawer.getByRole('combobox', { name: '政治面貌' }), '民盟盟员', '民盟');
  const month = drawer.getByLabel('出生年月');
  await month.click();
  await month.fill('1972-03'); // typed, the panel moves to 1972; the month is then clicked
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) td[title="1972-03"]').click();
  await pickOption(page, drawer.getByRole('combobox', { name: '界别' }), '教育界');
  await drawer.getByRole('button', { name: '保存' }).click();

  // Saved: the drawer shows the detail.
  await drawer.getByText('委员详情').waitFor();
  await drawer.getByText('139****5678').waitFor();
  for (const shown of ['土家族', '民盟盟员', '1972-03', '女'])
    await drawer.getByText(shown, { exact: true }).first().waitFor();
  await drawer.getByText('没有其他任职').waitFor();
  await checkA11y(page, 'member detail');

  // Edit the work unit.
  await drawer.getByRole('button', { name: '编辑' }).click();
  await drawer.getByLabel('工作单位及职务').fill('衡水市教育局局长');
  await drawer.getByRole('button', { name: '保存' }).click();
  await drawer.getByText('衡水市教育局局长').waitFor();
  await drawer
    .getByRole('button', { name: 'Close' })
    .or(drawer.getByRole('button', { name: '关闭' }))
    .first()
    .click();

  // The same person also sits on 枣强: "an existing member" + search.
  await page.getByRole('button', { name: '新增委员' }).click();
  await drawer.getByText('已在其他政协任职的委员').click();
  await pickCommittee(page, '所属政协', '政协枣强县委员会', drawer);
  await pickOption(page, drawer.getByRole('combobox', { name: '选择委员' }), name);
  await drawer.getByLabel('工作单位及职务').fill('枣强县教育局顾问');
  await drawer.getByRole('button', { name: '保存' }).click();
  await drawer.getByText('委员详情').waitFor();
  const other = drawer.getByRole('row').filter({ hasText: '政协衡水市委员会' });
  await other.waitFor();
  await drawer
    .getByRole('button', { name: 'Close' })
    .or(drawer.getByRole('button', { name: '关闭' }))
    .first()
    .click();

  // The grid counts the other seat (a column shown on demand); retire the 衡水 seat.
  await page.getByRole('button', { name: '显示列' }).click();
  await page.getByRole('checkbox', { name: '其他任职' }).check();
  await page.keyboard.press('Escape');
  await page.getByLabel('搜索姓名、单位或手机').fill(name);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  const rows = page.locator('.ant-table-row').filter({ hasText: name });
  await page.waitForFunction((n) => document.querySelectorAll('.ant-table-row').length === n, 2);
  assert.match((await rows.first().textContent()) ?? '', /另有 1 处/);
  const hengshui = rows.filter({ hasText: '政协衡水市委员会' });
  await hengshui.getByRole('button', { name: `退出 ${name}` }).click();
  const modal = page.getByRole('dialog');
  await modal.getByLabel('退出日期').fill('2026-06-30');
  await modal.getByLabel('退出原因').fill('换届');
  await checkA11y(page, 'retire dialog');
  await modal.getByRole('button', { name: '退出' }).click();
  await page.getByText('已办理退出').waitFor();
  // Active members only: one seat left.
  await page.waitForFunction((n) => document.querySelectorAll('.ant-table-row').length === n, 1);
  assert.match((await rows.first().textContent()) ?? '', /政协枣强县委员会/);
  assert.deepEqual(errors, []);
  await context.close();
});
