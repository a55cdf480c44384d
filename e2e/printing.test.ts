// Issue 11, printing as offices do it: a concern's handling sheet (办理单) on one A4 page, a
// studio's duty roster for a month, and a common issue's evidence page printed whole. Each is
// printed by Chromium in print media (page.pdf) and the PDF read back with poppler: what it
// says and how many pages it takes. axe on each page on screen.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { pdfText } from '../server/src/test-support/qr.ts';
import { approvedStudio, checkA11y, consoleAs, membersOf, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
let studio: { id: string; code: string };
let people: { id: string; name: string }[];
let sheet: { id: string; trackingCode: string; phone: string };
const staffUser = 'pr_staff';
const region = '131121';
const lampTexts = Array.from(
  { length: 28 },
  (_, i) =>
    [
      `建设路路灯坏了好几天，晚上黑漆漆的走路看不清（第${i + 1}位群众）`,
      `建设路的路灯不亮，夜里出门很不安全，请尽快维修路灯（第${i + 1}位）`,
      `反映建设路路灯长期不亮的问题，希望派人修一修路灯（${i + 1}）`,
      `晚上建设路一片漆黑，路灯一盏都不亮，孩子回家害怕（${i + 1}）`,
    ][i % 4]!,
);
const lampCodes: string[] = [];

const pages = (pdf: Buffer) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8'))![1]);
const pageText = (pdf: Buffer, n: number) =>
  execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), '-', '-'], { input: pdf }).toString(
    'utf8',
  );
/** What Chromium prints: A4, print media, the page's own @page margins (kept in $PRINT_DIR if set, to look at). */
const printPdf = async (page: Page, name: string) => {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  if (process.env.PRINT_DIR) writeFileSync(path.join(process.env.PRINT_DIR, `${name}.pdf`), pdf);
  return pdf;
};
const flat = (s: string) => s.replace(/\s+/g, '');

async function submit(body: Record<string, unknown>, ip: string) {
  const r = await h.app.testApp.app.inject({
    method: 'POST',
    url: '/api/public/concerns',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    payload: JSON.stringify(body),
  });
  assert.equal(r.statusCode, 200, r.body);
  const trackingCode = r.json().trackingCode as string;
  const [k] = await h.app.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    trackingCode,
  ]);
  return { id: k!.id, trackingCode };
}

before(async () => {
  h = await startHarness({ clock: 'manual' });
  people = await membersOf(h.app, region, 2);
  await h.app.testApp.account({ username: staffUser, role: 'staff', region });
  studio = await approvedStudio(h.app, { staffUser, region, name: '枣强县城关镇委员工作室', people });
  const staff = await h.app.testApp.login(staffUser);
  // A weekly reception day with both members, and a one-off free clinic.
  const rule = await staff.send('POST', `/api/studios/${studio.id}/duty-rules`, {
    freq: 'weekly',
    day: 3,
    startTime: '09:00',
    endTime: '11:30',
    personIds: people.map((p) => p.id),
    validFrom: '2026-01-01',
    note: '委员接待日',
  });
  assert.equal(rule.statusCode, 200, rule.body);
  // A concern with a verified phone, answered and rated: every field of the sheet is filled.
  const phone = '13966660101';
  const code = await h.app.testApp.app.inject({
    method: 'POST',
    url: '/api/public/sms-codes',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.60.0.1' },
    payload: JSON.stringify({ phone }),
  });
  assert.equal(code.statusCode, 200, code.body);
  const smsCode = /验证码是 (\d{6})/.exec(h.app.sms.last(phone)!.text)![1]!;
  const k = await submit(
    {
      studioCode: studio.code,
      category: 'transport',
      text: '城关镇建设路与人民路交叉口没有红绿灯，早晚上下学时段车多人多，孩子过马路很危险。',
      place: '城关镇建设路与人民路交叉口',
      phone,
      smsCode,
      consent: true,
    },
    '10.60.0.1',
  );
  sheet = { ...k, phone };
  assert.equal((await staff.send('POST', `/api/concerns/${k.id}/accept`)).statusCode, 200);
  const rep = await staff.send('POST', `/api/concerns/${k.id}/reply`, {
    text: '已联系县交警大队现场勘查，将于本月底前在该路口安装信号灯，并在上下学时段安排协管员。',
  });
  assert.equal(rep.statusCode, 200, rep.body);
  const rated = await h.app.testApp.app.inject({
    method: 'POST',
    url: `/api/public/concerns/${k.trackingCode}/rating`,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.60.0.1' },
    payload: JSON.stringify({ rating: 'satisfied', comment: '办得很快，谢谢！' }),
  });
  assert.equal(rated.statusCode, 200, rated.body);
  // Many reports of the same broken lamps: a common issue whose evidence runs past one page.
  for (const [i, text] of lampTexts.entries()) {
    lampCodes.push(
      (
        await submit(
          { studioCode: studio.code, category: 'livelihood', text, place: '建设路' },
          `10.61.0.${i + 1}`,
        )
      ).trackingCode,
    );
    h.app.clock.advance(5 * 60_000);
  }
  h.app.clock.advance(61_000);
  await h.app.runJobs();
});
after(async () => {
  await h?.close();
});

