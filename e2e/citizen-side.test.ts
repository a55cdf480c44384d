// Issue 11, the citizen's side on a 390 px phone in WeChat: the studio page shows where it
// is (a map link) and whom to call; 反映诉求 and 提交 are the largest things on their pages; a
// submission with a phone is confirmed by SMS with the tracking code and its link; the
// tracking page puts the answer first, then a rating form with large targets; the display
// switches say which is on. And in the console, the poster and calendar downloads are named
// after what they hold, the poster carrying the hotline, address and a code that decodes.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { testPassword } from '../server/src/test-support/app.ts';
import { decodeQrPdf, pdfText } from '../server/src/test-support/qr.ts';
import {
  approvedStudio,
  bodyOverflowX,
  checkA11y,
  lastSmsCode,
  logIn,
  membersOf,
  openPage,
  openPhone,
  startHarness,
} from './support.ts';
import type { Harness } from './support.ts';

const h5 = { settleMs: 0 };
const studioName = '枣强县城关镇“有事好商量”委员工作室';
let h: Harness;
let studio: { id: string; code: string };

before(async () => {
  h = await startHarness({ clock: 'manual' });
  const people = await membersOf(h.app, '131121', 2);
  await h.app.testApp.account({ username: 'cs_staff', role: 'staff', region: '131121' });
  studio = await approvedStudio(h.app, {
    staffUser: 'cs_staff',
    region: '131121',
    name: studioName,
    people,
    dutyAt: new Date(h.app.clock.now().getTime() + 2 * 86400_000),
  });
  const staff = await h.app.testApp.login('cs_staff');
  const r = await staff.send('PATCH', `/api/studios/${studio.id}`, { hotline: '0318-8221234' });
  assert.equal(r.statusCode, 200, r.body);
});
after(async () => {
  await h?.close();
});

/** The area of the largest visible link or button on the page other than `main`. */
async function largestOther(page: Page, main: Locator): Promise<{ area: number; text: string }> {
  const handle = await main.elementHandle();
  return page.evaluate((el) => {
    let best = { area: 0, text: '' };
    for (const x of document.querySelectorAll('a, button, [role=button], label')) {
      if (x === el) continue;
      const r = x.getBoundingClientRect();
      if (r.width * r.height > best.area) best = { area: r.width * r.height, text: x.textContent ?? '' };
    }
    return best;
  }, handle);
}
async function assertLargest(page: Page, main: Locator, where: string) {
  const box = (await main.boundingBox())!;
  assert.ok(box.height >= 44, `${where}: the main action is ${box.height}px high`);
  const other = await largestOther(page, main);
  assert.ok(
    box.width * box.height > other.area,
    `${where}: the main action (${box.width}×${box.height}) is larger than "${other.text}" (${other.area})`,
  );
}

