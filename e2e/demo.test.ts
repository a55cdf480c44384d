import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { decodeQrPdf } from '../server/src/test-support/qr.ts';
import { checkA11y, chromiumArgs, logIn, waitCeilingMs, wechatPhone } from './support.ts';

// Issue 10, the demo shows the whole product: the app started the way `npm start` starts it,
// on a fresh data folder, prints the demo accounts; a demo studio's poster leads a citizen's
// phone to its page, where a concern is sent with a verified phone; the demo member and the
// county staff, after changing their passwords, find inboxes and common issues already full.

const h5 = { settleMs: 0 };
const studioName = '河西街道委员工作室';
const phone = '15811112222';
const newPassword = 'Demo-Passw0rd!';

let dataDir: string;
let server: ChildProcess;
let url: string;
let out = '';
let accounts: Map<string, string>;
let browser: Browser;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'lianxin-demo-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // The embedded database and the local SMS file, whatever the caller's environment says.
  const { DATABASE_URL: _db, SMS_TRANSPORT: _sms, ...env } = process.env;
  server = spawn(process.execPath, ['server/src/main.ts'], {
    env: {
      ...env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: url,
      WEB_DIST: 'web/dist',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  server.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (out.includes('ready on http')) {
        clearInterval(check);
        resolve();
      }
    }, 200);
    server.once('exit', (code) => {
      clearInterval(check);
      reject(new Error(`the server stopped (${code}):\n${out}`));
    });
  });
  // "    county staff (桃城区): demo_county / <password>"
  accounts = new Map([...out.matchAll(/^ {4}.+?: (\S+) \/ (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const late = setTimeout(() => server.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(late);
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const consoleContext = (o: { acceptDownloads?: boolean } = {}) =>
  browser.newContext({ baseURL: url, viewport: { width: 1366, height: 900 }, locale: 'zh-CN', ...o });

// Each test passes alone: what one needs of another (a changed password, the poster's URL,
// the citizen's concern) is made on first need by these helpers, once per process.
const changed = new Set<string>();

/** Signed in to the console: the first time with the printed password and the forced change. */
async function consoleAs(username: string, o: { acceptDownloads?: boolean } = {}) {
  const context = await consoleContext(o);
  context.setDefaultTimeout(waitCeilingMs);
  const page = await context.newPage();
  if (changed.has(username)) {
    await logIn(page, username, newPassword);
    return { context, page };
  }
  const initial = accounts.get(username);
  assert.ok(initial, `${username} printed at first start:\n${out}`);
  await logIn(page, username, initial);
  await page.getByRole('heading', { name: '修改密码' }).waitFor();
  await page.getByLabel('当前密码').fill(initial);
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('再次输入新密码').fill(newPassword);
  await page.getByRole('button', { name: '保存' }).click();
  changed.add(username);
  return { context, page };
}

let poster: Promise<string> | undefined;
/** The county staff download the demo studio's poster from its console page; its QR code's URL. */
const posterQrUrl = () =>
  (poster ??= (async () => {
    const { page, context } = await consoleAs('demo_county', { acceptDownloads: true });
    await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
    const list = await page.request.get('/api/studios');
    assert.equal(list.status(), 200);
    const studio = (
      (await list.json()) as { items: { id: string; name: string; status: string }[] }
    ).items.find((s) => s.name === studioName);
    assert.ok(studio, 'the demo studio is in the county staff’s list');
    assert.equal(studio.status, 'approved');
    await page.goto(`/studios/${studio.id}`);
    const link = page.getByRole('link', { name: /A4 海报 PDF/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const decoded = decodeQrPdf(await readFile((await download.path())!));
    await context.close();
    assert.match(decoded ?? '', new RegExp(`^${url}/s/[A-Z0-9]+$`));
    return decoded!;
  })());

let sent: Promise<string> | undefined;
/** A citizen scans the poster on a phone and sends a concern with a verified phone; its tracking code. */
const citizenConcern = () =>
  (sent ??= (async () => {
    const qrUrl = await posterQrUrl();
    const context = await browser.newContext({
      baseURL: url,
      ...wechatPhone,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      extraHTTPHeaders: { 'x-forwarded-for': '10.99.0.1' },
    });
    context.setDefaultTimeout(waitCeilingMs);
    const page = await context.newPage();
    await page.goto(qrUrl);
    await page.getByRole('heading', { name: studioName, level: 1 }).waitFor();
    await checkA11y(page, 'demo studio page (phone)', h5);
    await page.getByRole('link', { name: '反映诉求' }).click();
    await page.getByRole('heading', { name: '反映诉求', level: 1 }).waitFor();
    // The convenor (the demo member) is the first on the studio's list.
    const who = page.getByLabel('找哪位委员（可不选）');
    await who.selectOption({ label: (await who.locator('option').nth(1).textContent())!.trim() });
    await page.getByLabel('类别').selectOption({ label: '民生保障' });
    await page
      .getByLabel(/您反映的问题或建议/)
      .fill('康宁小区3号楼的楼道灯坏了两个星期，晚上上下楼看不见，请帮忙联系物业维修。');
    await page.getByLabel('手机号').fill(phone);
    await page.getByRole('button', { name: '获取短信验证码' }).click();
    await page.getByRole('status').filter({ hasText: '验证码已发送' }).waitFor();
    // The SMS went to the data folder's local transport, as on a developer's machine.
    const texts = (await readFile(path.join(dataDir, 'sms.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { to: string; text: string })
      .filter((m) => m.to === phone);
    const code = /验证码是 (\d{6})/.exec(texts.at(-1)?.text ?? '')?.[1];
    assert.ok(code, 'a code in sms.log');
    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('我已阅读并同意上述个人信息使用说明').check();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL(/\/t\/[A-Z0-9]{10}\?new=1$/);
    const trackingCode = /\/t\/([A-Z0-9]{10})/.exec(page.url())![1]!;
    await page.getByRole('status').filter({ hasText: '已收到您的诉求' }).waitFor();
    await context.close();
    return trackingCode;
  })());

test('first start prints the admin and the demo accounts: city staff, county staff, a member', () => {
  assert.match(out, /Lianxin first start/);
  for (const u of ['admin', 'demo_city', 'demo_county', 'demo_member'])
    assert.ok(accounts.has(u), `${u} in:\n${out}`);
});

test('the county staff change the password and download a demo studio’s poster; its QR decodes', async () => {
  assert.ok(await posterQrUrl());
});

test('a citizen scans it on a phone and sends a concern with a verified phone', async () => {
  assert.match(await citizenConcern(), /^[A-Z0-9]{10}$/);
});

test('the demo member changes the password and finds the inbox full, the new concern among them', async () => {
  const trackingCode = await citizenConcern();
  const { page, context } = await consoleAs('demo_member');
  await page.goto('/inbox');
  await page.getByRole('heading', { name: '我的收件箱', level: 1 }).waitFor();
  const tab = page.getByRole('tab', { name: /^新诉求（\d+）/ });
  const n = Number(/（(\d+)）/.exec((await tab.textContent()) ?? '')?.[1]);
  assert.ok(n >= 2, `new concerns in the inbox: ${n}`);
  await tab.click();
  await page.locator('.lx-cards li').filter({ hasText: trackingCode }).waitFor();
  const inProgress = await page.getByRole('tab', { name: /^办理中（\d+）/ }).textContent();
  assert.ok(Number(/（(\d+)）/.exec(inProgress ?? '')?.[1]) > 0, `in progress: ${inProgress}`);
  await checkA11y(page, 'the demo member’s inbox');
  await context.close();
});

test('the county staff find common issues already formed from the year of concerns', async () => {
  const { page, context } = await consoleAs('demo_county');
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await page.goto('/common-issues');
  await page.getByRole('heading', { name: '共性问题', level: 1 }).waitFor();
  const rows = page.locator('.lx-ci-board tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 1);
  await checkA11y(page, 'the demo county’s common issues');
  await context.close();
});
