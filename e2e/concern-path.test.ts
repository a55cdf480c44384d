import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { decodeQrPdf, pdfText } from '../server/src/test-support/qr.ts';
import { testPassword } from '../server/src/test-support/app.ts';
import {
  answerFromInbox,
  approvedStudio,
  checkA11y,
  hasExifGps,
  lastSmsCode,
  logIn,
  membersOf,
  openPage,
  openPhone,
  startHarness,
} from './support.ts';
import type { Harness } from './support.ts';

// Issue 3, the whole concern path in the browser: a studio's printed poster → its QR code →
// the public page on a phone inside WeChat → a concern with a photo and a verified phone →
// the tracking page → the member answers from the console → "not satisfied" reopens it
// once → answered again → "satisfied" closes it. The app runs on a manual clock
// (2026-11-23 09:00 Beijing time) so every step's time on the tracking page is exact.
// Each test stands alone on the studio made in before(): the poster, the studio page, and
// the one concern's journey from the form to closed (one citizen's story, one test), retries.

const h5 = { settleMs: 0 }; // server-rendered, nothing animates

let h: Harness;
let people: { id: string; name: string }[];
let studio: { id: string; code: string; memberCodes: Map<string, string> };
const phone = '13912345678';
const studioName = '枣强县民生委员工作室';
const concernText = '枣强县人民路与育才街路口的红绿灯坏了一个多星期，早晚上学时很危险，请尽快修复。';
const hour = 3600_000;

before(async () => {
  h = await startHarness({ clock: 'manual' });
  people = await membersOf(h.app, '131121', 3);
  await h.app.testApp.account({ username: 'zq_staff', role: 'staff', region: '131121' });
  await h.app.testApp.account({
    username: 'zq_member',
    role: 'member',
    region: '131121',
    personId: people[0]!.id,
  });
  studio = await approvedStudio(h.app, {
    staffUser: 'zq_staff',
    region: '131121',
    name: studioName,
    people,
    dutyAt: h.app.clock.now(),
  });
});
after(async () => {
  await h?.close();
});

/** The steps on the tracking page: label and the time shown with it. */
async function stepsOn(page: Page): Promise<{ label: string; time: string }[]> {
  return page.locator('main ol > li').evaluateAll((lis) =>
    lis.map((li) => ({
      label: li.querySelector('strong')?.textContent ?? '',
      time:
        /\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/.exec(li.querySelector('.muted')?.textContent ?? '')?.[0] ?? '',
    })),
  );
}

const at = (h24: string) => `2026年11月23日 ${h24}`;
const firstAnswer = '已联系县交通运输局，路口信号灯已列入本周维修计划。';
const secondAnswer = '信号灯已于今天上午修复，交警已现场确认工作正常。';

test('staff download the approved studio’s A4 poster from the console; its QR code decodes to the public URL', async () => {
  const { page, context } = await openPage(h, { acceptDownloads: true });
  await logIn(page, 'zq_staff', testPassword);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await page.goto(`/studios/${studio.id}`);
  const poster = page.getByRole('link', { name: /A4 海报 PDF/ });
  await poster.waitFor();
  await checkA11y(page, 'the studio’s page in the console');
  const [download] = await Promise.all([page.waitForEvent('download'), poster.click()]);
  assert.match(download.suggestedFilename(), /海报\.pdf$/);
  const pdf = await readFile((await download.path())!);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdfText(pdf).includes(studioName), 'the poster names the studio');
  // Printed and scanned: poppler renders the page, jsQR reads the code.
  const decoded = decodeQrPdf(pdf);
  assert.equal(decoded, `${h.app.url}/s/${studio.code}`);
  await context.close();
});

