import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Workbench } from '../../../../contracts/workbench.ts';
import type { Session, TestApp } from '../../test-support/app.ts';
import {
  approvedStudio,
  memberAccount,
  staffOf,
  submittedConcern,
  unique,
} from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

type Counter = { key: string; count: number; link: { path: string; query: Record<string, string> } | null };

/** The total the list behind a counter's link shows, asked with the link's own query. */
async function listTotal(s: Session, link: NonNullable<Counter['link']>): Promise<number> {
  const q = new URLSearchParams(link.query);
  const get = async (url: string) => {
    const r = await s.get(url);
    assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
    return r.json();
  };
  switch (link.path) {
    case '/concerns':
      return (await get(`/api/concerns?${q}`)).total;
    case '/studios':
      return (await get(`/api/studios?${q}`)).items.length;
    case '/common-issues':
      return (await get(`/api/common-issues?${q}`)).total;
    case '/inbox': {
      const bucket = q.get('tab') ?? 'all';
      q.delete('tab');
      q.set('bucket', bucket);
      return (await get(`/api/concerns/inbox?${q}`)).total;
    }
    default:
      return assert.fail(`no list at ${link.path}`);
  }
}

/** Every counter with a link equals its list's total; returns the counts by key. */
async function assertMatches(s: Session, counters: Counter[], where: string) {
  const out: Record<string, number> = {};
  for (const c of counters) {
    out[c.key] = c.count;
    if (c.link) assert.equal(await listTotal(s, c.link), c.count, `${where}: ${c.key}`);
  }
  return out;
}

