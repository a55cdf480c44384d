// Issue 4 in the browser: citizens report the same broken street lamps in different words
// (colloquial, traditional characters) and two other problems; the placing job groups them;
// staff find one common issue on the board, check its evidence and trend, detach a concern,
// confirm the group, start the opinion-report draft; and (in a second county, decisions taken
// through the API) regroup the committee — the detached concern stays out. axe on every page; the detail page also at 375 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { approvedStudio, bodyOverflowX, checkA11y, consoleAs, membersOf, startHarness } from './support.ts';
import type { Harness } from './support.ts';

const lamps = [
  { text: '建设路上的路灯坏了好几天了，晚上黑漆漆的，走路都看不清', place: '建设路' },
  { text: '建设路路灯不亮，夜里出门很不安全，请尽快维修路灯', place: '建设路中段' },
  { text: '俺家门口建设路那段路灯全瞎了，黑灯瞎火的，咋没人管管' },
  { text: '建設路的路燈壞了一個多星期，晚上很黑，請儘快修理路燈' },
  { text: '晚上建设路一片漆黑，路灯一盏都不亮，孩子放学回家害怕', place: '建设路' },
  { text: '反映建设路路灯长期不亮的问题，希望有关部门派人修一修' },
];
const others = [
  { text: '幸福小区门口的垃圾桶好几天没人清理，臭气熏天，苍蝇乱飞' },
  { text: '希望在县城多建几个公共停车场，现在停车太难了，经常违停被罚' },
];
const minute = 60_000;

let h: Harness;
let studioName = '';
const codes = new Map<string, string>(); // text → tracking code
const codeOf = (x: { text: string }) => codes.get(x.text)!;
// The same reports sent in another county (武邑县), to its own staff: the regroup test makes
// its staff decisions there, so it needs nothing the first test did.
const regroupCodes = new Map<string, string>();
const regroupCodeOf = (x: { text: string }) => regroupCodes.get(x.text)!;

