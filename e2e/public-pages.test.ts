import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { Response } from 'playwright-core';
import { approvedStudio, bodyOverflowX, checkA11y, membersOf, openPhone, startHarness } from './support.ts';
import type { Harness } from './support.ts';

// Issue 3: every page a citizen's phone opens is accessible (axe-core: no serious or
// critical violation) in each of its display modes, and the public studio page is light:
// the JS + CSS the browser downloads stays far under 150 KB gzipped (it should be ~0 JS).

const h5 = { settleMs: 0 }; // server-rendered, nothing animates

let h: Harness;
let studioCode: string;
let memberCode: string;
let tracking: { submitted: string; answered: string };

before(async () => {
  h = await startHarness({ clock: 'manual' });
  const people = await membersOf(h.app, '131121', 2);
  await h.app.testApp.account({ username: 'pp_staff', role: 'staff', region: '131121' });
  const s = await approvedStudio(h.app, {
    staffUser: 'pp_staff',
    region: '131121',
    name: '枣强县“有事好商量”委员工作室',
    people,
    dutyAt: h.app.clock.now(),
  });
  studioCode = s.code;
  memberCode = s.memberCodes.get(people[0]!.name)!;
  const submit = async (text: string) => {
    const r = await h.app.testApp.app.inject({
      method: 'POST',
      url: '/api/public/concerns',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.30.0.1' },
      payload: JSON.stringify({ studioCode, memberCode, category: 'livelihood', text, place: '城关镇' }),
    });
    assert.equal(r.statusCode, 200, r.body);
    return r.json().trackingCode as string;
  };
  tracking = {
    submitted: await submit('社区养老服务站周末不开门。'),
    answered: await submit('菜市场门口占道经营。'),
  };
  // The second one is answered, so its page shows the rating form.
  await h.app.testApp.account({ username: 'pp_staff2', role: 'staff', region: '131121' });
  const staff = await h.app.testApp.login('pp_staff2');
  const [k] = await h.app.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    tracking.answered,
  ]);
  assert.equal((await staff.send('POST', `/api/concerns/${k!.id}/accept`)).statusCode, 200);
  const rep = await staff.send('POST', `/api/concerns/${k!.id}/reply`, {
    text: '已请市场监管部门规范经营秩序。',
  });
  assert.equal(rep.statusCode, 200, rep.body);
});
after(async () => {
  await h?.close();
});

const modes = ['', '?large=1', '?contrast=1', '?large=1&contrast=1'];

test('axe-core finds nothing serious on any public page, in every display mode, on a phone', async () => {
  const { context, page, errors } = await openPhone(h, { ip: '10.30.0.2' });
  const visit = async (path: string, status: number, heading: string | RegExp) => {
    const res = await page.goto(path);
    assert.equal(res?.status(), status, path);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    assert.equal(await page.locator('script').count(), 0, `no script on ${path}`);
    assert.ok((await bodyOverflowX(page)) <= 0, `${path} scrolls sideways at 375 px`);
    await checkA11y(page, path, h5);
  };
  // Each mode on every page of the citizen's path: the form and tracking pages have them too.
  for (const m of modes) {
    await visit(`/s/${studioCode}${m}`, 200, /有事好商量/);
    await visit(`/m/${memberCode}${m}`, 200, / 委员$/);
    await visit(`/s/${studioCode}/concern${m}`, 200, '反映诉求');
    await visit(`/m/${memberCode}/concern${m}`, 200, '反映诉求');
    await visit(`/t${m}`, 200, '查询诉求办理进度');
    await visit(`/t/${tracking.answered}${m}`, 200, '诉求办理进度');
  }
  // The form sent back with its error messages (a phone without consent or code).
  await page.goto(`/s/${studioCode}/concern`);
  await page.getByLabel(/您反映的问题或建议/).fill('路灯不亮');
  await page.getByLabel('手机号').fill('13900001111');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: '同意' }).waitFor();
  await checkA11y(page, 'concern form with errors', h5);
  // A "photo" that is not an image: refused with its name, the text kept.
  await page.getByLabel('手机号').fill('');
  await page.getByLabel(/^照片（可不选/).setInputFiles({
    name: '现场.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('<html>not a photo</html>'),
  });
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: '现场.jpg' }).waitFor();
  assert.equal(await page.getByLabel(/您反映的问题或建议/).inputValue(), '路灯不亮');
  await checkA11y(page, 'concern form with a refused photo', h5);
  await visit(`/t/${tracking.submitted}`, 200, '诉求办理进度');
  await visit(`/t/${tracking.answered}`, 200, '诉求办理进度');
  await page.getByRole('radio', { name: '基本满意' }).waitFor();
  // Unknown codes: a friendly page, 404.
  await visit('/s/NOPE2345', 404, '未找到');
  await visit('/m/NOPE2345', 404, '未找到');
  await visit('/s/NOPE2345/concern', 404, '未找到');
  await visit('/t/ZZZZZZZZZZ', 404, '未找到');
  assert.deepEqual(errors, []);
  await context.close();
});

type Download = { url: string; type: string; bytes: number; gzip: number };

/** Loads a page in a fresh phone context and lists every response the browser received. */
async function downloads(path: string): Promise<Download[]> {
  const { context, page } = await openPhone(h, { ip: '10.30.0.3' });
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(path, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const out: Download[] = [];
  for (const r of responses) {
    const body = await r.body().catch(() => Buffer.alloc(0));
    out.push({
      url: new URL(r.url()).pathname,
      type: r.request().resourceType(),
      bytes: body.length,
      gzip: gzipSync(body).length,
    });
  }
  await context.close();
  return out;
}

test('the public studio page downloads no script and well under 150 KB of JS + CSS (gzipped)', async () => {
  const limit = 150 * 1024;
  const report: string[] = [];
  for (const path of [`/s/${studioCode}`, `/s/${studioCode}?large=1&contrast=1`, `/m/${memberCode}`]) {
    const got = await downloads(path);
    const doc = got.find((d) => d.type === 'document');
    assert.ok(doc, `the page itself for ${path}`);
    const scripts = got.filter((d) => d.type === 'script');
    const styles = got.filter((d) => d.type === 'stylesheet');
    assert.deepEqual(
      scripts.map((d) => d.url),
      [],
      `no script downloaded for ${path}`,
    );
    const jsCss = [...scripts, ...styles].reduce((n, d) => n + d.gzip, 0);
    // The CSS is inline in the page, so the whole document counts as well.
    const all = got.reduce((n, d) => n + d.gzip, 0);
    assert.ok(jsCss < limit, `${path}: ${jsCss} B of JS + CSS gzipped`);
    assert.ok(all < limit, `${path}: ${all} B in all gzipped`);
    report.push(
      `${path}: ${got.length} responses; external JS ${scripts.length} files, CSS ${styles.length} files = ${jsCss} B gz; ` +
        `HTML with inline CSS ${doc.bytes} B (${doc.gzip} B gz); everything ${all} B gz`,
    );
  }
  console.log(report.join('\n'));
});
