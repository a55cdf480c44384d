// Shared harness for the browser tests: the real app on a random port, Debian chromium,
// and an axe-core check on every page visited.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { testPassword } from '../server/src/test-support/app.ts';
import { startTestApp } from '../server/src/test-support/start-app.ts';

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Harness = { app: TestApp; browser: Browser; close(): Promise<void> };

export async function startHarness(
  opts: { clock?: 'system' | 'manual'; startAt?: Date } = {},
): Promise<Harness> {
  const app = await startTestApp({ seed: 'small', ...opts });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  return {
    app,
    browser,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

export type Viewport = { width: number; height: number };

/** A fresh context (own cookies, own localStorage) and page; page errors fail the test. */
/**
 * Playwright's waits end when their condition holds; only their ceiling is raised. `npm test`
 * runs these files beside the server suite on two cores, where a page that takes 2 s alone can
 * take 40 s, and the default 30 s ceiling failed tests that were right.
 */
export const waitCeilingMs = 90_000;

export async function openPage(
  h: Harness,
  opts: { viewport?: Viewport; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await h.browser.newContext({
    baseURL: h.app.url,
    viewport: opts.viewport ?? { width: 1366, height: 900 },
    acceptDownloads: opts.acceptDownloads ?? false,
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(waitCeilingMs);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** No axe violation of impact serious or critical on what the page shows now. */
export async function checkA11y(page: Page, where: string, opts: { settleMs?: number } = {}): Promise<void> {
  // Let antd's enter animations finish so colours are measured at rest (the server-rendered
  // public pages have no animation: they pass settleMs 0).
  if (opts.settleMs !== 0) await page.waitForTimeout(opts.settleMs ?? 400);
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ') ?? ''}`)
          .join('\n'),
    )
    .join('\n');
  assert.equal(bad.length, 0, `axe violations on ${where}:\n${report}`);
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Logged in as the seeded admin (landing on the workbench), then on the member grid. */
export async function loggedIn(page: Page, h: Harness): Promise<void> {
  await logIn(page, h.app.admin.username, h.app.admin.password);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await page.goto('/members');
  await page.getByRole('heading', { name: '委员名册', level: 1 }).waitFor();
}

/** Picks a committee in an antd TreeSelect by typing part of its name. */
export async function pickCommittee(
  page: Page,
  label: string | RegExp,
  name: string,
  within: Page | Locator = page,
): Promise<void> {
  const box = within.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(name.replace(/^政协|委员会$/g, ''));
  // On a loaded machine a click can land while the tree is still re-filtering and select
  // nothing; the choice took when the dropdown closes, so wait for that and click again if not.
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree');
  for (let attempt = 0; ; attempt++) {
    await page
      .locator(
        `.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-treenode [title="${name}"]`,
      )
      .click();
    try {
      await open.waitFor({ state: 'hidden', timeout: 3000 });
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}

/** The body never scrolls sideways: anything wide must scroll inside its own box. */
export async function bodyOverflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Chooses an option of an antd Select (searchable) by typing and clicking the match. */
export async function pickOption(page: Page, box: Locator, text: string, typed = text): Promise<void> {
  const select = box.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const shown = select.filter({ hasText: text });
  // A click that lands while the list is still filtering or moving picks nothing: the select then
  // does not show the text, and the pick is made once more before failing with what it shows.
  for (let round = 0; round < 2; round++) {
    await box.click();
    await box.fill(typed);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: text })
      .first()
      .click();
    if (
      await shown.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  throw new Error(`pickOption: "${text}" picked but the select shows "${await select.innerText()}"`);
}

// --- The citizen's side (issue 3): a phone inside WeChat, SMS codes, photos, studios. ---

/** An iPhone-sized screen with WeChat's in-app browser user agent. */
export const wechatPhone = {
  viewport: { width: 375, height: 667 },
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
    'Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/4G Language/zh_CN',
};

/**
 * A citizen's phone: its own context, 375×667, zh-CN, WeChat's user agent. `ip` stands for the
 * phone's network address (the app trusts X-Forwarded-For), so rate limits per IP are per phone.
 */
export async function openPhone(
  h: Harness,
  opts: { ip?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await h.browser.newContext({
    baseURL: h.app.url,
    ...wechatPhone,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    ...(opts.ip ? { extraHTTPHeaders: { 'x-forwarded-for': opts.ip } } : {}),
  });
  context.setDefaultTimeout(waitCeilingMs);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** The six-digit code in the last SMS the app sent to `phone` (memory transport). */
export function lastSmsCode(app: TestApp, phone: string): string {
  const m = app.sms.last(phone);
  assert.ok(m, `an SMS was sent to ${phone}`);
  return /验证码是 (\d{6})/.exec(m.text)?.[1] ?? assert.fail(`no code in "${m.text}"`);
}

/** Active members of a committee who sit on no deeper committee (so their scope is this one). */
export async function membersOf(app: TestApp, region: string, n: number) {
  const c = await app.testApp.committee(region);
  const rows = await app.db.query<{ id: string; name: string }>(
    `select p.id, p.name from memberships m join persons p on p.id = m.person_id
      where m.committee_id = $1 and m.status = 'active'
        and not exists (select 1 from memberships x join committees xc on xc.id = x.committee_id
                         where x.person_id = p.id and x.committee_id <> $1)
      order by p.name_pinyin limit $2`,
    [c.id, n],
  );
  assert.equal(rows.length, n, `${n} members in ${region}`);
  return rows;
}

/**
 * An approved studio with a convenor and members, created and submitted by `staffUser` through
 * the API and approved by another staff account of the region (separation of duties), and a
 * one-off duty slot with the convenor at `dutyAt` (1 h before to 2 h after).
 */
export async function approvedStudio(
  app: TestApp,
  o: { staffUser: string; region: string; name: string; people: { id: string }[]; dutyAt?: Date },
): Promise<{ id: string; code: string; memberCodes: Map<string, string> }> {
  const staff = await app.testApp.login(o.staffUser);
  const c = await app.testApp.committee(o.region);
  const created = await staff.send('POST', '/api/studios', {
    committeeId: c.id,
    name: o.name,
    kind: 'regional',
    leadPersonId: o.people[0]!.id,
    address: '县城人民路 1 号',
    services: '民生、交通、教育方面的意见建议',
  });
  assert.equal(created.statusCode, 200, created.body);
  const id: string = created.json().id;
  for (const p of o.people.slice(1)) {
    const r = await staff.send('POST', `/api/studios/${id}/members`, { personId: p.id });
    assert.equal(r.statusCode, 200, r.body);
  }
  if (o.dutyAt) {
    const slot = await staff.send('POST', `/api/studios/${id}/duty-slots`, {
      startsAt: new Date(o.dutyAt.getTime() - 3600_000).toISOString(),
      endsAt: new Date(o.dutyAt.getTime() + 2 * 3600_000).toISOString(),
      personIds: [o.people[0]!.id],
      note: '委员接待日',
    });
    assert.equal(slot.statusCode, 200, slot.body);
  }
  assert.equal((await staff.send('POST', `/api/studios/${id}/submit`)).statusCode, 200);
  const reviewerName = `reviewer_${id.slice(0, 8)}`;
  await app.testApp.account({ username: reviewerName, role: 'staff', region: o.region });
  const reviewer = await app.testApp.login(reviewerName);
  const ok = await reviewer.send('POST', `/api/studios/${id}/review`, { decision: 'approve' });
  assert.equal(ok.json().status, 'approved', ok.body);
  const code: string = ok.json().publicCode;
  const card = (await app.testApp.app.inject({ method: 'GET', url: `/api/public/studios/${code}` })).json();
  const memberCodes = new Map<string, string>(
    card.members.map((m: { name: string; code: string }) => [m.name, m.code]),
  );
  return { id, code, memberCodes };
}

/** Does this JPEG carry an EXIF GPS block (tag 0x8825 in IFD0)? */
export function hasExifGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/**
 * Someone logged into the console in their own desktop context, and an `api` that calls the
 * server with that browser session (its cookie, and the CSRF token the console would send):
 * for actions whose console page is not built yet, and for checking what that person may see.
 */
export async function consoleAs(h: Harness, username: string, opts: { now?: Date } = {}) {
  const { context, page, errors } = await openPage(h);
  // The console reckons "3 天后到期" from the browser's clock: keep it on the app's (manual) one.
  if (opts.now) await context.clock.setFixedTime(opts.now);
  const login = async () => {
    await logIn(page, username, testPassword);
    await page.getByRole('button', { name: '退出登录' }).first().waitFor();
  };
  await login();
  const csrf = async () =>
    String(((await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken);
  const api = {
    get: (url: string) => page.request.get(url),
    post: async (url: string, data?: unknown) =>
      page.request.post(url, {
        headers: { 'x-csrf-token': await csrf() },
        ...(data === undefined ? {} : { data }),
      }),
  };
  return { context, page, errors, api, login };
}

/**
 * A member answers a concern from the console's inbox: its card under the tab, the concern's
 * page (axe-checked), 受理 with its confirmation when new, then 答复群众 with the text.
 */
/**
 * 受理 on a concern's page, confirmed in its popconfirm; the request's answer is awaited and
 * checked, so a refusal fails with its body rather than as a button that never shows.
 */
/**
 * Opens a step on the concern page: the main button when it is the next step, else the item
 * of the 更多 menu (the page shows one main button and the rest in the menu).
 */
export async function concernStep(page: Page, name: string): Promise<void> {
  const main = page.getByRole('region', { name: '办理' }).getByRole('button', { name, exact: true });
  if (await main.count()) return main.click();
  await page.getByRole('button', { name: '更多办理' }).click();
  await actionMenu(page).getByRole('menuitem', { name, exact: true }).click();
}

/** The open 更多 menu (the console's navigation is a menu too). */
const actionMenu = (page: Page) => page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByRole('menu');

/** Every step the concern page offers now: its main button, then the 更多 menu's items. */
export async function concernSteps(page: Page): Promise<string[]> {
  const region = page.getByRole('region', { name: '办理' });
  await region.waitFor();
  const main = (await region.getByRole('button').allInnerTexts()).filter((n) => n !== '更多');
  const more = page.getByRole('button', { name: '更多办理' });
  if (!(await more.count())) return main;
  await more.click();
  const menu = actionMenu(page);
  await menu.waitFor();
  const items = await menu.getByRole('menuitem').allInnerTexts();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  return [...main, ...items];
}

export async function acceptOnPage(page: Page): Promise<void> {
  const accepting = (r: { method(): string; url(): string }) =>
    r.method() === 'POST' && /\/api\/concerns\/[^/]+\/accept$/.test(r.url());
  // On a loaded machine a click on the confirmation while it is still opening does nothing:
  // the step is tried again (a sent request is never missed: it is awaited before the click).
  for (let round = 0; round < 3; round++) {
    const confirm = page
      .locator('.ant-popconfirm:not(.ant-popover-hidden)')
      .getByRole('button', { name: '受理' });
    if (!(await confirm.isVisible())) await page.getByRole('button', { name: '受理', exact: true }).click();
    await confirm.waitFor();
    const sent = page.waitForRequest(accepting, { timeout: 15_000 }).catch(() => null);
    await confirm.click();
    const request = await sent;
    if (!request) continue;
    const res = await request.response();
    assert.ok(res, 'the acceptance got an answer');
    assert.equal(res.status(), 200, await res.text());
    await page.getByRole('button', { name: '答复群众', exact: true }).waitFor();
    return;
  }
  throw new Error('受理: three confirmations sent no request');
}

export async function answerFromInbox(
  page: Page,
  o: { trackingCode: string; tab: '新诉求' | '办理中'; text: string; photos?: number },
): Promise<void> {
  await page.goto('/inbox');
  await page.getByRole('heading', { name: '我的收件箱', level: 1 }).waitFor();
  await page.getByRole('tab', { name: new RegExp(`^${o.tab}（\\d+）`) }).click();
  await page.locator('.lx-cards li').filter({ hasText: o.trackingCode }).getByRole('link').click();
  await page.getByRole('heading', { name: `诉求 ${o.trackingCode}`, level: 1 }).waitFor();
  if (o.photos !== undefined) {
    const imgs = page.getByRole('img', { name: /^诉求照片 \d+$/ });
    if (o.photos > 0) await imgs.first().waitFor();
    assert.equal(await imgs.count(), o.photos, 'the citizen’s photos on the member’s page');
  }
  await checkA11y(page, `a member's concern page (${o.tab})`);
  if (o.tab === '新诉求') {
    await acceptOnPage(page);
  }
  await page.getByRole('button', { name: '答复群众', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '答复群众' });
  await dialog.getByLabel('答复内容（群众可以看到）').fill(o.text);
  await dialog.getByRole('button', { name: '答复群众' }).click();
  await page.getByText('已答复，群众将收到短信通知').waitFor();
  await dialog.waitFor({ state: 'hidden' });
  // The page reloads the concern: the answer is in its history.
  await page.locator('.ant-timeline').getByText(o.text).waitFor();
}