test('on a 390 px phone: map and phone links, the largest main actions, an SMS with the code and link, the answer before the rating', async () => {
  const { context, page, errors } = await openPhone(h, { ip: '10.70.0.1' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/s/${studio.code}`);
  await page.getByRole('heading', { name: studioName, level: 1 }).waitFor();
  const map = page.getByRole('link', { name: '在地图上查看' });
  assert.match((await map.getAttribute('href'))!, /^https:\/\/uri\.amap\.com\/search\?keyword=/);
  assert.equal(
    await page.getByRole('link', { name: '0318-8221234' }).getAttribute('href'),
    'tel:03188221234',
  );
  const report = page.getByRole('link', { name: '反映诉求', exact: true });
  await assertLargest(page, report, 'the studio page');
  // The switches say which is on, in words, to assistive technology and by their look.
  const large = page.getByRole('button', { name: /^大字模式/ });
  assert.equal(await large.getAttribute('aria-pressed'), 'false');
  assert.equal(await large.innerText(), '大字模式：关');
  const offBg = await large.evaluate((e) => getComputedStyle(e).backgroundColor);
  await large.click();
  const on = page.getByRole('button', { name: /^大字模式/ });
  await page.waitForURL(/large=1/);
  assert.equal(await on.getAttribute('aria-pressed'), 'true');
  assert.equal(await on.innerText(), '大字模式：开');
  assert.notEqual(await on.evaluate((e) => getComputedStyle(e).backgroundColor), offBg);
  assert.ok(((await on.boundingBox())!.height ?? 0) >= 44, 'the switch is a 44 px target');
  await checkA11y(page, 'the studio page in large font', h5);
  await on.click();
  await page.waitForURL((u) => !u.search.includes('large=1'));

  await page.getByRole('link', { name: '反映诉求', exact: true }).click();
  await page.getByRole('heading', { name: '反映诉求', level: 1 }).waitFor();
  await assertLargest(page, page.getByRole('button', { name: '提交', exact: true }), 'the form');
  assert.ok((await bodyOverflowX(page)) <= 0);
  await page
    .getByLabel(/您反映的问题或建议/)
    .fill('城关镇建设路与人民路交叉口没有红绿灯，孩子上学过马路很危险。');
  const phone = '13977770101';
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取短信验证码' }).click();
  await page.getByText('验证码已发送').waitFor();
  await page.getByLabel('短信验证码').fill(lastSmsCode(h.app, phone));
  await page.getByLabel(/我已阅读并同意/).check();
  const before = h.app.sms.sent.length;
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByRole('heading', { name: '诉求办理进度', level: 1 }).waitFor();
  const code = (await page.locator('.code').innerText()).trim();
  await page.getByText('查询码和查看进度的链接已用短信发到您的手机').waitFor();
  // The SMS: sent at once, with the code and the link that opens this page.
  const sms = h.app.sms.sent.slice(before).filter((m) => m.to === phone);
  assert.equal(sms.length, 1, 'one SMS for the submission');
  assert.ok(sms[0]!.text.includes(`查询码 ${code}`), sms[0]!.text);
  const link = /(https?:\/\/\S+\/t\/[A-Z0-9]+)/.exec(sms[0]!.text)?.[1];
  assert.equal(link, `${h.app.url}/t/${code}`);
  await checkA11y(page, 'the tracking page just after submitting', h5);

  // Staff answer it; the citizen opens the SMS's link.
  const staff = await h.app.testApp.login('cs_staff');
  const [k] = await h.app.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    code,
  ]);
  assert.equal((await staff.send('POST', `/api/concerns/${k!.id}/accept`)).statusCode, 200);
  const answer = '已联系县交警大队，本月底前在该路口安装信号灯，上下学时段安排协管员。';
  assert.equal((await staff.send('POST', `/api/concerns/${k!.id}/reply`, { text: answer })).statusCode, 200);
  await page.goto(link!);
  const answerH = page.getByRole('heading', { name: '办理答复', level: 2 });
  const rateH = page.getByRole('heading', { name: '评价办理结果', level: 2 });
  const textH = page.getByRole('heading', { name: '您反映的内容', level: 2 });
  const stepsH = page.getByRole('heading', { name: '办理经过', level: 2 });
  const y = async (l: Locator) => (await l.boundingBox())!.y;
  assert.ok(await page.locator('.answer').getByText(answer).isVisible(), 'the answer in its box');
  assert.ok((await y(answerH)) < (await y(rateH)), 'the answer before the rating');
  assert.ok((await y(rateH)) < (await y(textH)), 'the rating before the citizen’s own text');
  assert.ok((await y(textH)) < (await y(stepsH)), 'the steps last');
  for (const name of ['满意', '基本满意', '不满意']) {
    const choice = page
      .locator('label.choice')
      .filter({ has: page.getByRole('radio', { name, exact: true }) });
    const b = (await choice.boundingBox())!;
    assert.ok(b.height >= 44 && b.width >= 300, `${name}: a ${b.width}×${b.height} target`);
  }
  const send = page.getByRole('button', { name: '提交评价' });
  await assertLargest(page, send, 'the tracking page');
  await checkA11y(page, 'the tracking page with the answer and the rating form', h5);
  await page.getByText('满意', { exact: true }).click();
  await send.click();
  await page.getByText('已办结').first().waitFor();
  const [done] = await h.app.db.query<{ rating: string }>('select rating from concerns where id = $1', [
    k!.id,
  ]);
  assert.equal(done!.rating, 'satisfied');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the console’s poster and calendar downloads are named after the studio; the poster carries hotline and address', async () => {
  const { page, context, errors } = await openPage(h, { acceptDownloads: true });
  await logIn(page, 'cs_staff', testPassword);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await page.goto(`/studios/${studio.id}`);
  const poster = page.getByRole('link', { name: /A4 海报 PDF/ });
  await poster.waitFor();
  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), poster.click()]);
  assert.equal(pdfDownload.suggestedFilename(), `${studioName}-海报.pdf`);
  const pdf = await readFile((await pdfDownload.path())!);
  assert.equal(decodeQrPdf(pdf), `${h.app.url}/s/${studio.code}`);
  const text = pdfText(pdf).replace(/\s+/g, '');
  for (const want of [studioName, '0318-8221234', '县城人民路1号', '委员值班', '微信扫一扫'])
    assert.ok(text.includes(want), `the poster says ${want}`);
  const ics = page.getByRole('link', { name: /值班日历 \.ics/ });
  const [icsDownload] = await Promise.all([page.waitForEvent('download'), ics.click()]);
  assert.equal(icsDownload.suggestedFilename(), `${studioName}-值班表.ics`);
  assert.match(await readFile((await icsDownload.path())!, 'utf8'), /^BEGIN:VCALENDAR/);
  assert.deepEqual(errors, []);
  await context.close();
});
