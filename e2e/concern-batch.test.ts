import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { approvedStudio, checkA11y, consoleAs, membersOf, startHarness } from './support.ts';
import type { Harness } from './support.ts';

// Batch work on the staff concern list (issue 11): a county's staff check three concerns and
// pass them up in one go with one deadline; one was passed up meanwhile from another desk, so
// it is refused on its row while the other two go through, and all three are then followed
// under 本级转出/跟踪中. Manual clock: the dialog's default deadline is the app's day.

let h: Harness;
let studioCode: string;

before(async () => {
  h = await startHarness({ clock: 'manual' });
  h.app.clock.set(new Date('2026-11-23T09:00:00+08:00'));
  const people = await membersOf(h.app, '131121', 1);
  await h.app.testApp.account({ username: 'zq_batch', role: 'staff', region: '131121' });
  studioCode = (
    await approvedStudio(h.app, {
      staffUser: 'zq_batch',
      region: '131121',
      name: '枣强县民生委员工作室',
      people,
    })
  ).code;
});
after(async () => {
  await h?.close();
});

async function raised(text: string): Promise<{ id: string; code: string }> {
  const r = await h.app.testApp.app.inject({
    method: 'POST',
    url: '/api/public/concerns',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.41.1.1' },
    payload: JSON.stringify({ studioCode, category: 'transport', text }),
  });
  assert.equal(r.statusCode, 200, r.body);
  const code: string = r.json().trackingCode;
  const [k] = await h.app.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    code,
  ]);
  return { id: k!.id, code };
}

test('staff check concerns and pass them up in one go; a refused one is named on its row', async () => {
  const ks = [
    await raised('县城到市区的公交线路停运，上班族出行困难。'),
    await raised('跨县道路中断两公里，绕行二十分钟。'),
    await raised('市区方向的客运站迁址后没有接驳车。'),
  ];
  const county = await consoleAs(h, 'zq_batch', { now: h.app.clock.now() });
  await county.page.goto('/concerns');
  await county.page.getByRole('heading', { name: '诉求办理', level: 1 }).waitFor();
  for (const k of ks) await county.page.getByRole('checkbox', { name: `选择诉求 ${k.code}` }).check();
  const bar = county.page.getByRole('group', { name: '批量办理' });
  await bar.getByText('已选 3 件').waitFor();
  await checkA11y(county.page, 'the staff list with concerns checked');
  // Meanwhile a colleague passes the third one up from its own page.
  const desk = await h.app.testApp.login('zq_batch');
  const r = await desk.send('POST', `/api/concerns/${ks[2]!.id}/escalate`, { reason: '同事已报送' });
  assert.equal(r.statusCode, 200, r.body);

  await bar.getByRole('button', { name: '批量报送上级政协' }).click();
  const dialog = county.page.getByRole('dialog', { name: '报送上级政协' });
  await dialog.getByLabel('报送原因').fill('涉及跨县交通，需市政协统筹');
  assert.equal(await dialog.getByLabel('接收方的办理期限（北京时间）').inputValue(), '2026-12-08 09:00');
  const sent = county.page.waitForResponse((res) => res.url().endsWith('/api/concerns/batch'));
  await dialog.getByRole('button', { name: '报送上级政协' }).click();
  const res = await sent;
  assert.equal(res.status(), 200);
  const body = (await res.json()) as { results: { id: string; ok: boolean }[] };
  assert.deepEqual(
    body.results.map((x) => x.ok),
    [true, true, false],
  );
  const result = county.page.getByRole('dialog').filter({ hasText: '已办 2 件，未办 1 件' });
  await result.waitFor();
  await result.getByText(`${ks[2]!.code}：诉求不存在`).waitFor();
  await checkA11y(county.page, 'the batch result');
  await result.getByRole('button', { name: '关闭' }).click();

  // Each went through as its own step, with its own history and audit row.
  for (const k of ks.slice(0, 2)) {
    const [row] = await h.app.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where target_id = $1 and action = 'concerns.escalate' and result = 'ok'`,
      [k.id],
    );
    assert.equal(row!.n, 1);
  }
  // Off the county's own list, and all three followed under 本级转出/跟踪中.
  await county.page.locator('.ant-table-tbody').waitFor();
  for (const k of ks) assert.equal(await county.page.getByRole('link', { name: k.code }).count(), 0);
  await county.page.goto('/concerns?followed=true');
  for (const k of ks) await county.page.getByRole('link', { name: k.code, exact: true }).waitFor();
  assert.equal(await county.page.getByRole('group', { name: '批量办理' }).count(), 0, 'read-only: no batch');
  await county.context.close();
});
