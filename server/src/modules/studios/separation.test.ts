import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Session } from '../../test-support/app.ts';
import { memberAccount, newMember, staffOf, unique } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// Separation of duties (contracts/studio-workflow.ts): whoever submitted a studio for approval
// may not review it; another staff account of the same committee or of one above may. A
// committee's admin may waive it for a very small office; the review's audit row says so.

eachBackend('studio separation of duties', (t) => {
  /** A studio of the region's committee, created and submitted by `by`. */
  const submitted = async (by: Session, region: string) => {
    const committeeId = (await t().committee(region)).id;
    const created = await by.send('POST', '/api/studios', {
      committeeId,
      name: unique('审批分离委员工作室'),
      kind: 'regional',
    });
    assert.equal(created.statusCode, 200, created.body);
    const id: string = created.json().id;
    const s = await by.send('POST', `/api/studios/${id}/submit`);
    assert.equal(s.statusCode, 200, s.body);
    return { id, committeeId, studio: s.json() };
  };
  const approve = (s: Session, id: string) =>
    s.send('POST', `/api/studios/${id}/review`, { decision: 'approve' });
  const reviewAudit = async (id: string) =>
    t().deps.db.query<{
      action: string;
      result: string;
      status: number;
      actor_name: string;
      detail: unknown;
    }>(
      `select action, result, status, actor_name, detail from audit_log
        where target_id = $1 and action in ('studios.approve', 'studios.reject', 'studios.review') order by at, id`,
      [id],
    );

  test('the submitter may neither approve nor reject: 403 studios.same_reviewer, and the refusal is audited', async () => {
    const a = await staffOf(t(), '131121');
    const { id, studio } = await submitted(a.session, '131121');
    assert.equal(studio.submittedBy, a.accountId);
    assert.equal(studio.separateDuties, true);
    const r = await approve(a.session, id);
    assert.equal(r.statusCode, 403, r.body);
    assert.equal(r.json().error.code, 'studios.same_reviewer');
    assert.match(r.json().error.messages['zh-CN'], /其他工作人员/);
    assert.match(r.json().error.messages.en, /another staff account/);
    const rej = await a.session.send('POST', `/api/studios/${id}/review`, {
      decision: 'reject',
      reason: '自己退回',
    });
    assert.equal(rej.json().error.code, 'studios.same_reviewer');
    assert.equal((await a.session.get(`/api/studios/${id}`)).json().status, 'submitted');
    // Refusals are recorded after the answer (app.ts onResponse): wait for both rows.
    let rows = await reviewAudit(id);
    for (let i = 0; i < 50 && rows.length < 2; i++) {
      await new Promise((ok) => setTimeout(ok, 20));
      rows = await reviewAudit(id);
    }
    assert.deepEqual(
      rows.map((x) => `${x.action} ${x.result} ${x.status} ${x.actor_name}`),
      [`studios.review denied 403 ${a.username}`, `studios.review denied 403 ${a.username}`],
    );
  });

  test('another staff account of the same committee approves; the audit row names the submitter', async () => {
    const a = await staffOf(t(), '131121');
    const b = await staffOf(t(), '131121');
    const { id } = await submitted(a.session, '131121');
    const r = await approve(b.session, id);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'approved');
    const [row] = await reviewAudit(id);
    assert.equal(row!.actor_name, b.username);
    assert.deepEqual(row!.detail, { reason: null, submittedBy: a.accountId, separationOfDuties: 'kept' });
  });

  test("a higher committee's staff approves; a member, or a committee beside it, may not", async () => {
    const a = await staffOf(t(), '131121');
    const { id } = await submitted(a.session, '131121');
    const m = await newMember(t(), '131121', { by: a.session });
    const member = await memberAccount(t(), m);
    const r = await approve(member.session, id);
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().error.code, 'auth.forbidden');
    const beside = await staffOf(t(), '131122');
    assert.equal((await approve(beside.session, id)).statusCode, 404);
    const city = await staffOf(t(), '131100');
    const ok = await approve(city.session, id);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'approved');
  });

  test('with the setting off the submitter may approve, and the audit row says it was waived', async () => {
    // A county of its own: the setting is the committee's, and other tests keep it on.
    const region = '131122';
    const committeeId = (await t().committee(region)).id;
    const admin = await staffOf(t(), region, 'admin');
    const staff = await staffOf(t(), region);
    const off = { separateDuties: false };
    // Only an admin whose scope holds the committee changes it.
    assert.equal(
      (await staff.session.send('PATCH', `/api/committees/${committeeId}/settings`, off)).statusCode,
      403,
    );
    const otherAdmin = await staffOf(t(), '130100', 'admin');
    assert.equal(
      (await otherAdmin.session.send('PATCH', `/api/committees/${committeeId}/settings`, off)).statusCode,
      404,
    );
    const set = await admin.session.send('PATCH', `/api/committees/${committeeId}/settings`, off);
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().separateDuties, false);
    try {
      const [changed] = await t().deps.db.query<{ actor_name: string; detail: unknown }>(
        `select actor_name, detail from audit_log where action = 'committees.settings' and target_id = $1 and result = 'ok'
          order by at desc, id limit 1`,
        [committeeId],
      );
      assert.equal(changed!.actor_name, admin.username);
      assert.deepEqual(changed!.detail, { separateDuties: { from: true, to: false } });

      const { id, studio } = await submitted(staff.session, region);
      assert.equal(studio.separateDuties, false);
      const r = await approve(staff.session, id);
      assert.equal(r.statusCode, 200, r.body);
      const [row] = await reviewAudit(id);
      assert.equal(row!.action, 'studios.approve');
      assert.equal(row!.actor_name, staff.username);
      assert.deepEqual(row!.detail, {
        reason: null,
        submittedBy: staff.accountId,
        separationOfDuties: 'waived_by_committee_setting',
      });
    } finally {
      const back = await admin.session.send('PATCH', `/api/committees/${committeeId}/settings`, {
        separateDuties: true,
      });
      assert.equal(back.statusCode, 200, back.body);
    }
    // On again: the submitter is refused once more.
    const { id } = await submitted(staff.session, region);
    assert.equal((await approve(staff.session, id)).json().error.code, 'studios.same_reviewer');
  });
});
