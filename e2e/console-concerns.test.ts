// Smoke test of the issue-3 console pages (studios, member inbox, staff concern handling):
// each page opens, its main controls work, and axe finds nothing serious. The full concern
// path lives in concern-path.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testPassword } from '../server/src/test-support/app.ts';
import { memberAccount, memberWithQr, submittedConcern } from '../server/src/test-support/fixtures.ts';
import {
  bodyOverflowX,
  checkA11y,
  concernStep,
  logIn,
  loggedIn,
  membersOf,
  openPage,
  pickCommittee,
  pickOption,
  startHarness,
} from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
let people: { id: string; name: string }[];
/** A member of their own with one new concern, for the inbox and concern-page tests. */
let own: { username: string; trackingCode: string };
const studioName = '枣强县冒烟测试委员工作室';

before(async () => {
  h = await startHarness();
  people = await membersOf(h.app, '131121', 2);
  // Each test stands alone: the studio test makes its own studio and concern; the others read
  // this member's, who has exactly one.
  const t = h.app.testApp;
  const m = await memberWithQr(t, '131121');
  const { username } = await memberAccount(t, m);
  const c = await submittedConcern(t, {
    memberCode: m.code,
    category: 'transport',
    text: '路口红绿灯坏了，请尽快修复。',
  });
  own = { username, trackingCode: c.trackingCode };
});
after(async () => {
  await h?.close();
});

test('staff: studios list, create a studio, add a member and a reception day, submit; another account approves', async () => {
  const { page, context, errors } = await openPage(h);
  await loggedIn(page, h);
  await page.getByRole('menuitem', { name: '委员工作室' }).click();
  await page.getByRole('heading', { name: '委员工作室', level: 1 }).waitFor();
  await checkA11y(page, 'studios list');

  await page.getByRole('button', { name: '新建工作室' }).click();
  const drawer = page.getByRole('dialog', { name: '新建工作室' });
  await drawer.getByLabel('工作室名称').fill(studioName);
  await pickCommittee(page, '所属政协', '政协枣强县委员会', drawer);
  await drawer.getByLabel('地址').fill('枣强县人民路 1 号');
  await drawer.getByLabel('纬度').fill('37.51');
  await drawer.getByLabel('经度').fill('115.72');
  await drawer.getByLabel('开放时间').fill('每周一至周五 9:00–17:00');
  await checkA11y(page, 'studio form');
  await drawer.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: studioName, level: 1 }).waitFor();
  const studioId = /\/studios\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  await checkA11y(page, 'studio page');
  for (const name of ['二维码 PNG', '二维码 SVG', 'A4 海报 PDF', '值班日历 .ics'])
    assert.ok(await page.getByRole('link', { name }).getAttribute('href'), `${name} is a download link`);

  await page.getByRole('tab', { name: '成员' }).click();
  await pickOption(page, page.getByRole('combobox', { name: '选择委员' }), people[0]!.name);
  await page.getByRole('button', { name: '添加成员' }).click();
  await page.getByRole('cell', { name: people[0]!.name, exact: true }).waitFor();
  await checkA11y(page, 'studio members');

  await page.getByRole('tab', { name: '值班安排' }).click();
  await page.getByRole('button', { name: '添加固定接待日' }).click();
  const rule = page.getByRole('dialog', { name: '添加固定接待日' });
  await checkA11y(page, 'duty rule dialog');
  await rule.getByRole('button', { name: '保存' }).click();
  await page.getByText('每月15日 9:00–11:30').first().waitFor();
  await checkA11y(page, 'studio duty');

  await page.getByRole('button', { name: '提交审批' }).click();
  await page.getByText(/等待政协机关审批/).waitFor();
  // Separation of duties: whoever submitted it is told another account reviews it, and has no
  // review buttons.
  await page.getByText(/须由本级或上级政协机关的其他工作人员审核/).waitFor();
  assert.equal(await page.getByRole('button', { name: '批准上线', exact: true }).count(), 0);
  assert.equal(await page.getByRole('button', { name: '退回', exact: true }).count(), 0);
  await checkA11y(page, 'studio submitted, seen by its submitter');
  assert.deepEqual(errors, []);
  await context.close();

  // The city's staff (a committee above the county) reviews it.
  const reviewer = 'e2e_city_reviewer';
  await h.app.testApp.account({ username: reviewer, role: 'staff', region: '131100' });
  const city = await openPage(h);
  const cp = city.page;
  await logIn(cp, reviewer, testPassword);
  await cp.getByRole('menuitem', { name: '委员工作室' }).waitFor();
  await cp.goto(`/studios/${studioId}`);
  await cp.getByRole('heading', { name: studioName, level: 1 }).waitFor();
  await cp.getByRole('button', { name: '退回', exact: true }).click();
  const reject = cp.getByRole('dialog', { name: `退回“${studioName}”` });
  await reject.getByRole('button', { name: '退回' }).click();
  await reject.getByText('退回时必须填写原因').waitFor();
  await reject.getByRole('button', { name: '取消' }).click();
  await reject.waitFor({ state: 'hidden' });
  await cp.getByRole('button', { name: '批准上线', exact: true }).click();
  // The click sends the review (once it did not: the approve dialog shared its form with the
  // reject one), then its answer is awaited by itself: a refusal fails with its body, and a
  // slow answer on a loaded machine is not mistaken for a missing text or a lost click.
  const approve = cp.getByRole('dialog', { name: `批准“${studioName}”` });
  const sent = cp.waitForRequest((r) => r.url().endsWith(`/api/studios/${studioId}/review`));
  await approve.getByRole('button', { name: '批准上线' }).click();
  const review = await (await sent).response();
  assert.ok(review, 'the review got an answer');
  assert.equal(review.status(), 200, await review.text());
  assert.equal((await sent).postDataJSON().decision, 'approve', 'the approve dialog sends an approval');
  await cp.getByText(/批准上线，群众扫码可以看到工作室页面/).waitFor();
  await checkA11y(cp, 'studio approved by the city');

  // A citizen's concern through the now public studio (anonymous: no SMS step needed).
  const s = await (await cp.request.get(`/api/studios/${studioId}`)).json();
  const res = await cp.request.post('/api/public/concerns', {
    data: { studioCode: s.publicCode, category: 'transport', text: '路口红绿灯坏了，请尽快修复。' },
  });
  assert.equal(res.status(), 200, await res.text());
  assert.ok((await res.json()).trackingCode, 'the citizen gets a tracking code');
  assert.deepEqual(city.errors, []);
  await city.context.close();
});

