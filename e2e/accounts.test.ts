import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { authenticator } from 'otplib';
import { checkA11y, logIn, loggedIn, openPage, pickCommittee, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const username = `wang.${String(Date.now()).slice(-5)}`;
const initial = 'Init-Passw0rd';

test('an admin creates a staff account; its first login sets up two-factor and a new password', async () => {
  const admin = await openPage(h);
  await loggedIn(admin.page, h);
  await admin.page.getByRole('menuitem', { name: '账号管理' }).click();
  await admin.page.getByRole('heading', { name: '账号管理', level: 1 }).waitFor();
  await admin.page.locator('.ant-table-row').first().waitFor();
  await checkA11y(admin.page, 'accounts');

  await admin.page.getByRole('button', { name: '新建账号' }).click();
  const drawer = admin.page.getByRole('dialog');
  await drawer.getByLabel('用户名').fill(username);
  await drawer.getByLabel('姓名').fill('王晓燕');
  await pickCommittee(admin.page, '管辖范围（政协）', '政协衡水市委员会');
  // A weak password is refused in the form, with the rule spelled out.
  await drawer.getByLabel('初始密码').fill('abcdefgh');
  await drawer.getByRole('button', { name: '保存' }).click();
  await drawer.getByText('密码至少 8 位，且包含大写字母、小写字母、数字、符号中的 3 类').first().waitFor();
  await checkA11y(admin.page, 'account form');
  await drawer.getByLabel('初始密码').fill(initial);
  await drawer.getByRole('button', { name: '保存' }).click();
  const row = admin.page.getByRole('row').filter({ hasText: username });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /政协衡水市委员会/);
  assert.match((await row.textContent()) ?? '', /工作人员/);

  // The new user: password → two-factor setup → new password → console.
  const user = await openPage(h);
  await logIn(user.page, username, initial);
  await user.page.getByRole('heading', { name: '设置两步验证' }).waitFor();
  await user.page.getByRole('img', { name: /两步验证二维码/ }).waitFor();
  const secret = ((await user.page.locator('.lx-secret').textContent()) ?? '').trim();
  assert.match(secret, /^[A-Z2-7]+=*$/);
  await checkA11y(user.page, 'totp setup');
  await user.page.getByLabel('动态验证码').fill('000000');
  await user.page.getByRole('button', { name: '完成设置' }).click();
  await user.page.getByRole('alert').filter({ hasText: '动态验证码错误' }).waitFor();
  await user.page.getByLabel('动态验证码').fill(authenticator.generate(secret));
  await user.page.getByRole('button', { name: '完成设置' }).click();

  await user.page.getByRole('heading', { name: '修改密码' }).waitFor();
  await checkA11y(user.page, 'forced password change');
  await user.page.getByLabel('当前密码').fill(initial);
  await user.page.getByLabel('新密码', { exact: true }).fill('Neu-Passw0rd!');
  await user.page.getByLabel('再次输入新密码').fill('Neu-Passw0rd!');
  await user.page.getByRole('button', { name: '保存' }).click();
  await user.page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await user.page.getByText('王晓燕 · 工作人员 · 政协衡水市委员会').waitFor();
  // Staff see neither accounts nor the audit log.
  assert.equal(await user.page.getByRole('menuitem', { name: '账号管理' }).count(), 0);

  // Next login asks for the code.
  await user.page.getByRole('button', { name: '退出登录' }).click();
  await logIn(user.page, username, 'Neu-Passw0rd!');
  await user.page.getByRole('heading', { name: '两步验证' }).waitFor();
  await checkA11y(user.page, 'totp step');
  await user.page.getByLabel('动态验证码').fill(authenticator.generate(secret));
  await user.page.getByRole('button', { name: '验证' }).click();
  await user.page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  assert.deepEqual(user.errors, []);
  await user.context.close();

  // The audit log shows the logins.
  await admin.page.getByRole('menuitem', { name: '审计日志' }).click();
  await admin.page.getByRole('heading', { name: '审计日志', level: 1 }).waitFor();
  await admin.page.locator('.ant-table-row').first().waitFor();
  await checkA11y(admin.page, 'audit log');
  // Chosen from the list of kinds, in words; entries read as sentences in Beijing time, and
  // the filter is kept in the address (a reload shows the same entries).
  const kind = admin.page.getByRole('combobox', { name: '操作类型' });
  await kind.click();
  await kind.fill('登录');
  await admin.page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .getByText('登录', { exact: true })
    .click();
  await admin.page.waitForURL(/action=auth\.login/);
  await admin.page
    .locator('.ant-table-row')
    .filter({ hasText: `${username}登录` })
    .first()
    .waitFor();
  assert.equal(await admin.page.locator('.ant-table').getByText('auth.login').count(), 0, 'no raw codes');
  await admin.page.reload();
  await admin.page
    .locator('.ant-table-row')
    .filter({ hasText: `${username}登录` })
    .first()
    .waitFor();
  const href = await admin.page.getByRole('link', { name: '导出 Excel' }).getAttribute('href');
  assert.match(href ?? '', /^\/api\/audit\/export\.xlsx\?.*action=auth\.login/);
  const file = await admin.page.request.get(href!);
  assert.equal(file.status(), 200);
  assert.deepEqual(admin.errors, []);
  await admin.context.close();
});
