import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testPassword } from '../server/src/test-support/app.ts';
import { approvedStudio, checkA11y, logIn, membersOf, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

// The staff concern list's keyword box (issue 11): the tracking code a citizen reads out on the
// phone, typed in lower case with spaces, finds the concern; so do words of its text; the
// keyword stays in the address, so a reload or a shared link shows the same list.
let h: Harness;
const stamp = String(Date.now()).slice(-4);
let code: string;

before(async () => {
  h = await startHarness();
  const t = h.app.testApp;
  await t.account({ username: 'list_kw', role: 'staff', region: '131100' });
  const studio = await approvedStudio(h.app, {
    staffUser: 'list_kw',
    region: '131121',
    name: `南关社区${stamp}委员工作室`,
    people: await membersOf(h.app, '131121', 1),
  });
  for (const [i, text] of [
    `南关小区${stamp}号楼的垃圾中转站臭气熏天，夏天尤其严重，请尽快处理`,
    `南关小区${stamp}号楼前的路灯坏了好几个月，晚上出门很黑`,
  ].entries()) {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/public/concerns',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.6.2.${i + 1}` },
      payload: JSON.stringify({ studioCode: studio.code, category: 'environment', text }),
    });
    assert.equal(sent.statusCode, 200, sent.body);
    if (i === 0) code = sent.json().trackingCode;
  }
  await h.app.runJobs(); // the search index, as the background loop does
});
after(async () => {
  await h?.close();
});

test('the keyword box finds a tracking code however typed, and words; it stays in the address', async () => {
  const { page, context, errors } = await openPage(h);
  await logIn(page, 'list_kw', testPassword);
  await page.getByRole('button', { name: '退出登录' }).first().waitFor();
  await page.goto('/concerns');
  await page.getByRole('heading', { level: 1 }).waitFor();
  const box = page.getByLabel('关键词或查询码');
  // The table shows `n` rows (the list before the keyword had more: wait for the new one).
  const showing = (n: number) =>
    page.waitForFunction(
      (n) => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === n,
      n,
    );

  await box.fill(`${code.slice(0, 3)} ${code.slice(3, 7)}-${code.slice(7)}`.toLowerCase());
  await box.press('Enter');
  await page.waitForURL(/[?&]q=/);
  await showing(1);
  await page.getByRole('link', { name: code }).waitFor();
  await checkA11y(page, 'concern list, keyword');

  await page.reload();
  await page.getByRole('link', { name: code }).waitFor();
  await showing(1); // the keyword survives a reload
  assert.match(await box.inputValue(), new RegExp(code.slice(0, 3), 'i'));

  await box.fill(`南关小区${stamp}号楼 垃圾站`);
  await box.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q')?.includes('垃圾站') ?? false);
  await showing(1); // the words: only the concern with both
  await page.getByRole('link', { name: code }).waitFor();

  await box.fill(`南关小区${stamp}号楼`);
  await box.press('Enter');
  await showing(2);
  assert.deepEqual(errors, []);
  await context.close();
});
