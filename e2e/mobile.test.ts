import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bodyOverflowX, checkA11y, logIn, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const phone = { width: 375, height: 812 };

test('at phone width (375×812) the grid renders without sideways scrolling of the page', async () => {
  const { page, context, errors } = await openPage(h, { viewport: phone });
  await page.goto('/');
  await page.getByLabel('用户名').waitFor();
  assert.ok((await bodyOverflowX(page)) <= 0, 'login page fits');
  await checkA11y(page, 'login at phone width');

  await logIn(page, h.app.admin.username, h.app.admin.password);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await page.goto('/members');
  await page.getByRole('heading', { name: '委员名册', level: 1 }).waitFor();
  await page.locator('.ant-table-row').first().waitFor();
  assert.ok((await bodyOverflowX(page)) <= 0, `grid page overflows by ${await bodyOverflowX(page)}px`);
  // The side menu is folded away behind a button with text.
  assert.equal(await page.locator('.ant-layout-sider').count(), 0);
  await checkA11y(page, 'grid at phone width');

  // Every filter input has a visible label; base text is at least 14px.
  for (const label of ['所属政协', '层级', '状态', '界别', '专委会', '搜索姓名、单位或手机']) {
    await page.getByLabel(label, { exact: true }).first().waitFor();
  }
  const fontSize = await page.evaluate(() =>
    parseFloat(getComputedStyle(document.querySelector('.ant-table-cell')!).fontSize),
  );
  assert.ok(fontSize >= 14, `table text is ${fontSize}px`);

  // The menu opens as a drawer and navigates.
  await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name: '组织架构' }).click();
  await page.getByRole('tree', { name: '政协组织' }).waitFor();
  assert.ok((await bodyOverflowX(page)) <= 0, 'tree page fits');
  await checkA11y(page, 'tree at phone width');
  assert.deepEqual(errors, []);
  await context.close();
});
