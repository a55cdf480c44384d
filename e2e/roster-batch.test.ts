import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { bodyOverflowX, checkA11y, logIn, loggedIn, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

// The roster as an office works it at 1440 px: columns that fit with the actions pinned, the
// user's choice of columns kept, filters and page in the address, rows ticked for batch
// accounts (initial passwords by SMS or on sealed slips), and a long export that shows progress.

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const desk = { width: 1440, height: 900 };
const nameOf = async (region: string) =>
  (await h.app.db.query<{ name: string }>('select name from committees where region_code = $1', [region]))[0]!
    .name;

/** The grid narrowed to one committee's own members, by its address (filters live there). */
async function oneCommittee(page: Page, region: string) {
  const c = await h.app.testApp.committee(region);
  const loaded = page.waitForResponse((r) =>
    r.url().includes(`/api/members?committeeId=${c.id}&subtree=false`),
  );
  await page.goto(`/members?committee=${c.id}&subtree=false`);
  await loaded;
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  await page.locator('.ant-table-row').first().waitFor();
  await page
    .getByText(await nameOf(region))
    .first()
    .waitFor();
}

test('the grid at 1440 px: actions in sight, chosen columns kept, filters and page in the address', async () => {
  const { page, context, errors } = await openPage(h, { viewport: desk });
  await loggedIn(page, h);
  await page.locator('.ant-table-row').first().waitFor();
  assert.equal(await bodyOverflowX(page), 0, 'the page does not scroll sideways');
  const actions = page.getByRole('columnheader', { name: '操作' });
  const box = (await actions.boundingBox())!;
  assert.ok(box.x + box.width <= desk.width, `the action column is in sight (${box.x}+${box.width})`);
  const firstRowActions = page
    .locator('.ant-table-row')
    .first()
    .getByRole('button', { name: /^编辑 / });
  assert.ok(await firstRowActions.isVisible());
  // Nothing the grid shows by default is pushed past the table's edge: no sideways scroll.
  const scroll = await page
    .locator('.ant-table-content, .ant-table-body')
    .first()
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  await page.screenshot({ path: '/tmp/grid-1440.png' });
  assert.ok(scroll <= 1, `the default columns fit (overflow ${scroll}px)`);
  await checkA11y(page, 'member grid at 1440 px');

  // Columns: 专委会 is hidden until chosen; chosen, it stays chosen after a reload.
  assert.equal(await page.getByRole('columnheader', { name: '专委会' }).count(), 0);
  await page.getByRole('button', { name: '显示列' }).click();
  await page.getByRole('checkbox', { name: '专委会' }).check();
  await page.getByRole('columnheader', { name: '专委会' }).waitFor();
  await checkA11y(page, 'column chooser open');
  await page.keyboard.press('Escape');
  // The action column is pinned: still in sight with one more column.
  const pinned = (await actions.boundingBox())!;
  assert.ok(pinned.x + pinned.width <= desk.width);

  // Filters and page live in the address: reload and back keep them.
  await page.getByRole('combobox', { name: '状态', exact: true }).click();
  await page.locator('.ant-select-item-option[title="全部"]').click();
  await page.waitForURL(/status=all/);
  const page2 = (r: { url(): string }) => /\/api\/members\?.*page=2/.test(r.url());
  const firstRowAfter = async (answer: Promise<unknown>) => {
    await answer;
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    return page.locator('.ant-table-row').first().textContent();
  };
  const shown = page.waitForResponse(page2);
  await page.getByRole('listitem', { name: '2', exact: true }).click();
  await page.waitForURL(/page=2/);
  const page2First = await firstRowAfter(shown);
  const reloaded = page.waitForResponse(page2);
  await page.reload();
  assert.equal(await firstRowAfter(reloaded), page2First);
  assert.equal(await page.locator('.ant-pagination-item-active').textContent(), '2');
  await page.getByRole('columnheader', { name: '专委会' }).waitFor();
  assert.match(page.url(), /status=all/);
  await page
    .locator('#filter-status')
    .locator('xpath=ancestor::*[contains(@class,"ant-select")][1]')
    .getByText('全部')
    .waitFor();
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('page=2') && u.search.includes('status=all'));
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('.ant-pagination-item-active').textContent(), '1');
  assert.deepEqual(errors, []);
  await context.close();
});