/** One citizen per concern (own address), through the public API the H5 form posts to. */
async function submit(studioCode: string, c: { text: string; place?: string }, ip: string, into = codes) {
  const res = await fetch(`${h.app.url}/api/public/concerns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ studioCode, category: 'livelihood', text: c.text, place: c.place }),
  });
  const body = await res.text();
  assert.equal(res.status, 200, body);
  into.set(c.text, (JSON.parse(body) as { trackingCode: string }).trackingCode);
}

/** The placing job is recurring once a minute: move to the next period, then run what is due. */
async function placeConcerns() {
  h.app.clock.advance(61_000);
  await h.app.runJobs();
}

before(async () => {
  h = await startHarness({ clock: 'manual' });
  const people = await membersOf(h.app, '131121', 2);
  await h.app.testApp.account({ username: 'ci_staff', role: 'staff', region: '131121' });
  studioName = '枣强县城关委员工作室';
  const studio = await approvedStudio(h.app, {
    staffUser: 'ci_staff',
    region: '131121',
    name: studioName,
    people,
  });
  await h.app.testApp.account({ username: 'ci_staff_wy', role: 'staff', region: '131122' });
  const regroupStudio = await approvedStudio(h.app, {
    staffUser: 'ci_staff_wy',
    region: '131122',
    name: '武邑县城关委员工作室',
    people: await membersOf(h.app, '131122', 2),
  });
  // Spread over two days, so the trend has more than one bar.
  for (const [i, c] of [...lamps, ...others].entries()) {
    await submit(studio.code, c, `10.40.0.${i + 1}`);
    await submit(regroupStudio.code, c, `10.41.0.${i + 1}`, regroupCodes);
    h.app.clock.advance(i === 2 ? 26 * 3600_000 : 7 * minute);
  }
  await placeConcerns();
});
after(async () => {
  await h?.close();
});

/** Tracking codes listed in the evidence table of the open detail page. */
async function evidenceCodes(page: Page): Promise<string[]> {
  return page.locator('.lx-ci-evidence tbody tr td a[href^="/concerns/"]').allTextContents();
}

test('staff see the lamp concerns as one common issue, correct it, confirm it and start a report draft', async () => {
  const { page, context, errors } = await consoleAs(h, 'ci_staff');
  await page.getByRole('menuitem', { name: '共性问题' }).click();
  await page.getByRole('heading', { name: '共性问题', level: 1 }).waitFor();
  const rows = page.locator('.lx-ci-board tbody tr.ant-table-row');
  await rows.first().waitFor();
  await checkA11y(page, 'common-issues board');

  // Largest first: the lamp issue is on top, with all six concerns, from one studio.
  const top = rows.first();
  await top.getByRole('link').click();
  await page.locator('.lx-ci-evidence').waitFor();
  const issueId = /\/common-issues\/(g-[0-9a-f-]+)$/.exec(page.url())?.[1] ?? '';
  assert.ok(issueId, page.url());
  const inIssue = await evidenceCodes(page);
  // On failure, say where each text went (the grouping engine is tuned against this).
  const placement = async (x: { text: string }) => {
    const [row] = await h.app.db.query<{ issue_id: string; n: number }>(
      `select c.issue_id, (select count(*)::int from common_issue_concerns o where o.issue_id = c.issue_id) as n
         from common_issue_concerns c join concerns k on k.id = c.concern_id where k.tracking_code = $1`,
      [codeOf(x)],
    );
    return `${x.text} → ${row ? `${row.issue_id} (${row.n})` : 'not placed'}`;
  };
  const missing = lamps.filter((l) => !inIssue.includes(codeOf(l)));
  const intruders = others.filter((o) => inIssue.includes(codeOf(o)));
  if (missing.length + intruders.length > 0) {
    const all = await Promise.all([...lamps, ...others].map(placement));
    assert.fail(
      `the lamp concerns (and only they) are one issue (${issueId}); ` +
        `missing: ${missing.length}, intruders: ${intruders.length}\n  ${all.join('\n  ')}`,
    );
  }

  // The evidence: status, key terms, typical texts, the trend chart with its table, places.
  await page.locator('.lx-ci-head').getByText('待确认').waitFor();
  await page.getByRole('heading', { name: `诉求清单（${lamps.length} 件）` }).waitFor();
  const chart = page.getByRole('img', { name: /^每日诉求数柱状图：.+共 6 件$/ });
  await chart.waitFor();
  assert.equal(await chart.locator('rect').count(), 2, 'two days, two bars');
  assert.equal(await page.locator('.lx-ci-trend table tbody tr').count(), 2);
  await page.locator('.lx-ci-places').getByText('建设路', { exact: true }).waitFor();
  const typical = await page.locator('.lx-ci-reps blockquote').allTextContents();
  assert.ok(
    typical.length >= 1 && typical.every((x) => lamps.some((l) => l.text === x)),
    typical.join(' | '),
  );
  const terms = await page
    .locator('.ant-descriptions')
    .getByRole('list', { name: '关键词' })
    .getByRole('listitem')
    .allTextContents();
  assert.ok(terms.includes('路灯'), `key terms: ${terms.join(', ')}`);
  await page.getByText(studioName).first().waitFor();
  await checkA11y(page, 'common issue detail');

  // Staff give the issue a name of their own (the engine's is the first concern cut off).
  await page.getByRole('button', { name: '重命名' }).click();
  const nameBox = page.locator('.lx-ci-head textarea');
  await nameBox.fill('建设路路灯长期不亮');
  const renamed = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(issueId));
  await nameBox.press('Enter');
  assert.equal((await renamed).status(), 200, await (await renamed).text());
  await page.getByRole('heading', { name: '建设路路灯长期不亮', level: 1 }).waitFor();

  // Detach the colloquial one (after the confirmation): five remain.
  const detached = lamps[2]!;
  await page.getByRole('button', { name: `把诉求 ${codeOf(detached)} 移出` }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '移出' }).click();
  await page.getByText(`已移出诉求 ${codeOf(detached)}`).waitFor();
  await page.getByRole('heading', { name: `诉求清单（${lamps.length - 1} 件）` }).waitFor();
  assert.ok(!(await evidenceCodes(page)).includes(codeOf(detached)));

  // Confirm the group.
  await page.getByRole('button', { name: '确认为共性问题' }).click();
  await checkA11y(page, 'confirm popover');
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确认为共性问题' }).click();
  await page.getByText('已确认为共性问题').waitFor();
  await page.locator('.lx-ci-head').getByText('已确认').waitFor();
  assert.equal(await page.getByRole('button', { name: '确认为共性问题' }).count(), 0);

  // The opinion-report draft: started once, then the button says so and is disabled.
  await page.getByRole('button', { name: '生成社情民意信息草稿' }).click();
  await page.getByText('已生成社情民意信息草稿').waitFor();
  const made = page.getByRole('button', { name: '已生成草稿' });
  await made.waitFor();
  assert.equal(await made.isDisabled(), true);
  await page.getByText(/草稿编号 [0-9a-f-]{36}/).waitFor();
  await checkA11y(page, 'common issue after the staff decisions');

  // One answer for the five: each citizen gets it on their own concern.
  await page.getByRole('button', { name: '统一答复' }).click();
  const together = page.getByRole('dialog', { name: '统一答复本问题的诉求' });
  await together.getByLabel('答复内容').fill('已协调城管部门对建设路路灯全线检修，本周内恢复照明。');
  await checkA11y(page, 'answer together dialog');
  await together.getByRole('button', { name: `答复 ${lamps.length - 1} 件` }).click();
  await page.getByText(`已答复 ${lamps.length - 1} 件，0 件未改动`).waitFor();
  const [answered] = await h.app.db.query<{ n: number }>(
    `select count(*)::int as n from concerns where tracking_code = any($1) and status = 'answered'`,
    [lamps.filter((l) => l !== detached).map(codeOf)],
  );
  assert.equal(answered?.n, lamps.length - 1);

  // At 375 px nothing scrolls the page sideways.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.getByRole('heading', { name: `诉求清单（${lamps.length - 1} 件）` }).waitFor();
  assert.equal(await bodyOverflowX(page), 0);
  await checkA11y(page, 'common issue detail at 375 px');

  // The board (still 375 px) shows the issue as confirmed with five concerns, first.
  await page.getByRole('link', { name: '返回共性问题' }).click();
  const row = page.locator('.lx-ci-board tbody tr.ant-table-row').first();
  await row.getByText('已确认').waitFor();
  await row.getByText('5 件').waitFor();
  await row.getByText('建设路路灯长期不亮').waitFor();
  assert.equal(await bodyOverflowX(page), 0);
  await checkA11y(page, 'common-issues board at 375 px');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a regroup from scratch, run in the background, keeps the staff decisions', async () => {
  const { page, context, errors, api } = await consoleAs(h, 'ci_staff_wy');
  type Detail = { status: string; concerns: { id: string; trackingCode: string }[] };
  const issues = async () => {
    const list = (await (await api.get('/api/common-issues?pageSize=100')).json()) as {
      items: { id: string }[];
    };
    return Promise.all(
      list.items.map(async (it) => ({
        id: it.id,
        ...((await (await api.get(`/api/common-issues/${it.id}`)).json()) as Detail),
      })),
    );
  };
  // The staff decisions of the first test, taken here through the API: the colloquial lamp
  // concern detached, the group of the other five confirmed.
  const lampIssue = (await issues()).find((i) =>
    i.concerns.some((c) => c.trackingCode === regroupCodeOf(lamps[0]!)),
  );
  assert.ok(lampIssue, 'the lamp concerns form a common issue in 武邑县 too');
  const issueId = lampIssue.id;
  const colloquial = lampIssue.concerns.find((c) => c.trackingCode === regroupCodeOf(lamps[2]!));
  assert.ok(colloquial, 'the colloquial lamp concern is in the issue');
  const detach = await api.post(`/api/common-issues/${issueId}/detach`, { concernId: colloquial.id });
  assert.equal(detach.status(), 200, await detach.text());
  const confirm = await api.post(`/api/common-issues/${issueId}/confirm`);
  assert.equal(confirm.status(), 200, await confirm.text());

  await page.goto(`/common-issues/${issueId}`);
  await page.locator('.lx-ci-evidence').waitFor();
  await page.getByRole('button', { name: '重新归并' }).click();
  await page
    .locator('.ant-popconfirm')
    .getByText(/已做的确认、移出、拆分和合并会保留/)
    .waitFor();
  await checkA11y(page, 'regroup popover');
  await page.locator('.ant-popconfirm').getByRole('button', { name: '重新归并' }).click();
  await page.getByText(/已在后台开始重新归并（任务 .+）/).waitFor();

  await h.app.runJobs(); // the rebuild job
  await placeConcerns();
  // Wherever the rebuild put them, the five stay together and the detached one stays out.
  const where = new Map<string, string>();
  for (const d of await issues())
    for (const c of d.concerns) where.set(c.trackingCode, `${d.id}:${d.status}`);
  const kept = lamps.filter((_, i) => i !== 2).map((l) => where.get(regroupCodeOf(l)));
  assert.equal(new Set(kept).size, 1, `the five stay one issue: ${JSON.stringify(kept)}`);
  assert.match(kept[0] ?? '', /:confirmed$/);
  assert.notEqual(where.get(regroupCodeOf(lamps[2]!)), kept[0], 'the detached concern is not pulled back in');
  assert.deepEqual(errors, []);
  await context.close();
});
