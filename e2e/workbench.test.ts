// Issue 11, the workbench (工作台): staff and members land on it after login; every number is
// a link to the list behind it, and that list shows the same number. Axe at 1440 px, and for
// the member at 390 px too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { testPassword } from '../server/src/test-support/app.ts';
import {
  approvedStudio,
  memberAccount,
  staffOf,
  submittedConcern,
} from '../server/src/test-support/fixtures.ts';
import { bodyOverflowX, checkA11y, logIn, openPage, startHarness } from './support.ts';
import type { Harness, Viewport } from './support.ts';

let h: Harness;
let county: string;
let city: string;
let member: string;
const wide: Viewport = { width: 1440, height: 900 };
const phone: Viewport = { width: 390, height: 844 };

before(async () => {
  h = await startHarness();
  const t = h.app.testApp;
  const staff = await staffOf(t, '131121');
  county = staff.username;
  // A studio waiting for approval.
  const draft = await staff.session.send('POST', '/api/studios', {
    committeeId: staff.committee.id,
    name: '枣强县待审批委员工作室',
    kind: 'regional',
  });
  assert.equal(draft.statusCode, 200, draft.body);
  assert.equal((await staff.session.send('POST', `/api/studios/${draft.json().id}/submit`)).statusCode, 200);
  city = (await staffOf(t, '131100')).username;
  const studio = await approvedStudio(t, { region: '131121', members: 2 });
  const lead = studio.members[0]!;
  member = (await memberAccount(t, lead)).username;
  await submittedConcern(t, { studioCode: studio.code, memberCode: lead.code });
  await submittedConcern(t, { studioCode: studio.code, text: '村口路灯不亮，夜里出行不便。' });
  const late = await submittedConcern(t, { studioCode: studio.code, text: '排水沟堵塞，雨后积水。' });
  await t.deps.db.query('update concerns set due_at = $2 where id = $1', [
    late.id,
    new Date(t.clock.now().getTime() - 3600_000),
  ]);
});
after(async () => {
  await h?.close();
});

async function landOnWorkbench(page: Page, username: string) {
  await logIn(page, username, testPassword);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/workbench$/);
}

/** The number a counter link shows. */
async function numberOf(page: Page, counter: string): Promise<number> {
  const link = page.locator(`a[data-counter="${counter}"]`);
  await link.waitFor();
  return Number(await link.textContent());
}

test('county staff land on the workbench; the overdue number opens the concern list showing it', async () => {
  const { page, context, errors } = await openPage(h, { viewport: wide });
  await landOnWorkbench(page, county);
  const overdue = await numberOf(page, 'concernsOverdue');
  assert.ok(overdue >= 1, `overdue: ${overdue}`);
  // The definition is on hover.
  await page.locator('a[data-counter="concernsOverdue"]').hover();
  await page.getByRole('tooltip').filter({ hasText: '办理期限已过' }).waitFor();
  await checkA11y(page, 'the county staff workbench');
  await page.locator('a[data-counter="concernsOverdue"]').click();
  await page.getByRole('heading', { name: '诉求办理', level: 1 }).waitFor();
  assert.equal(await page.getByRole('switch', { name: '只看超期' }).getAttribute('aria-checked'), 'true');
  await page.getByText(`共 ${overdue} 条`).waitFor();
  // Studios waiting for approval: the studio list with the same number of rows.
  await page.goto('/workbench');
  const pending = await numberOf(page, 'studiosPending');
  await page.locator('a[data-counter="studiosPending"]').click();
  await page.getByRole('heading', { name: '委员工作室', level: 1 }).waitFor();
  assert.ok(pending >= 1, `pending: ${pending}`);
  await page.getByText(`共 ${pending} 条`).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('city staff see each county in a row; a county’s number opens the list filtered to that county', async () => {
  const { page, context, errors } = await openPage(h, { viewport: wide });
  await landOnWorkbench(page, city);
  await page.getByRole('heading', { name: '下级政协', level: 2 }).waitFor();
  const c121 = await h.app.testApp.committee('131121');
  const key = `${c121.id}:concernsNew`;
  const n = await numberOf(page, key);
  assert.ok(n >= 3, `new in 枣强县: ${n}`);
  await checkA11y(page, 'the city staff workbench');
  await page.locator(`a[data-counter="${key}"]`).click();
  await page.getByRole('heading', { name: '诉求办理', level: 1 }).waitFor();
  await page.getByText(`共 ${n} 条`).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

for (const viewport of [wide, phone]) {
  test(`a member lands on the workbench at ${viewport.width} px; the new number opens the inbox tab saying it`, async () => {
    const { page, context, errors } = await openPage(h, { viewport });
    await landOnWorkbench(page, member);
    const n = await numberOf(page, 'inboxNew');
    assert.ok(n >= 3, `new: ${n}`);
    await page.getByRole('heading', { name: '我的值班', level: 2 }).waitFor();
    // Only what a member may open: no roster, no import.
    if (viewport === wide)
      for (const name of ['委员名册', '名册导入'])
        assert.equal(
          await page.getByRole('menuitem', { name }).count(),
          0,
          `${name} is not in a member's menu`,
        );
    assert.ok((await bodyOverflowX(page)) <= 0, `the workbench overflows by ${await bodyOverflowX(page)}px`);
    await checkA11y(page, `the member's workbench at ${viewport.width} px`);
    await page.locator('a[data-counter="inboxNew"]').click();
    await page.getByRole('heading', { name: '我的收件箱', level: 1 }).waitFor();
    await page.getByRole('tab', { name: `新诉求（${n}）`, selected: true }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
}
