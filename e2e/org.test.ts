import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, loggedIn, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

test('browse the committee tree: province → city → county, details and tabs', async () => {
  const { page, context, errors } = await openPage(h);
  await loggedIn(page, h);
  await page.getByRole('menuitem', { name: '组织架构' }).click();
  const tree = page.getByRole('tree', { name: '政协组织' });
  await tree.waitFor();
  await page.getByRole('heading', { name: '政协河北省委员会', level: 2 }).waitFor();
  await checkA11y(page, 'committee tree');

  // Open 衡水 and then one of its counties.
  await tree.getByText('政协衡水市委员会').click();
  await page.getByRole('heading', { name: '政协衡水市委员会', level: 2 }).waitFor();
  assert.match(page.url(), /\/org\/[0-9a-f-]{36}$/);
  await page.getByText('131100', { exact: true }).waitFor();
  await page.getByText('市级', { exact: true }).waitFor();

  const hengshui = tree.locator('.ant-tree-treenode', { hasText: '政协衡水市委员会' }).first();
  await hengshui.locator('.ant-tree-switcher').click();
  await tree.getByText('政协枣强县委员会').click();
  await page.getByRole('heading', { name: '政协枣强县委员会', level: 2 }).waitFor();
  await page.getByText('县级', { exact: true }).waitFor();

  // Sectors include the national list.
  await page.getByRole('tabpanel').getByText('经济界', { exact: true }).waitFor();
  await page.getByRole('tabpanel').getByText('全国').first().waitFor();

  // Add a local sector, then rename it.
  await page.getByRole('button', { name: '新增界别' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill('枣强县特色产业界');
  await checkA11y(page, 'add sector dialog');
  await dialog.getByRole('button', { name: '保存' }).click();
  const row = page.getByRole('row', { name: /枣强县特色产业界/ });
  await row.waitFor();
  await row.getByRole('button', { name: '重命名' }).click();
  await page.getByRole('dialog').getByLabel('名称').fill('枣强县裘皮产业界');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await page.getByRole('row', { name: /枣强县裘皮产业界/ }).waitFor();

  // The members tab lists this county's members only.
  await page.getByRole('tab', { name: '委员', exact: true }).click();
  const firstRow = page.getByRole('tabpanel').locator('.ant-table-row').first();
  await firstRow.waitFor();
  assert.match((await firstRow.textContent()) ?? '', /政协枣强县委员会/);
  await checkA11y(page, 'committee members tab');

  // The tree filter finds a committee by name.
  await page.getByLabel('查找政协').fill('石家庄');
  await tree.getByText('政协石家庄市委员会').waitFor();
  assert.equal(await tree.getByText('政协衡水市委员会').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