test('batch accounts by SMS for ticked members; the member must change the password at first login', async () => {
  const { page, context, errors } = await openPage(h, { viewport: desk });
  await loggedIn(page, h);
  await oneCommittee(page, '131121');
  const rows = page.locator('.ant-table-row');
  const names = [
    (await rows.nth(0).getByRole('button').first().textContent())!.trim(),
    (await rows.nth(1).getByRole('button').first().textContent())!.trim(),
  ];
  for (const n of names) await page.getByRole('checkbox', { name: `选择 ${n}` }).check();
  await page.getByRole('status').filter({ hasText: '已选 2 位委员' }).waitFor();
  const sentBefore = h.app.sms.sent.length;
  await page.getByRole('button', { name: '批量开通账号' }).click();
  const dialog = page.getByRole('dialog', { name: '批量开通委员账号' });
  await dialog.getByRole('radio', { name: '所选的 2 位委员' }).check();
  await dialog.getByRole('radio', { name: '短信发送到委员手机' }).check();
  await checkA11y(page, 'batch accounts dialog');
  await dialog.getByRole('button', { name: '开通账号' }).click();
  const result = page.getByRole('dialog', { name: '账号开通结果' });
  await result.getByText('已开通 2 个账号').waitFor();
  await checkA11y(page, 'batch accounts result');
  await result.getByRole('button', { name: '关闭' }).first().click();

  const texts = h.app.sms.sent.slice(sentBefore).map((m) => m.text);
  assert.equal(texts.length, 2, texts.join('\n'));
  const sms = texts.find((t) => t.includes(names[0]!))!;
  const username = /用户名：([a-z0-9]+)，/.exec(sms)![1]!;
  const password = /初始密码：(\S+?)，/.exec(sms)![1]!;

  // The member logs in with the initial password and is made to set a new one first.
  const member = await openPage(h, { viewport: desk });
  await logIn(member.page, username, password);
  await member.page.getByText('首次登录或密码已过期，请先设置新密码。').waitFor();
  await checkA11y(member.page, 'forced password change');
  await member.page.getByLabel('当前密码').fill(password);
  await member.page.getByLabel('新密码', { exact: true }).fill('Xinmima-2026');
  await member.page.getByLabel('再次输入新密码').fill('Xinmima-2026');
  await member.page
    .getByRole('button', { name: /修改密码|保存|确定/ })
    .last()
    .click();
  await member.page.getByRole('button', { name: '退出登录' }).first().waitFor();
  // The initial password no longer opens the account.
  const again = await member.page.request.post('/api/auth/login', { data: { username, password } });
  assert.equal(again.status(), 401);
  assert.deepEqual([...errors, ...member.errors], []);
  await member.context.close();
  await context.close();
});

test("a whole committee's accounts as sealed slips: one PDF, downloadable once", async () => {
  const { page, context, errors } = await openPage(h, { viewport: desk, acceptDownloads: true });
  await loggedIn(page, h);
  await oneCommittee(page, '131100');
  await page.getByRole('button', { name: '批量开通账号' }).click();
  const dialog = page.getByRole('dialog', { name: '批量开通委员账号' });
  await dialog.getByRole('radio', { name: '所选政协的全部在任委员（不含下级）' }).check();
  await dialog.getByRole('radio', { name: '打印密封条（PDF，每页 8 条）' }).check();
  await dialog.getByRole('button', { name: '开通账号' }).click();
  const result = page.getByRole('dialog', { name: '账号开通结果' });
  await result.getByText(/已开通 \d+ 个账号/).waitFor();
  await result.getByText('密封条只能下载一次').first().waitFor();
  await checkA11y(page, 'slips ready');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    result.getByRole('button', { name: '下载密封条（PDF，仅此一次）' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^委员账号密码条-\d{8}\.pdf$/);
  const pdf = await readFile((await download.path())!);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await result.getByText('密封条已下载').waitFor();
  assert.equal(await result.getByRole('button', { name: '下载密封条（PDF，仅此一次）' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the export shows its progress while the file is prepared, and the file opens', async () => {
  const { page, context, errors } = await openPage(h, { viewport: desk, acceptDownloads: true });
  await loggedIn(page, h);
  await page.locator('.ant-table-row').first().waitFor();
  await page.waitForLoadState('networkidle');
  const total = Number(
    /共 (\d+) 条/.exec((await page.locator('.ant-pagination-total-text').textContent()) ?? '')?.[1],
  );
  await page.getByRole('button', { name: '导出 Excel' }).click();
  // The button says it is working and a bar with its stage shows (never a button that seems dead).
  await page.getByRole('button', { name: /正在准备名册/ }).waitFor();
  await page.getByRole('progressbar', { name: '名册导出进度' }).waitFor();
  await checkA11y(page, 'export in progress');
  const link = page.getByRole('link', { name: `名册已就绪，下载（${total} 行）` });
  await link.waitFor();
  await checkA11y(page, 'export ready');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.match(download.suggestedFilename(), /^委员名册-\d{8}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  assert.equal(wb.getWorksheet('委员名册')!.rowCount, total + 1);
  assert.deepEqual(errors, []);
  await context.close();
});