test('the QR URL on a phone in WeChat: the studio page, who is on duty today, large-font and high-contrast modes', async () => {
  // The URL the poster's QR code decodes to (the poster test checks it is this one).
  const { context, page } = await openPhone(h, { ip: '10.20.0.1' });
  const res = await page.goto(`${h.app.url}/s/${studio.code}`);
  assert.equal(res?.status(), 200);
  await page.getByRole('heading', { name: studioName, level: 1 }).waitFor();
  assert.equal(await page.locator('script').count(), 0, 'no script on the public page');
  const today = page.locator('h2:has-text("今日值班") + ul > li');
  assert.equal(await today.count(), 1);
  // The slot runs 08:00–11:00 today; the convenor is on duty.
  assert.match((await today.textContent()) ?? '', new RegExp(`11月23日 08:00–11:00.*${people[0]!.name}`));
  const members = await page.locator('h2:has-text("工作室委员") + ul > li').allTextContents();
  assert.deepEqual(
    members.map((m) => m.split(/[（ ·]/)[0]),
    people.map((p) => p.name),
  );
  assert.match(members[0]!, /召集人/);
  await checkA11y(page, 'public studio page (phone)', h5);

  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await fontSize(), 17);
  await page.getByRole('button', { name: '大字模式' }).click();
  await page.waitForURL(/\?large=1$/);
  assert.equal(await fontSize(), 22);
  assert.equal(await page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed'), 'true');
  await checkA11y(page, 'public studio page, large font', h5);
  await page.getByRole('button', { name: '高对比度' }).click();
  await page.waitForURL(/\?large=1&contrast=1$/);
  assert.equal(await fontSize(), 22);
  assert.equal(await background(), 'rgb(0, 0, 0)');
  await checkA11y(page, 'public studio page, large font + high contrast', h5);
  await page.getByRole('button', { name: '高对比度' }).click();
  await page.waitForURL(/\?large=1$/);
  assert.equal(await background(), 'rgb(255, 255, 255)');
  await context.close();
});

