import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createNotice } from '../server/src/modules/notify/notices.ts';
import { checkA11y, loggedIn, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

test('switch to English: labels, antd texts, notices and server messages follow, and the choice is kept', async () => {
  // A notice for the admin's committee staff, stored as a key: the bell shows it in English.
  const [root] = await h.app.db.query<{ id: string }>(
    `select id from committees where region_code = '130000'`,
  );
  await createNotice(h.app.db, h.app.testApp.deps, {
    kind: 'concern.overdue',
    to: { committeeStaff: root!.id },
    key: 'concern.overdue_staff',
    committeeId: root!.id,
  });
  const { page, context, errors } = await openPage(h);
  await loggedIn(page, h);
  const languages: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) languages.push(r.headers()['accept-language'] ?? '');
  });

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByText('Include lower levels').waitFor();
  await page.getByRole('columnheader', { name: 'Work unit and post' }).waitFor();
  await page.getByRole('menuitem', { name: 'Organisation' }).waitFor();
  await page.getByText(/\d+ in total/).waitFor();
  await page.getByText('20 / page').waitFor(); // antd's own locale switched too
  await checkA11y(page, 'grid in English');
  await page.getByRole('button', { name: 'Notices, 1 unread' }).click();
  await page.getByRole('heading', { name: 'Notices', level: 2 }).waitFor();
  await page.getByRole('button', { name: /A concern of this committee is past its deadline/ }).waitFor();
  await checkA11y(page, 'notices in English');
  await page.keyboard.press('Escape');

  // Stored: a reload stays in English, and API calls ask for English.
  await page.reload();
  await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
  await page.getByRole('menuitem', { name: 'Organisation' }).click();
  await page.getByRole('tree', { name: 'Committees' }).waitFor();
  await page.getByText('Region code').waitFor();
  await checkA11y(page, 'tree in English');
  assert.ok(
    languages.length > 0 && languages.every((l) => l === 'en'),
    `Accept-Language: ${languages.join(',')}`,
  );

  // A server error in English: log out, log in wrong.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Username').fill(h.app.admin.username);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
  await checkA11y(page, 'login in English');

  // And back to Chinese.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '登录', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
