import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobTick } from '../../jobs/worker.ts';
import { memberAccount, memberWithQr, staffOf, submittedConcern } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { checkDeadlines, concernJobHandlers, concernRecurringJobs, deadlineCheckKind } from './deadlines.ts';

// Deadline reminders as a job, with the manual clock: exact instants, no sleeps.
eachBackend('concern deadlines', (t) => {
  const hour = 3600_000;

  const tick = () => jobTick(t().deps, concernJobHandlers, concernRecurringJobs);
  const notices = async (concernId: string, kind: string) =>
    t().deps.db.query<{ recipient: string; payload: { concernId: string; title: string } }>(
      `select recipient, payload from outbox
        where channel = 'in_app' and audience = 'person' and kind = $1 and payload->>'concernId' = $2`,
      [kind, concernId],
    );
  const events = async (concernId: string, kind: string) =>
    t().deps.db.query<{ actor_kind: string; detail: { dueAt: string } }>(
      'select actor_kind, detail from concern_events where concern_id = $1 and kind = $2',
      [concernId, kind],
    );

  /**
   * A concern a citizen sent just now to a new member of the county, whose staff account has an
   * email address. Each test takes a county of its own: the county's bell and the member's inbox
   * hold that test's concern alone.
   */
  const concernIn = async (region: string) => {
    const staff = await staffOf(t(), region);
    const email = `dl.staff.${region}@zaoqiang.example`;
    await t().deps.db.query('update accounts set email = $2 where id = $1', [staff.accountId, email]);
    const m = await memberWithQr(t(), region);
    const member = await memberAccount(t(), m);
    const c = await submittedConcern(t(), {
      memberCode: m.code,
      category: 'transport',
      text: '桥面有坑，雨天积水。',
    });
    const [k] = await t().deps.db.query<{ due_at: Date }>('select due_at from concerns where id = $1', [
      c.id,
    ]);
    return { personId: m.personId, concernId: c.id, dueAt: new Date(k!.due_at), staff, member, email };
  };
  /** The sweeps of the concern's last day: its reminder, then past the deadline. */
  const remindedThenOverdue = async (dueAt: Date) => {
    t().clock.set(new Date(dueAt.getTime() - 23 * hour));
    await tick();
    t().clock.set(new Date(dueAt.getTime() + 1));
    await tick();
  };

  test('nothing to remind while the deadline is more than a day away', async () => {
    const { concernId, dueAt } = await concernIn('131121');
    t().clock.set(new Date(dueAt.getTime() - 24 * hour - 1));
    assert.deepEqual(await t().deps.db.tx((q) => checkDeadlines(q, t().deps)), { dueSoon: 0, overdue: 0 });
    await tick();
    assert.equal((await notices(concernId, 'concern.due_soon')).length, 0);
  });

  test('23 h before the deadline: one reminder to the member, however often the sweep runs', async () => {
    const { concernId, dueAt, personId, member: m } = await concernIn('131122');
    t().clock.set(new Date(dueAt.getTime() - 23 * hour));
    const r = await tick();
    assert.equal(r.done, 1);
    const jobs = await t().deps.db.query<{ done_at: Date | null }>(
      `select done_at from jobs where kind = $1 order by run_at desc limit 1`,
      [deadlineCheckKind],
    );
    assert.ok(jobs[0]?.done_at, 'the deadline_check job ran and is done');
    // The same period again, a later period, and a direct sweep: still one reminder.
    await tick();
    t().clock.advance(10 * 60_000);
    assert.equal((await tick()).done, 1);
    assert.deepEqual(await t().deps.db.tx((q) => checkDeadlines(q, t().deps)), { dueSoon: 0, overdue: 0 });
    const sent = await notices(concernId, 'concern.due_soon');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.recipient, personId);
    assert.match(sent[0]!.payload.title, /24小时内到期/);
    const ev = await events(concernId, 'due_soon');
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.actor_kind, 'system');
    assert.equal(ev[0]!.detail.dueAt, dueAt.toISOString());
    assert.equal((await notices(concernId, 'concern.overdue')).length, 0);

    const member = await m.login();
    const notes = (await member.get('/api/notices')).json();
    assert.equal(
      notes.items.filter(
        (n: { kind: string; ref: { concernId?: string } }) =>
          n.kind === 'concern.due_soon' && n.ref.concernId === concernId,
      ).length,
      1,
    );
  });

  test('past the deadline: one overdue notice, and the inbox shows it overdue', async () => {
    const { concernId, dueAt, personId, member: m, staff: s, email } = await concernIn('131123');
    t().clock.set(new Date(dueAt.getTime() - 23 * hour));
    await tick();
    t().clock.set(new Date(dueAt.getTime() + 1));
    await tick();
    await tick();
    t().clock.advance(hour);
    await tick();
    assert.deepEqual(await t().deps.db.tx((q) => checkDeadlines(q, t().deps)), { dueSoon: 0, overdue: 0 });
    const sent = await notices(concernId, 'concern.overdue');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.recipient, personId);
    assert.equal((await events(concernId, 'overdue')).length, 1);
    assert.equal((await notices(concernId, 'concern.due_soon')).length, 1, 'no second reminder');
    // The committee's staff hear of it too: one in-app notice and one email to each address.
    const county = s.committee;
    const staffRows = await t().deps.db.query<{ channel: string; recipient: string }>(
      `select channel, recipient from outbox where kind = 'concern.overdue' and audience is distinct from 'person'
         and payload->>'concernId' = $1 order by channel`,
      [concernId],
    );
    assert.deepEqual(
      staffRows.map((r) => [r.channel, r.recipient]),
      [
        ['email', email],
        ['in_app', county.id],
      ],
    );
    const staffBell = (await (await s.login()).get('/api/notices')).json();
    assert.deepEqual(
      staffBell.items.map((n: { kind: string; ref: { concernId: string } }) => [n.kind, n.ref.concernId]),
      [['concern.overdue', concernId]],
    );

    const member = await m.login();
    const inbox = (await member.get('/api/concerns/inbox?bucket=overdue')).json();
    assert.deepEqual(
      inbox.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue]),
      [[concernId, true]],
    );
    assert.equal(inbox.counts.overdue, 1);
    // Staff see the system's steps in the concern's history.
    const staff = await s.login();
    const d = await staff.get(`/api/concerns/${concernId}`);
    assert.equal(d.statusCode, 200, d.body);
    assert.deepEqual(
      d
        .json()
        .events.map((e: { kind: string }) => e.kind)
        .filter((k: string) => k === 'due_soon' || k === 'overdue'),
      ['due_soon', 'overdue'],
    );
  });

  test('an extended deadline earns its own reminder, once', async () => {
    const { concernId, dueAt, staff: s } = await concernIn('131124');
    await remindedThenOverdue(dueAt);
    const staff = await s.login();
    const r = await staff.send('POST', `/api/concerns/${concernId}/extend`, {
      days: 2,
      reason: '需现场勘查',
    });
    assert.equal(r.statusCode, 200, r.body);
    const [k] = await t().deps.db.query<{ due_at: Date }>('select due_at from concerns where id = $1', [
      concernId,
    ]);
    const newDue = new Date(k!.due_at);
    t().clock.set(new Date(newDue.getTime() - 23 * hour));
    await tick();
    await tick();
    assert.equal((await notices(concernId, 'concern.due_soon')).length, 2);
    assert.equal((await notices(concernId, 'concern.overdue')).length, 1);
  });

  test('answered concerns are left alone', async () => {
    // Overdue once, then given a new deadline it would be reminded of, then answered.
    const { concernId, dueAt, staff: s } = await concernIn('131125');
    await remindedThenOverdue(dueAt);
    const staff = await s.login();
    const ext = await staff.send('POST', `/api/concerns/${concernId}/extend`, {
      days: 2,
      reason: '需现场勘查',
    });
    assert.equal(ext.statusCode, 200, ext.body);
    await t().deps.db.query(`update concerns set status = 'answered' where id = $1`, [concernId]);
    t().clock.advance(30 * 86400_000);
    await tick();
    assert.equal((await notices(concernId, 'concern.overdue')).length, 1);
  });
});
