import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  approvedStudio,
  memberAccount,
  newMember,
  publicClient,
  staffOf,
  submittedConcern,
} from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// Handing a concern over: to another member, up a level and back down, with more time.
eachBackend('concerns: handover', (t) => {
  test('handing over: transfer within the county, escalate to the city, assign back down, extend; history kept', async () => {
    const { pub } = publicClient(t());
    const studio = await approvedStudio(t(), { members: 2 });
    const [lead, second] = studio.members;
    const outsider = await newMember(t(), '131121'); // of the county, not of the studio
    const county = await staffOf(t(), '131121');
    const city = await staffOf(t(), '131100');
    const member = await memberAccount(t(), lead!);
    const { id, trackingCode } = await submittedConcern(t(), {
      studioCode: studio.code,
      category: 'business',
      text: '企业开办手续多。',
    });
    const c121 = county.committee;
    const c11 = city.committee;
    const bad = await county.session.send('POST', `/api/concerns/${id}/transfer`, {
      personId: outsider.personId,
      studioId: studio.id,
      reason: '不在工作室',
    });
    assert.equal(bad.statusCode, 400);
    const tr = await county.session.send('POST', `/api/concerns/${id}/transfer`, {
      personId: second!.personId,
      studioId: studio.id,
      reason: '熟悉企业事务',
    });
    assert.equal(tr.statusCode, 200, tr.body);
    const esc = await county.session.send('POST', `/api/concerns/${id}/escalate`, { reason: '涉及市级审批' });
    assert.equal(esc.statusCode, 200, esc.body);
    // Above the county now: it follows it, read-only (its steps answer 404: not its to act on).
    const followed = await county.session.get(`/api/concerns/${id}`);
    assert.equal(followed.statusCode, 200, followed.body);
    assert.equal(followed.json().access, 'follow');
    assert.equal(followed.json().following.via, 'escalated');
    assert.match(followed.json().following.to, /衡水市/);
    assert.equal(
      (await county.session.send('POST', `/api/concerns/${id}/extend`, { days: 1, reason: '越级' }))
        .statusCode,
      404,
    );
    const atCity = (await city.session.get(`/api/concerns?committeeId=${c11.id}&status=submitted`)).json();
    assert.ok(
      atCity.items.some((i: { id: string; committeeId: string }) => i.id === id && i.committeeId === c11.id),
    );
    t().clock.advance(86400_000);
    // The day outlasts the sessions' idle timeout.
    const [cityNow, countyNow, memberNow] = [await city.login(), await county.login(), await member.login()];
    const down = await cityNow.send('POST', `/api/concerns/${id}/assign`, {
      committeeId: c121.id,
      personId: outsider.personId,
      reason: '由县政协委员跟进',
    });
    assert.equal(down.statusCode, 200, down.body);
    const before = (await countyNow.get(`/api/concerns/${id}`)).json();
    const ext = await countyNow.send('POST', `/api/concerns/${id}/extend`, {
      days: 10,
      reason: '需现场调研',
    });
    assert.equal(ext.statusCode, 200);
    const d = (await countyNow.get(`/api/concerns/${id}`)).json();
    assert.equal(Date.parse(d.dueAt) - Date.parse(before.dueAt), 10 * 86400_000);
    assert.equal(d.personId, outsider.personId);
    assert.deepEqual(
      d.events.map((e: { kind: string }) => e.kind),
      ['submitted', 'routed', 'transferred', 'escalated', 'assigned', 'extended'],
    );
    const escalated = d.events.find((e: { kind: string }) => e.kind === 'escalated');
    assert.deepEqual([escalated.fromCommitteeId, escalated.toCommitteeId], [c121.id, c11.id]);
    assert.equal(escalated.note, '涉及市级审批');
    const pubSteps = (await pub('GET', `/api/public/concerns/${trackingCode}`)).json().steps;
    assert.ok(
      pubSteps.every((s: { text: string | null }) => s.text === null),
      'internal reasons stay inside',
    );
    assert.equal(
      (await memberNow.send('POST', `/api/concerns/${id}/assign`, { committeeId: c121.id })).statusCode,
      403,
    );
    const [audited] = await t().deps.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where target_id = $1 and result = 'ok' and action in ('concerns.transfer','concerns.escalate','concerns.assign','concerns.extend')`,
      [id],
    );
    assert.equal(Number(audited!.n), 4);
  });

  test('a hand-over to another committee starts the deadline staff set, or the standard one; never a past one', async () => {
    const studio = await approvedStudio(t(), { members: 1 });
    const county = await staffOf(t(), '131121');
    const city = await staffOf(t(), '131100');
    const member = await memberAccount(t(), studio.members[0]!);
    const k = await submittedConcern(t(), {
      studioCode: studio.code,
      category: 'business',
      text: '审批慢。',
    });
    const now = t().clock.now().getTime();
    const past = new Date(now - 60_000).toISOString();
    const bad = await county.session.send('POST', `/api/concerns/${k.id}/escalate`, {
      reason: '市级',
      dueAt: past,
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.code, 'concerns.deadline_past');
    // A member passes on what they hold; the other committee's deadline is the staff's to set.
    const byMember = await (
      await member.login()
    ).send('POST', `/api/concerns/${k.id}/escalate`, {
      reason: '市级',
      dueAt: new Date(now + 86400_000).toISOString(),
    });
    assert.equal(byMember.statusCode, 403, byMember.body);
    const chosen = '2026-12-31T17:00:00+08:00';
    const up = await county.session.send('POST', `/api/concerns/${k.id}/escalate`, {
      reason: '市级',
      dueAt: chosen,
    });
    assert.equal(up.statusCode, 200, up.body);
    const atCity = (await city.session.get(`/api/concerns/${k.id}`)).json();
    assert.equal(atCity.dueAt, new Date(chosen).toISOString());
    // Down again without a deadline: the standard 15 days from now, and it says so in the audit row.
    const down = await city.session.send('POST', `/api/concerns/${k.id}/assign`, {
      committeeId: county.committee.id,
    });
    assert.equal(down.statusCode, 200, down.body);
    const back = (await county.session.get(`/api/concerns/${k.id}`)).json();
    assert.equal(Date.parse(back.dueAt), t().clock.now().getTime() + 15 * 86400_000);
    assert.equal(back.access, 'handle');
    // Within the committee the deadline stays: a dueAt there is refused, not dropped.
    const same = await county.session.send('POST', `/api/concerns/${k.id}/assign`, {
      committeeId: county.committee.id,
      dueAt: chosen,
    });
    assert.equal(same.statusCode, 400, same.body);
    const [row] = await t().deps.db.query<{ detail: { dueAt?: string } }>(
      `select detail from audit_log where target_id = $1 and action = 'concerns.escalate' and result = 'ok'`,
      [k.id],
    );
    assert.equal(row!.detail.dueAt, new Date(chosen).toISOString());
  });
});