test('a concern’s handling sheet prints on one A4 page with every field and the signature lines', async () => {
  const { context, page, errors } = await consoleAs(h, staffUser);
  await page.goto(`/concerns/${sheet.id}`);
  await page.getByRole('heading', { name: `诉求 ${sheet.trackingCode}`, level: 1 }).waitFor();
  await page.getByRole('link', { name: '打印办理单' }).click();
  await page.getByRole('heading', { name: '群众诉求办理单', level: 1 }).waitFor();
  await page.getByRole('button', { name: /打\s*印/ }).waitFor();
  await checkA11y(page, 'the handling sheet');
  const pdf = await printPdf(page, 'handling-sheet');
  assert.equal(pages(pdf), 1, 'one A4 page');
  const text = flat(pdfText(pdf));
  const masked = `${sheet.phone.slice(0, 3)}****${sheet.phone.slice(-4)}`;
  for (const want of [
    '群众诉求办理单',
    sheet.trackingCode,
    '提交时间',
    '办理期限',
    '办结时间',
    masked,
    '孩子过马路很危险',
    '城关镇建设路与人民路交叉口',
    '枣强县城关镇委员工作室',
    '受理·',
    '答复群众·',
    '将于本月底前在该路口安装信号灯',
    '满意',
    '办得很快，谢谢！',
    '承办人（签字）',
    '审核人（签字）',
  ])
    assert.ok(text.includes(flat(want)), `the sheet says ${want}`);
  assert.ok(!text.includes(sheet.phone), 'the full phone number is not printed');
  assert.ok(!text.includes('退出登录'), 'the console around the sheet is not printed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a studio’s duty roster prints the month: each reception day with who is on duty', async () => {
  const { context, page, errors } = await consoleAs(h, staffUser);
  await page.goto(`/studios/${studio.id}`);
  await page.getByRole('heading', { name: '枣强县城关镇委员工作室', level: 1 }).waitFor();
  await page.getByRole('link', { name: /打印月值班表/ }).click();
  await page.getByRole('heading', { name: /委员值班表/, level: 1 }).waitFor();
  await page.getByLabel('月份').fill('2027-03');
  await page.getByRole('heading', { name: '枣强县城关镇委员工作室 2027年3月委员值班表', level: 1 }).waitFor();
  assert.match(page.url(), /[?&]month=2027-03/);
  await checkA11y(page, 'the duty roster print page');
  const pdf = await printPdf(page, 'duty-roster');
  assert.equal(pages(pdf), 1);
  const text = pdfText(pdf);
  // Wednesdays of March 2027: the 3rd, 10th, 17th, 24th and 31st.
  for (const d of [3, 10, 17, 24, 31]) assert.match(text, new RegExp(`3月${d}日\\s+周三\\s+09:00–11:30`));
  assert.equal(text.match(/3月\d+日/g)?.length, 5, 'only the month’s reception days');
  for (const p of people) assert.ok(text.includes(p.name), p.name);
  assert.ok(text.includes('县城人民路 1 号'), 'the address');
  assert.ok(!text.includes('退出登录'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a common issue’s evidence page prints whole: the summary on page 1, every concern in the list', async () => {
  const [issue] = await h.app.db.query<{ id: string }>(
    `select ci.id from common_issues ci join common_issue_concerns cc on cc.issue_id = ci.id
      join concerns k on k.id = cc.concern_id where k.tracking_code = $1`,
    [lampCodes[0]],
  );
  assert.ok(issue, 'the lamp reports formed a common issue');
  const { context, page, errors } = await consoleAs(h, staffUser);
  await page.goto(`/common-issues/${issue.id}`);
  await page.locator('.lx-ci-evidence').getByText(lampCodes[0]!).waitFor();
  await checkA11y(page, 'the common issue page');
  const pdf = await printPdf(page, 'common-issue');
  const n = pages(pdf);
  assert.ok(n >= 2, `the list runs on (${n} pages)`);
  const first = flat(pageText(pdf, 1));
  for (const want of ['概况', '关键词', '每日诉求数'])
    assert.ok(first.includes(want), `page 1 has more than the title (${want}):\n${pageText(pdf, 1)}`);
  const all = flat(pdfText(pdf));
  const codes = (
    await h.app.db.query<{ tracking_code: string }>(
      `select k.tracking_code from common_issue_concerns cc join concerns k on k.id = cc.concern_id
        where cc.issue_id = $1`,
      [issue.id],
    )
  ).map((r) => r.tracking_code);
  assert.ok(codes.length >= 5, `${codes.length} concerns in the issue`);
  const missing = codes.filter((c) => !all.includes(c));
  assert.deepEqual(missing, [], 'every concern of the issue is printed');
  assert.deepEqual(errors, []);
  await context.close();
});
