import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { testPassword } from '../server/src/test-support/app.ts';
import { approvedStudio, checkA11y, logIn, loggedIn, membersOf, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

// The header search box (issue 4): a Chinese term, a member's pinyin initials, a typo; and a
// staff account of another county that does not find the first county's concern.
let h: Harness;
let concernId: string;
const stamp = String(Date.now()).slice(-4);
const lampText = `幸福小区${stamp}号楼前的路灯坏了好几个月，晚上出门很黑`;

before(async () => {
  h = await startHarness();
  const t = h.app.testApp;
  await t.account({ username: 'search_city', role: 'staff', region: '131100' });
  await t.account({ username: 'search_other', role: 'staff', region: '131122' });
  const people = await membersOf(h.app, '131121', 2);
  const studio = await approvedStudio(h.app, {
    staffUser: 'search_city',
    region: '131121',
    name: '幸福社区委员工作室',
    people,
  });
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/public/concerns',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.6.0.1' },
    payload: JSON.stringify({ studioCode: studio.code, category: 'livelihood', text: lampText }),
  });
  assert.equal(sent.statusCode, 200, sent.body);
  const [row] = await h.app.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    sent.json().trackingCode,
  ]);
  concernId = row!.id;
  await h.app.runJobs(); // indexes the new concern for search, as the background loop does
  const staff = await t.login('search_city');
  const c = await t.committee('131121');
  const m = await staff.send('POST', '/api/members', {
    name: '张丽霜',
    gender: 'female',
    committeeId: c.id,
    workUnitPost: '枣强县第一中学教师',
  });
  assert.equal(m.statusCode, 200, m.body);
});
after(async () => {
  await h?.close();
});

async function searchFor(page: Page, q: string) {
  const box = page.getByRole('searchbox', { name: '搜索诉求、工作室和委员' });
  await box.fill(q);
  await box.press('Enter');
  await page.getByRole('heading', { name: `搜索“${q}”`, level: 1 }).waitFor();
  await page.locator('.ant-list:not(.ant-list-loading)').first().waitFor();
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
}

test('staff search a Chinese term, pinyin initials and a typo from the header', async () => {
  const { page, context, errors } = await openPage(h);
  await loggedIn(page, h);

  await searchFor(page, '路灯');
  const hit = page.getByRole('link', { name: new RegExp(`幸福小区${stamp}`) });
  await hit.waitFor();
  const marked = await page.locator('mark.lx-hit').allTextContents();
  assert.ok(marked.includes('路灯'), `highlighted: ${marked.join(',')}`);
  await checkA11y(page, 'search results (路灯)');
  await hit.click();
  await page.waitForURL(`**/concerns/${concernId}`);

  await searchFor(page, 'zls');
  await page.getByRole('tab', { name: /委员/ }).click();
  const member = page.getByRole('button', { name: '张丽霜' }).or(page.getByText('张丽霜', { exact: true }));
  await member.first().click();
  const drawer = page.getByRole('dialog');
  await drawer.getByText('枣强县第一中学教师').waitFor();
  await checkA11y(page, 'member drawer from search');
  await page.keyboard.press('Escape');

  await searchFor(page, '张立霜');
  await page.getByText('以下是写法或读音相近的结果').waitFor();
  await page.locator('mark.lx-hit', { hasText: '张丽霜' }).first().waitFor();
  await checkA11y(page, 'search results (typo)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('staff of another county do not find the first county’s concern', async () => {
  const { page, context, errors } = await openPage(h);
  await logIn(page, 'search_other', testPassword);
  await page.getByRole('searchbox', { name: '搜索诉求、工作室和委员' }).waitFor();
  await searchFor(page, '路灯');
  await page.getByText('没有找到与“路灯”相关的结果').waitFor();
  assert.equal(await page.getByText(`幸福小区${stamp}`).count(), 0);
  await checkA11y(page, 'search results, other county');
  assert.deepEqual(errors, []);
  await context.close();
});

// Issue 11: the tracking code a citizen reads out, results that say what they are, and one
// message when nothing is found. Its own account, studio and concern, made by the test itself
// (the harness is the file's: hooks of the root run together, not one after the other).
const binText = `东方小区${stamp}号楼旁的垃圾中转站臭气熏天，夏天尤其严重，请有关部门尽快清运处理`;
async function concernWithCode(): Promise<{ id: string; code: string }> {
  const t = h.app.testApp;
  await t.account({ username: 'search_code', role: 'staff', region: '131100' });
  const studio = await approvedStudio(h.app, {
    staffUser: 'search_code',
    region: '131121',
    name: `东方社区${stamp}委员工作室`,
    people: await membersOf(h.app, '131121', 1),
  });
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/public/concerns',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.6.1.1' },
    payload: JSON.stringify({ studioCode: studio.code, category: 'environment', text: binText }),
  });
  assert.equal(sent.statusCode, 200, sent.body);
  const code: string = sent.json().trackingCode;
  const [row] = await h.app.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    code,
  ]);
  await h.app.runJobs();
  return { id: row!.id, code };
}

test('a tracking code read out on the phone finds the concern; a result says what it is', async () => {
  const codeConcern = await concernWithCode();
  const { page, context, errors } = await openPage(h);
  await logIn(page, 'search_code', testPassword);
  const box = page.getByRole('searchbox', { name: '搜索诉求、工作室和委员' });
  await box.waitFor();
  const { code } = codeConcern;
  const typed = `${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase();
  await searchFor(page, typed);
  const item = page.locator('.ant-list-item').filter({ hasText: code });
  await item.waitFor();
  const text = await item.innerText();
  for (const part of ['诉求', '生态环境：东方小区', '待受理', '枣强县', `查询码 ${code}`])
    assert.ok(text.includes(part), `${part} in: ${text}`);
  assert.match(text, /\d{4}-\d{2}-\d{2}/, 'the date it was submitted');
  await checkA11y(page, 'search results (tracking code)');
  await item.getByRole('link').first().click();
  await page.waitForURL(`**/concerns/${codeConcern.id}`);

  await searchFor(page, '垃圾站');
  await page
    .locator('.ant-list-item')
    .filter({ hasText: `东方小区${stamp}` })
    .waitFor();

  // Nothing at all: one message, not "similar results" above it.
  await searchFor(page, '犇骉');
  await page.getByText('没有找到与“犇骉”相关的结果').waitFor();
  assert.equal(await page.getByText('以下是写法或读音相近的结果').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
