// Issue 12, delivery: while the SMS gateway is down staff see since when (Beijing time) and how
// many messages wait; a message given up after a day of failures is resent from the page, and
// the resend is audited. Axe on the page in both states.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chinaTime } from '../contracts/china-time.ts';
import { testPassword } from '../server/src/test-support/app.ts';
import { freshPhone, staffOf } from '../server/src/test-support/fixtures.ts';
import { enqueue } from '../server/src/modules/notify/outbox.ts';
import { checkA11y, logIn, openPage, startHarness } from './support.ts';
import type { Harness } from './support.ts';

let h: Harness;
before(async () => {
  h = await startHarness({ clock: 'manual' });
});
after(async () => {
  await h?.close();
});

test('staff see the SMS gateway outage, and resend a message given up after a day', async () => {
  const t = h.app.testApp;
  const county = await t.committee('131121');
  const phone = freshPhone();
  await enqueue(t.deps.db, t.deps, {
    channel: 'sms',
    kind: 'concern.answered',
    phoneSealed: t.deps.sealer.seal(phone),
    text: '【连心】您反映的问题已答复。',
    committeeId: county.id,
  });
  const real = t.deps.sms;
  t.deps.sms = { send: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.8:443')) };
  const downSince = h.app.clock.now();
  // The workers' ticks until the message is given up (a day of failures, and the backoff's
  // last wait of up to 7 h), the gateway refusing throughout.
  const givenUp = async () =>
    (
      await t.deps.db.query(
        `select 1 from outbox where kind = 'concern.answered' and given_up_at is not null`,
      )
    ).length > 0;
  for (let i = 0; i < 32 * 6 && !(await givenUp()); i++) {
    await h.app.runJobs();
    h.app.clock.advance(10 * 60_000);
  }
  assert.ok(await givenUp(), 'given up after a day');
  const staff = await staffOf(t, '131121');
  const { page } = await openPage(h);
  await logIn(page, staff.username, testPassword);
  await page.getByRole('heading', { name: '工作台', level: 1 }).waitFor();
  await page.getByRole('menuitem', { name: '发送失败' }).click();
  await page.getByRole('heading', { name: '发送失败与后台任务', level: 1 }).waitFor();
  await page.getByText(`短信网关自 ${chinaTime(downSince, 'minute')} 起无法连接`).waitFor();
  const row = page.getByRole('row').filter({ hasText: 'concern.answered' });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /ECONNREFUSED/);
  await checkA11y(page, 'failed work, gateway down');

  // The gateway answers again; staff resend the given-up message.
  t.deps.sms = real;
  await row.getByRole('button', { name: '重新发送' }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await page.getByText('已重新排队发送').waitFor();
  await page.getByText('没有发送失败的消息或任务').waitFor();
  h.app.clock.advance(10 * 60_000); // past the circuit's pause: the resent message is its probe
  await h.app.runJobs();
  await h.app.runJobs();
  assert.equal(h.app.sms.sent.filter((m) => m.to === phone).length, 1, 'delivered once');
  await page.reload();
  await page.getByText('没有发送失败的消息或任务').waitFor();
  assert.equal(await page.getByText('短信网关自').count(), 0, 'the outage banner is gone');
  await checkA11y(page, 'failed work, all clear');
  const audit = await t.deps.db.query<{ actor_name: string }>(
    `select actor_name from audit_log where action = 'jobs.retry' and result = 'ok'`,
  );
  assert.deepEqual(
    audit.map((a) => a.actor_name),
    [staff.username],
  );
});