async function workbenchOf(s: Session, committeeId?: string): Promise<Workbench> {
  const r = await s.get(`/api/workbench${committeeId ? `?committeeId=${committeeId}` : ''}`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

/**
 * In one county: a studio waiting for approval, a concern new at a studio, one back with the
 * staff (unassigned), one due within the day, one overdue, one the city handed down (followed
 * by the city), one passed up to the city (followed by the county), and a common issue past
 * the notice threshold.
 */
async function countyWork(t: TestApp, region: string) {
  const county = await staffOf(t, region);
  const city = await staffOf(t, `${region.slice(0, 4)}00`);
  const draft = await county.session.send('POST', '/api/studios', {
    committeeId: county.committee.id,
    name: unique('待审工作室'),
    kind: 'regional',
  });
  assert.equal(draft.statusCode, 200, draft.body);
  assert.equal((await county.session.send('POST', `/api/studios/${draft.json().id}/submit`)).statusCode, 200);
  const studio = await approvedStudio(t, { region, members: 2 });
  const lead = studio.members[0]!;
  const concern = () =>
    submittedConcern(t, { studioCode: studio.code, text: `${unique('井盖')}缺失，夜里危险。` });
  await concern(); // new, at the studio
  const back = await concern();
  const tr = await county.session.send('POST', `/api/concerns/${back.id}/transfer`, { reason: '需机关交办' });
  assert.equal(tr.statusCode, 200, tr.body);
  const soon = await concern();
  const due = new Date(t.clock.now().getTime() + 3600_000).toISOString();
  const dl = await county.session.send('POST', `/api/concerns/${soon.id}/deadline`, {
    dueAt: due,
    reason: '群众急需',
  });
  assert.equal(dl.statusCode, 200, dl.body);
  const late = await concern();
  await t.deps.db.query('update concerns set due_at = $2 where id = $1', [
    late.id,
    new Date(t.clock.now().getTime() - 3600_000),
  ]);
  // The city picks one up from its own level and hands it down to the county's studio.
  const up = await concern();
  const esc = await county.session.send('POST', `/api/concerns/${up.id}/escalate`, { reason: '涉及市级' });
  assert.equal(esc.statusCode, 200, esc.body);
  const down = await city.session.send('POST', `/api/concerns/${up.id}/assign`, {
    committeeId: county.committee.id,
    studioId: studio.id,
    reason: '由县级工作室办理',
  });
  assert.equal(down.statusCode, 200, down.body);
  // And one the county passes up that stays with the city: the county follows it.
  const kept = await concern();
  const keptUp = await county.session.send('POST', `/api/concerns/${kept.id}/escalate`, {
    reason: '涉及市级',
  });
  assert.equal(keptUp.statusCode, 200, keptUp.body);
  const at = t.clock.now();
  await t.deps.db.query(
    `insert into common_issues (id, committee_id, title, concern_count, studio_count, created_at, updated_at)
     values ($1, $2, '井盖缺失', 6, 1, $3, $3)`,
    [`g-${crypto.randomUUID()}`, county.committee.id, at],
  );
  return { county, city, studio, lead };
}

eachBackend('workbench', (t) => {
  test('a county: every counter equals the total of the list it links to, and counts only the county', async () => {
    const { county } = await countyWork(t(), '131122');
    const wb = await workbenchOf(county.session);
    assert.equal(wb.committee.id, county.committee.id);
    assert.equal(wb.member, null);
    assert.deepEqual(wb.staff!.children, [], 'a county has no committee below');
    const n = await assertMatches(county.session, wb.staff!.counters, 'county');
    assert.deepEqual(n, {
      studiosPending: 1,
      concernsNew: 5, // none accepted yet: the one back with the staff and the one handed down too
      concernsUnassigned: 1,
      concernsDueSoon: 1,
      concernsOverdue: 1,
      concernsFollowed: 1, // handed up twice: one came back, one is still with the city
      commonIssuesGrown: 1,
    });
    assert.equal(
      wb.staff!.counters.find((c) => c.key === 'failedWork'),
      undefined,
      'failed work is for admins',
    );
    // Another county's work is not the county's.
    await countyWork(t(), '131124');
    const again = await assertMatches(
      county.session,
      (await workbenchOf(county.session)).staff!.counters,
      'county',
    );
    assert.deepEqual(again, n);
  });

  test('a city: its own counters and one row per county, each equal to the list filtered to it; another city never counted', async () => {
    const { city } = await countyWork(t(), '131123');
    const wb = await workbenchOf(city.session);
    const own = await assertMatches(city.session, wb.staff!.counters, 'city');
    assert.ok(own.concernsFollowed! >= 1, 'the city follows what it handed down');
    const rows = wb.staff!.children;
    const counties = await t().deps.db.query<{ id: string }>(
      'select id from committees where parent_id = $1 order by path',
      [city.committee.id],
    );
    assert.deepEqual(
      rows.map((r) => r.committeeId),
      counties.map((c) => c.id),
    );
    for (const row of rows) {
      for (const c of row.counters) assert.equal(c.link?.query.committeeId, row.committeeId);
      await assertMatches(city.session, row.counters, row.name);
    }
    const c123 = await t().committee('131123');
    const row = await assertMatches(
      city.session,
      rows.find((r) => r.committeeId === c123.id)!.counters,
      '131123',
    );
    assert.equal(row.concernsOverdue, 1);
    assert.equal(row.studiosPending, 1);
    assert.equal(row.concernsFollowed, 1, "the county's row: what the county handed on and is elsewhere");
    // Drill down: the county's workbench as the city sees it is the county's row.
    const drilled = await workbenchOf(city.session, c123.id);
    assert.equal(drilled.committee.parentId, city.committee.id);
    assert.deepEqual(Object.fromEntries(drilled.staff!.counters.map((c) => [c.key, c.count])), row);
    // Work in the other city's counties changes nothing here.
    await countyWork(t(), '130102');
    const after = await workbenchOf(city.session);
    assert.deepEqual(await assertMatches(city.session, after.staff!.counters, 'city again'), own);
    // …and a county cannot look at the city, nor the city at the other city.
    const county = await staffOf(t(), '131123');
    assert.equal(
      (await county.session.get(`/api/workbench?committeeId=${city.committee.id}`)).statusCode,
      404,
    );
    const other = await t().committee('130100');
    assert.equal((await city.session.get(`/api/workbench?committeeId=${other.id}`)).statusCode, 404);
  });

  test('an admin also sees the failed work count', async () => {
    const admin = await staffOf(t(), '131125', 'admin');
    const wb = await workbenchOf(admin.session);
    const failed = wb.staff!.counters.find((c) => c.key === 'failedWork');
    assert.ok(failed, 'admins see failed work');
    const list = (await admin.session.get('/api/jobs/failed')).json();
    assert.equal(failed.count, list.total);
  });

  test('a member: inbox by state, their studios waiting, duty today and next', async () => {
    const studio = await approvedStudio(t(), { region: '131126', members: 2 });
    const lead = studio.members[0]!;
    const member = await memberAccount(t(), lead);
    const forLead = await submittedConcern(t(), { studioCode: studio.code, memberCode: lead.code });
    await submittedConcern(t(), { studioCode: studio.code }); // the studio's, no member picked
    const acc = await member.session.send('POST', `/api/concerns/${forLead.id}/accept`);
    assert.equal(acc.statusCode, 200, acc.body);
    // Duty: one slot later today, one in three days (China time), none for someone else.
    const now = t().clock.now();
    const slot = async (from: Date, personIds: string[]) => {
      const r = await studio.staff.session.send('POST', `/api/studios/${studio.id}/duty-slots`, {
        startsAt: from.toISOString(),
        endsAt: new Date(from.getTime() + 3600_000).toISOString(),
        personIds,
      });
      assert.equal(r.statusCode, 200, r.body);
    };
    const todayEnd = new Date(
      `${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)}T23:00:00+08:00`,
    );
    const later = new Date(Math.min(now.getTime() + 60_000, todayEnd.getTime() - 2 * 3600_000));
    await slot(later, [lead.personId]);
    await slot(new Date(now.getTime() + 3 * 86400_000), [lead.personId]);
    await slot(new Date(now.getTime() + 86400_000), [studio.members[1]!.personId]);
    const wb = await workbenchOf(member.session);
    assert.equal(wb.staff, null);
    const n = await assertMatches(member.session, wb.member!.counters, 'inbox');
    assert.deepEqual(n, { inboxNew: 1, inboxInProgress: 1, inboxOverdue: 0 });
    assert.deepEqual(
      wb.member!.studios.map((s) => [s.studioId, s.waiting]),
      [[studio.id, 1]],
    );
    assert.equal(await listTotal(member.session, wb.member!.studios[0]!.link), 1);
    const sameDay = new Date(later.getTime() + 8 * 3600_000).toISOString().slice(0, 10) === wb.today;
    assert.equal(wb.member!.dutyToday.length, sameDay ? 1 : 0);
    assert.equal(wb.member!.dutyNext?.studioName, studio.name);
    assert.ok(new Date(wb.member!.dutyNext!.startsAt) > now);
    // A member sees only their own workbench.
    const city = await t().committee('131100');
    assert.equal((await member.session.get(`/api/workbench?committeeId=${city.id}`)).statusCode, 403);
  });
});