test('a concern from the form to closed: photo with GPS and SMS code → tracking page; the member answers; "not satisfied" reopens it once; answered again; "satisfied" closes it', async () => {
  const phoneCtx = await openPhone(h, { ip: '10.20.0.3' });
  const { page } = phoneCtx;
  // The citizen reads the studio page in large-font mode: the form, and later the tracking
  // page, keep it.
  await page.goto(`/s/${studio.code}?large=1`);
  await page.getByRole('heading', { name: studioName, level: 1 }).waitFor();
  await page.getByRole('link', { name: '反映诉求' }).click();
  await page.waitForURL(/\/concern\?large=1$/);
  await page.getByRole('heading', { name: '反映诉求', level: 1 }).waitFor();
  assert.equal(await page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed'), 'true');
  assert.match((await page.locator('main > p.muted').first().textContent()) ?? '', new RegExp(studioName));
  await checkA11y(page, 'concern form', h5);

  await page.getByLabel('找哪位委员（可不选）').selectOption({ label: people[0]!.name });
  await page.getByLabel('类别').selectOption({ label: '交通出行' });
  await page.getByLabel(/您反映的问题或建议/).fill(concernText);
  await page.getByLabel('地点（可不填）').fill('人民路与育才街路口');
  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#5a8f3c' } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 30/1 1234/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '115/1 43/1 5/1',
      },
    })
    .toBuffer();
  assert.ok(hasExifGps((await sharp(photo).metadata()).exif), 'the test photo carries GPS');
  // Chosen before asking for the code, as people do: the server keeps it for the form
  // across the round trip (a browser cannot put a file back into a form shown again).
  await page
    .getByLabel(/^照片（可不选/)
    .setInputFiles({ name: 'IMG_0001.JPG', mimeType: 'image/jpeg', buffer: photo });

  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取短信验证码' }).click();
  await page.getByRole('status').filter({ hasText: '验证码已发送' }).waitFor();
  // What was typed survives the round trip of the no-script form.
  assert.equal(await page.getByLabel(/您反映的问题或建议/).inputValue(), concernText);
  assert.equal(await page.getByLabel('类别').inputValue(), 'transport');
  await page.getByRole('status').filter({ hasText: '已保留您选择的 1 张照片' }).waitFor();
  const code = lastSmsCode(h.app, phone);
  await page.getByLabel('短信验证码').fill(code);
  await page.getByLabel('我已阅读并同意上述个人信息使用说明').check();

  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.waitForURL(/\/t\/[A-Z0-9]{10}\?new=1&large=1$/);
  const trackingCode = /\/t\/([A-Z0-9]{10})/.exec(page.url())![1]!;
  assert.equal(await page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('status').filter({ hasText: '已收到您的诉求' }).waitFor();
  assert.equal(await page.locator('.code').textContent(), trackingCode);
  assert.match((await page.locator('main').textContent()) ?? '', /状态：已提交，待受理/);
  assert.ok(((await page.locator('main').textContent()) ?? '').includes(concernText));
  assert.ok(!((await page.content()).includes('5678') || (await page.content()).includes('13912')));
  assert.deepEqual(await stepsOn(page), [
    { label: '提交诉求', time: at('09:00') },
    { label: '已转交', time: at('09:00') },
  ]);
  await checkA11y(page, 'tracking page, just submitted', h5);

  const rows = await h.app.db.query<{ id: string; category: string; citizen_phone_masked: string }>(
    'select id, category, citizen_phone_masked from concerns where tracking_code = $1',
    [trackingCode],
  );
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0]!.category, rows[0]!.citizen_phone_masked], ['transport', '139****5678']);

  // The photo: its thumbnail on the page; as served and as stored, no EXIF (GPS above all).
  const thumb = page.getByRole('img', { name: '照片 1' });
  await thumb.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => (document.querySelector('img.photo') as HTMLImageElement | null)?.naturalWidth === 320,
  );
  const full = await page.request.get(`/api/public/concerns/${trackingCode}/photos/1`);
  assert.equal(full.status(), 200);
  const served = await full.body();
  const meta = await sharp(served).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1600, 1200]);
  assert.equal(hasExifGps(meta.exif), false, 'no GPS in the photo as served');
  assert.equal(meta.exif, undefined, 'no EXIF at all');
  assert.ok(!served.includes('TestPhone'));
  const stored = await h.app.db.query<{ bytes: Uint8Array; thumb: Uint8Array }>(
    'select bytes, thumb from concern_photos where concern_id = $1',
    [rows[0]!.id],
  );
  assert.equal(stored.length, 1, 'one photo stored');
  for (const b of [stored[0]!.bytes, stored[0]!.thumb]) {
    const m = await sharp(Buffer.from(b)).metadata();
    assert.equal(m.exif, undefined, 'no EXIF stored');
    assert.ok(!Buffer.from(b).includes('TestPhone'));
  }

  // --- The member's side ---------------------------------------------------------------
  const concernId = rows[0]!.id;
  let memberCtx: { context: BrowserContext; page: Page; errors: string[] } | undefined;
  /** The member, logged into the console in their own browser context (a second "device"). */
  const memberConsole = async (): Promise<Page> => {
    memberCtx ??= await openPage(h);
    const { page } = memberCtx;
    await logIn(page, 'zq_member', testPassword);
    await page.getByRole('button', { name: '退出登录' }).first().waitFor();
    await checkA11y(page, 'console after the member logs in');
    return page;
  };
  const memberAnswers = (page: Page, tab: '新诉求' | '办理中', text: string) =>
    answerFromInbox(page, { trackingCode, tab, text, photos: 1 });

  // The member sees it in the console and answers; the citizen gets an SMS and sees the answer.
  h.app.clock.advance(2 * hour); // 11:00
  const inbox = await memberConsole();
  // The member lands on the workbench; in the inbox the new concern is the one card under 新诉求.
  await inbox.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await inbox.goto('/inbox');
  await inbox.getByRole('heading', { name: '我的收件箱', level: 1 }).waitFor();
  await inbox
    .locator('.lx-cards li')
    .filter({ hasText: concernText.slice(0, 12) })
    .waitFor();
  assert.equal(await inbox.locator('.lx-cards li').count(), 1);
  const smsBefore = h.app.sms.sent.length;
  await memberAnswers(inbox, '新诉求', firstAnswer);

  const sms = h.app.sms.sent.slice(smsBefore);
  assert.equal(sms.length, 1, 'one SMS to the citizen');
  assert.equal(sms[0]!.to, phone);
  const link = /https?:\/\/\S+\/t\/[A-Z0-9]{10}/.exec(sms[0]!.text)?.[0];
  assert.equal(link, `${h.app.url}/t/${trackingCode}`);

  // The citizen taps the link in the SMS.
  const citizen = phoneCtx.page;
  await citizen.goto(link!);
  const main = citizen.locator('main');
  await citizen.getByText('状态：已答复，待评价').waitFor();
  assert.ok(((await main.textContent()) ?? '').includes(firstAnswer));
  assert.deepEqual(await stepsOn(citizen), [
    { label: '提交诉求', time: at('09:00') },
    { label: '已转交', time: at('09:00') },
    { label: '已受理', time: at('11:00') },
    { label: '已答复', time: at('11:00') },
  ]);
  const answered = citizen.locator('main ol > li').nth(3);
  assert.match((await answered.textContent()) ?? '', new RegExp(`${people[0]!.name} 委员|zq_member`));
  await citizen.getByRole('heading', { name: '评价办理结果' }).waitFor();
  await checkA11y(citizen, 'tracking page, answered', h5);

  // "Not satisfied" reopens it once; answered again; "satisfied" closes it.
  h.app.clock.advance(hour); // 12:00
  await citizen.getByRole('radio', { name: '不满意' }).check();
  await citizen.getByLabel('意见（可不填）').fill('路口还是没有修好');
  await citizen.getByRole('button', { name: '提交评价' }).click();
  await citizen.getByText('状态：重新办理中').waitFor();
  assert.equal(await citizen.getByRole('heading', { name: '评价办理结果' }).count(), 0);
  const [k] = await h.app.db.query<{ status: string; reopen_count: number }>(
    'select status, reopen_count from concerns where id = $1',
    [concernId],
  );
  assert.deepEqual(k, { status: 'reopened', reopen_count: 1 });

  h.app.clock.advance(hour); // 13:00
  // Two hours on, the member's console session has timed out (30 min idle): log in again.
  const member = await memberConsole();
  await memberAnswers(member, '办理中', secondAnswer);

  h.app.clock.advance(hour); // 14:00
  await citizen.goto(`/t/${trackingCode}`);
  await citizen.getByText('状态：已答复，待评价').waitFor();
  await citizen.getByRole('radio', { name: '满意', exact: true }).check();
  await citizen.getByRole('button', { name: '提交评价' }).click();
  await citizen.getByText('状态：已办结').waitFor();
  const text = (await citizen.locator('main').textContent()) ?? '';
  assert.ok(text.includes(firstAnswer) && text.includes(secondAnswer) && text.includes('路口还是没有修好'));
  assert.ok(!text.includes('办理期限'), 'no deadline shown once closed');
  assert.equal(await citizen.getByRole('heading', { name: '评价办理结果' }).count(), 0);
  assert.deepEqual(await stepsOn(citizen), [
    { label: '提交诉求', time: at('09:00') },
    { label: '已转交', time: at('09:00') },
    { label: '已受理', time: at('11:00') },
    { label: '已答复', time: at('11:00') },
    { label: '已评价', time: at('12:00') },
    { label: '重新办理', time: at('12:00') },
    { label: '已答复', time: at('13:00') },
    { label: '已评价', time: at('14:00') },
    { label: '已办结', time: at('14:00') },
  ]);
  await checkA11y(citizen, 'tracking page, closed', h5);
  const [done] = await h.app.db.query<{ status: string; rating: string }>(
    'select status, rating from concerns where id = $1',
    [concernId],
  );
  assert.deepEqual(done, { status: 'closed', rating: 'satisfied' });
  assert.deepEqual(phoneCtx.errors, []);
  assert.deepEqual(memberCtx?.errors, []);
  await phoneCtx.context.close();
  await memberCtx?.context.close();
});

