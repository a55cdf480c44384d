import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvedStudio, memberAccount, staffOf, submittedConcern } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// Batch work on the staff list: one request, each concern its own step (history and audit row
// as on its page), a refused one reported on its row while the others go through.
eachBackend('concerns: batch', (t) => {
  test('assign many at once: each its own transition and audit row; partial failures per row', async () => {
    const studio = await approvedStudio(t(), { region: '131121', members: 1 });
    const other = await approvedStudio(t(), { region: '131124', members: 1 }); // another county
    const county = await staffOf(t(), '131121');
    const mine = [
      await submittedConcern(t(), { studioCode: studio.code, text: '路灯不亮，晚上出行不便。' }),
      await submittedConcern(t(), { studioCode: studio.code, text: '垃圾清运不及时。' }),
    ];
    const outside = await submittedConcern(t(), { studioCode: other.code, text: '另一县的诉求。' });
    const person = studio.members[0]!.personId;
    const r = await county.session.send('POST', '/api/concerns/batch', {
      action: 'assign',
      ids: [mine[0]!.id, outside.id, mine[1]!.id],
      committeeId: county.committee.id,
      studioId: studio.id,
      personId: person,
      reason: '同一片区，统一交办',
    });
    assert.equal(r.statusCode, 200, r.body);
    const results = r.json().results as {
      id: string;
      ok: boolean;
      code?: string;
      messages?: { en: string };
    }[];
    assert.deepEqual(
      results.map((x) => [x.id, x.ok, x.code ?? null]),
      [
        [mine[0]!.id, true, null],
        [outside.id, false, 'concerns.not_found'],
        [mine[1]!.id, true, null],
      ],
    );
    assert.ok(results[1]!.messages!.en.length > 0, 'the refusal in words');
    for (const k of mine) {
      const d = (await county.session.get(`/api/concerns/${k.id}`)).json();
      assert.equal(d.personId, person);
      assert.equal(d.events.filter((e: { kind: string }) => e.kind === 'assigned').length, 1);
    }
    const audit = await t().deps.db.query<{ target_id: string; result: string }>(
      `select target_id, result from audit_log where action = 'concerns.assign' and target_id = any($1::text[]) order by target_id`,
      [[mine[0]!.id, mine[1]!.id, outside.id]],
    );
    assert.deepEqual(
      audit.map((a) => [a.target_id, a.result]).sort(),
      [
        [mine[0]!.id, 'ok'],
        [mine[1]!.id, 'ok'],
        [outside.id, 'denied'],
      ].sort(),
    );
    // The other county's concern is untouched.
    const [o] = await t().deps.db.query<{ person_id: string | null }>(
      'select person_id from concerns where id = $1',
      [outside.id],
    );
    assert.equal(o!.person_id, null);
  });

  test('pass many up at once, with one deadline for the committee above; a member may not batch', async () => {
    const studio = await approvedStudio(t(), { region: '131121', members: 1 });
    const county = await staffOf(t(), '131121');
    const ks = [
      await submittedConcern(t(), { studioCode: studio.code, text: '跨县公交线路停运。' }),
      await submittedConcern(t(), { studioCode: studio.code, text: '跨县道路断头。' }),
    ];
    const dueAt = '2026-12-31T17:00:00+08:00';
    const r = await county.session.send('POST', '/api/concerns/batch', {
      action: 'escalate',
      ids: ks.map((k) => k.id),
      reason: '涉及市级统筹',
      dueAt,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.json().results.every((x: { ok: boolean }) => x.ok));
    for (const k of ks) {
      const d = (await county.session.get(`/api/concerns/${k.id}`)).json();
      assert.equal(d.access, 'follow', 'passed up: the county follows it');
      assert.equal(d.dueAt, new Date(dueAt).toISOString());
    }
    // Passed up already: a second try is refused per row, by the holder's scope.
    const again = await county.session.send('POST', '/api/concerns/batch', {
      action: 'escalate',
      ids: [ks[0]!.id],
      reason: '重复',
    });
    assert.equal(again.json().results[0].code, 'concerns.not_found');
    const bad = await county.session.send('POST', '/api/concerns/batch', {
      action: 'escalate',
      ids: [],
      reason: 'x',
    });
    assert.equal(bad.statusCode, 400);
    const member = await memberAccount(t(), studio.members[0]!);
    const refused = await member.session.send('POST', '/api/concerns/batch', {
      action: 'escalate',
      ids: [ks[1]!.id],
      reason: '委员批量',
    });
    assert.equal(refused.statusCode, 403, refused.body);
  });
});