test('member on a phone: the inbox with counts, a concern’s detail', async () => {
  const { page, context, errors } = await openPage(h, { viewport: { width: 375, height: 812 } });
  await logIn(page, own.username, testPassword);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await page.goto('/inbox');
  await page.getByRole('heading', { name: '我的收件箱', level: 1 }).waitFor();
  await page.getByRole('tab', { name: '新诉求（1）' }).waitFor();
  await page.locator('.lx-cards li').filter({ hasText: own.trackingCode }).waitFor();
  assert.equal(await bodyOverflowX(page), 0);
  await checkA11y(page, 'member inbox (phone)');
  await page.locator('.lx-cards li').filter({ hasText: own.trackingCode }).getByRole('link').click();
  await page.getByRole('heading', { name: `诉求 ${own.trackingCode}`, level: 1 }).waitFor();
  await page.getByRole('button', { name: '受理', exact: true }).waitFor();
  assert.equal(await bodyOverflowX(page), 0);
  await checkA11y(page, 'member concern page (phone)');
  assert.deepEqual(errors, []);
  await context.close();
});

test('staff: the concern list and a concern with the assign dialog', async () => {
  const { page, context, errors } = await openPage(h);
  await loggedIn(page, h);
  await page.getByRole('menuitem', { name: '诉求办理' }).click();
  await page.getByRole('heading', { name: '诉求办理', level: 1 }).waitFor();
  await page.getByRole('link', { name: own.trackingCode }).waitFor();
  await checkA11y(page, 'staff concern list');
  await page.getByRole('link', { name: own.trackingCode }).click();
  await page.getByRole('heading', { name: `诉求 ${own.trackingCode}`, level: 1 }).waitFor();
  await checkA11y(page, 'staff concern page');
  await concernStep(page, '交办给委员或下级政协');
  await page.getByRole('dialog', { name: '交办给委员或下级政协' }).waitFor();
  await checkA11y(page, 'assign dialog');
  // The action dialogs are rendered ahead (forceRender); their fields must not share ids, or a
  // label would name a hidden twin in another dialog.
  const duplicateIds = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  });
  assert.deepEqual(duplicateIds, []);
  assert.deepEqual(errors, []);
  await context.close();
});
