// Shared harness for the browser tests: the real app on a random port, Debian chromium,
// and an axe-core check on every page visited.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

export async function startHarness(): Promise<Harness> {
  const app = await startTestApp({ seed: 'small' });
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
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** No axe violation of impact serious or critical on what the page shows now. */
export async function checkA11y(page: Page, where: string): Promise<void> {
  // Let antd's enter animations finish so colours are measured at rest.
  await page.waitForTimeout(400);
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

/** Logged in as the seeded admin, on the member grid. */
export async function loggedIn(page: Page, h: Harness): Promise<void> {
  await logIn(page, h.app.admin.username, h.app.admin.password);
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
  await page.locator(`.ant-select-tree-treenode [title="${name}"]`).click();
}

/** The body never scrolls sideways: anything wide must scroll inside its own box. */
export async function bodyOverflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Chooses an option of an antd Select (searchable) by typing and clicking the match. */
export async function pickOption(page: Page, box: Locator, text: string, typed = text): Promise<void> {
  await box.click();
  await box.fill(typed);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}