// --- Retries: a double tap or a flaky 4G connection makes one concern -------------------

test('a retried submission with the same key makes one concern and gets the same tracking code', async () => {
  const { context, page } = await openPhone(h, { ip: '10.20.0.2' });
  const count = async (text: string) =>
    Number(
      (
        await h.app.db.query<{ n: number }>('select count(*)::int as n from concerns where body = $1', [text])
      )[0]!.n,
    );

  // 1. The no-script form: the form carries its key (hidden field k); the browser posts it
  //    again (resubmit after a lost answer) → the same tracking page, one row.
  const formText = '小区门口的井盖松动，车辆经过时声音很大。';
  await page.goto(`/s/${studio.code}/concern`);
  await page.getByLabel('类别').selectOption({ label: '基层治理' });
  await page.getByLabel(/您反映的问题或建议/).fill(formText);
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/concern'));
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const request = await posted;
  await page.waitForURL(/\/t\/[A-Z0-9]{10}\?new=1$/);
  const firstUrl = new URL(page.url()).pathname;
  // The form posts multipart/form-data (it has a photo field); its key is one of the parts.
  assert.match(request.headers()['content-type'] ?? '', /^multipart\/form-data; boundary=/);
  const key = /name="k"\r\n\r\n([^\r]*)\r\n/.exec(request.postData() ?? '')?.[1];
  assert.match(key ?? '', /^[0-9a-f]{24}$/, 'the form posts its key');
  const again = await page.request.post(request.url(), {
    headers: { 'content-type': request.headers()['content-type']! },
    data: request.postDataBuffer()!,
    maxRedirects: 0,
  });
  assert.equal(again.status(), 303);
  assert.equal(new URL(again.headers().location!, h.app.url).pathname, firstUrl);
  // A double tap on 提交: whatever the browser sends, still one concern.
  await page.goto(`/s/${studio.code}/concern`);
  const tapText = '公交站的候车亭顶棚漏雨。';
  await page.getByLabel('类别').selectOption({ label: '交通出行' });
  await page.getByLabel(/您反映的问题或建议/).fill(tapText);
  let tapPosts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/concern')) tapPosts++;
  });
  await page.getByRole('button', { name: '提交', exact: true }).dblclick();
  await page.waitForURL(/\/t\/[A-Z0-9]{10}\?new=1$/);
  await page.getByText('已收到您的诉求').waitFor();
  assert.ok(tapPosts >= 1);
  assert.equal(await count(formText), 1);
  assert.equal(await count(tapText), 1, `one concern from a double tap (${tapPosts} POSTs sent)`);

  // 2. The JSON API, retried with the same Idempotency-Key (what a client does when the first
  //    answer never arrived): the replay carries the same code. Sent by the phone's request
  //    context, not a script on the public page: that page's CSP allows no script to fetch.
  const apiText = '村里的自来水最近总有异味。';
  const send = async () => {
    const r = await page.request.post('/api/public/concerns', {
      headers: { 'content-type': 'application/json', 'idempotency-key': 'e2e-retry-7f3a9c21' },
      data: { studioCode: studio.code, category: 'environment', text: apiText },
    });
    return { status: r.status(), replay: r.headers()['idempotent-replay'] ?? null, body: await r.json() };
  };
  const replies = [await send(), await send()];
  assert.equal(replies[0]!.status, 200, JSON.stringify(replies[0]));
  assert.equal(replies[1]!.status, 200, JSON.stringify(replies[1]));
  assert.equal(replies[0]!.replay, null);
  assert.equal(replies[1]!.replay, 'true');
  assert.match(replies[0]!.body.trackingCode, /^[A-Z0-9]{10}$/);
  assert.equal(replies[1]!.body.trackingCode, replies[0]!.body.trackingCode);
  assert.equal(await count(apiText), 1);
  await context.close();
});
