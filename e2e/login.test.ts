import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkA11y, logIn, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

test('log in with the right password, see the console, log out', async () => {
  const { page, context, errors } = await openPage(h);
  await page.goto('/');
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await checkA11y(page, 'login page');

  await logIn(page, h.app.admin.username, h.app.admin.password);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await page.getByText('政协河北省委员会').first().waitFor();
  await checkA11y(page, 'the workbench after login');

  // A reload keeps the session (cookie), the console comes back without a login.
  await page.reload();
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a wrong password is refused with the server message', async () => {
  const { page, context } = await openPage(h);
  const username = `staff_${Date.now()}`;
  await h.app.testApp.account({ username, role: 'staff', region: '131100' });
  await logIn(page, username, 'not-the-password');
  await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
  await checkA11y(page, 'login page with error');
  await context.close();
});

test('five bad passwords lock the account: the sixth try with the right one is refused too', async () => {
  const { page, context } = await openPage(h);
  const username = `locked_${Date.now()}`;
  await h.app.testApp.account({ username, role: 'staff', region: '131100' });
  await page.goto('/');
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(`wrong-${i}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    assert.equal((await answer).status(), i < 5 ? 401 : 423);
  }
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(h.app.admin.password); // the account's real password
  await page.getByRole('button', { name: '登录', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: '账号已锁定' });
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /\d+\s*分钟/);
  // Still on the login page.
  assert.equal(await page.getByRole('heading', { name: '工作台' }).count(), 0);
  await checkA11y(page, 'login page, locked');
  await context.close();
});
