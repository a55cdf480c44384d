import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { approvedStudio, checkA11y, consoleAs, membersOf, startHarness } from './support.ts';
import type { Harness } from './support.ts';

// The concern page in English (issue 11): the routing suggestion's reasons and the history
// read whole in English, with half-width brackets — no "citizen's choice（通过本工作室的二维码反映）".

let h: Harness;
let studioCode: string;

before(async () => {
  h = await startHarness();
  const people = await membersOf(h.app, '131121', 1);
  await h.app.testApp.account({ username: 'zq_en', role: 'staff', region: '131121' });
  studioCode = (
    await approvedStudio(h.app, {
      staffUser: 'zq_en',
      region: '131121',
      name: '枣强县交通委员工作室',
      people,
    })
  ).code;
});
after(async () => {
  await h?.close();
});

test('English console: routing reasons and history in English, half-width brackets', async () => {
  const r = await h.app.testApp.app.inject({
    method: 'POST',
    url: '/api/public/concerns',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.42.1.1' },
    payload: JSON.stringify({ studioCode, category: 'transport', text: '公交站牌被撞倒，老人找不到车站。' }),
  });
  assert.equal(r.statusCode, 200, r.body);
  const code: string = r.json().trackingCode;
  const [k] = await h.app.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    code,
  ]);
  const staff = await consoleAs(h, 'zq_en');
  await staff.page.getByRole('button', { name: 'English' }).click();
  await staff.page.goto(`/concerns/${k!.id}`);
  await staff.page.getByRole('heading', { name: `Concern ${code}`, level: 1 }).waitFor();
  const card = staff.page.locator('.lx-routing').first();
  await card.getByText("citizen's choice (through this studio's QR code)").waitFor();
  const routing = (await staff.page.locator('.lx-routing').allInnerTexts()).join('\n');
  assert.ok(!/[（）；：]/.test(routing), `no full-width punctuation in English: ${routing}`);
  assert.ok(!routing.includes('通过本工作室'), routing);
  await staff.page
    .locator('.ant-timeline')
    .getByText(/^System routed it to /)
    .waitFor();
  await staff.page.getByRole('button', { name: 'More actions' }).waitFor();
  await checkA11y(staff.page, 'the concern page in English');
  await staff.context.close();
});
