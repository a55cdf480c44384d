import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { rosterColumns } from '../contracts/members.ts';
import { checkA11y, loggedIn, openPage, pickCommittee, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

type Row = Record<string, string>;

async function rosterFile(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('委员名册');
  ws.addRow(['政协衡水市委员会委员名册']); // offices put a title above the header
  ws.addRow(rosterColumns.map((c) => c.header));
  for (const r of rows) ws.addRow(rosterColumns.map((c) => r[c.header] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const stamp = String(Date.now()).slice(-4);
const people: Row[] = [
  {
    姓名: `甄秀兰${stamp}`,
    性别: '女',
    民族: '汉族',
    出生年月: '1972-03',
    政治面貌: '中共党员',
    界别: '农业界',
    工作单位及职务: '衡水市农业农村局副局长',
    手机: `1391100${stamp}`,
  },
  {
    姓名: `卢建国${stamp}`,
    性别: '男',
    民族: '回族',
    出生年月: '1968-11',
    政治面貌: '民盟盟员',
    界别: '教育界',
    工作单位及职务: '衡水中学副校长',
    手机: '13811001234x',
  },
  {
    姓名: `邢晓东${stamp}`,
    性别: '男',
    界别: '医药卫生界',
    工作单位及职务: '衡水市人民医院主任医师',
    手机: `1371100${stamp}`,
  },
];
const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('import a roster: a bad row is shown by row and column, nothing imported; fixed, it imports', async () => {
  const { page, context, errors } = await openPage(h);
  await loggedIn(page, h);
  await page.getByRole('menuitem', { name: '名册导入' }).click();
  await page.getByRole('heading', { name: '名册导入', level: 1 }).waitFor();
  await checkA11y(page, 'import page');
  await pickCommittee(page, '导入到政协', '政协衡水市委员会');

  await page.getByLabel('名册文件（.xlsx）').setInputFiles({
    name: '名册.xlsx',
    mimeType: xlsxMime,
    buffer: await rosterFile(people),
  });
  await page.getByRole('button', { name: '检查名册' }).click();
  await page.getByRole('alert').filter({ hasText: '未导入任何数据' }).waitFor();
  // Header on row 2 (a title above it): the second person is on spreadsheet row 4.
  const problem = page.getByRole('row').filter({ hasText: '13811001234x' });
  await problem.waitFor();
  const cells = (await problem.getByRole('cell').allTextContents()).map((c) => c.trim());
  assert.equal(cells[0], '4');
  assert.equal(cells[1], '手机');
  assert.equal(cells[2], '13811001234x');
  assert.match(cells[3] ?? '', /手机/);
  for (const header of ['行', '列', '值', '问题'])
    await page.getByRole('columnheader', { name: header }).waitFor();
  await checkA11y(page, 'import problems');
  // The bad rows download as a workbook, marked, to fix and import again.
  const badRows = page.getByRole('link', { name: '下载有问题的行（.xlsx，已标出错误）' });
  const href = await badRows.getAttribute('href');
  assert.match(href ?? '', /^\/api\/members\/imports\/[0-9a-f-]+\/bad-rows\.xlsx$/);
  const download = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return {
      status: r.status,
      type: r.headers.get('content-type'),
      size: (await r.arrayBuffer()).byteLength,
    };
  }, href!);
  assert.deepEqual([download.status, download.type], [200, xlsxMime]);
  assert.ok(download.size > 1000);

  // Nothing was imported: the first (valid) person is not on the roster.
  const none = await page.evaluate(
    async (q) => (await (await fetch(`/api/members?q=${encodeURIComponent(q)}`)).json()) as { total: number },
    people[0]!['姓名']!,
  );
  assert.equal(none.total, 0);

  // Fix the phone and try again: a dry run first, then the import.
  const fixed = people.map((p, i) => (i === 1 ? { ...p, 手机: `1381100${stamp}` } : p));
  await page
    .getByLabel('名册文件（.xlsx）')
    .setInputFiles({ name: '名册.xlsx', mimeType: xlsxMime, buffer: await rosterFile(fixed) });
  await page.getByRole('button', { name: '检查名册' }).click();
  await page.getByText('检查通过，可以导入').waitFor();
  await checkA11y(page, 'import preview');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('导入完成').waitFor();
  const counts = await page.locator('.ant-descriptions').last().textContent();
  assert.match(counts ?? '', /名册行数\s*3/);
  assert.match(counts ?? '', /新登记委员\s*3/);
  await checkA11y(page, 'import done');

  // The grid finds them.
  await page.getByRole('button', { name: '查看委员名册' }).click();
  await page.getByLabel('搜索姓名、单位或手机').fill(people[1]!['姓名']!);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  const row = page.locator('.ant-table-row').filter({ hasText: people[1]!['姓名']! });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /政协衡水市委员会/);
  assert.match((await row.textContent()) ?? '', /教育界/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('export the filtered grid as an xlsx roster', async () => {
  const { page, context } = await openPage(h, { acceptDownloads: true });
  await loggedIn(page, h);
  await pickCommittee(page, '所属政协', '政协衡水市委员会');
  // This committee only; the grid reloads from the address, so wait for that answer.
  const ownOnly = page.waitForResponse((r) => /\/api\/members\?.*subtree=false/.test(r.url()));
  await page.getByRole('switch', { name: '包含下级政协' }).click();
  await ownOnly;
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  await page.locator('.ant-table-row').first().waitFor();
  await page.waitForLoadState('networkidle');
  const gridTotal = Number(
    /共 (\d+) 条/.exec((await page.locator('.ant-pagination-total-text').textContent()) ?? '')?.[1],
  );
  assert.ok(gridTotal > 0);
  await checkA11y(page, 'grid filtered');

  const sheetOf = async (path: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) =>
      rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))),
    );
    return rows;
  };
  // Prepared in the background (progress shown), then offered as a link.
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const ready = page.getByRole('link', { name: /名册已就绪，下载/ });
  const [download] = await Promise.all([page.waitForEvent('download'), ready.click()]);
  const rows = await sheetOf(await download.path());
  const header = rows[0]!;
  for (const c of rosterColumns) assert.ok(header.includes(c.header), `export has column ${c.header}`);
  assert.equal(rows.length - 1, gridTotal, 'one line per member in the grid');
  const committeeCol = header.indexOf('所属政协');
  for (const r of rows.slice(1)) assert.equal(r[committeeCol], '政协衡水市委员会');
  // Phone numbers leave masked, as the grid shows them.
  const phoneCol = header.indexOf('手机');
  const phones = rows
    .slice(1)
    .map((r) => r[phoneCol]!)
    .filter(Boolean);
  assert.ok(phones.length > 0);
  for (const p of phones) assert.match(p, /^1\d{2}\*{4}\d{4}$/);

  // In full only with a reason (the admin may): the dialog refuses an empty one.
  await page.getByRole('button', { name: '导出完整号码' }).click();
  const dialog = page.getByRole('dialog', { name: '导出含完整手机号码的名册' });
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  await dialog.getByText('请填写导出完整号码的用途').waitFor();
  await checkA11y(page, 'unmasked export dialog');
  await dialog.getByLabel('用途').fill('换届前核对联系方式');
  const [full] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: '导出', exact: true }).click(),
  ]);
  const fullRows = await sheetOf(await full.path());
  assert.equal(fullRows.length, rows.length);
  const fullPhones = fullRows
    .slice(1)
    .map((r) => r[phoneCol]!)
    .filter(Boolean);
  assert.equal(fullPhones.length, phones.length);
  for (const p of fullPhones) assert.match(p, /^1[3-9]\d{9}$/);
  await dialog.waitFor({ state: 'hidden' });
  await context.close();
});
