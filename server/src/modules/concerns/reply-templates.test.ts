import assert from 'node:assert/strict';
import { test } from 'node:test';
import { departmentOf, memberAccount, newMember, staffOf } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// Reply templates: staff of a committee keep them; members and departments of that committee
// and of the committees below read them; nobody else sees or changes them.

eachBackend('concerns: reply templates', (t) => {
  test('staff keep templates; those below use them; others neither see nor change them', async () => {
    const city = await staffOf(t(), '131100');
    const county = await staffOf(t(), '131121');
    const neighbour = await staffOf(t(), '131122');
    const body = {
      committeeId: city.committee.id,
      title: '转12345热线',
      body: '您反映的问题已转12345热线办理，请留意回访。',
    };
    const made = await city.session.send('POST', '/api/reply-templates', body);
    assert.equal(made.statusCode, 200, made.body);
    const id = made.json().id as string;
    const own = await county.session.send('POST', '/api/reply-templates', {
      committeeId: county.committee.id,
      title: '政策解释：城乡居民医保缴费',
      body: '城乡居民医保按年度缴费，缴费期为每年9月至12月。',
    });
    assert.equal(own.statusCode, 200, own.body);

    // A member and a department of the county read both, their own committee's first.
    const member = (await memberAccount(t(), await newMember(t(), '131121'))).session;
    const dept = await departmentOf(t(), '131121', { by: county.session });
    for (const who of [member, dept.session]) {
      const list = await who.get('/api/reply-templates');
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual(
        list.json().items.map((x: { title: string }) => x.title),
        ['政策解释：城乡居民医保缴费', '转12345热线'],
      );
    }
    // The neighbouring county reads the city's, not the county's; it may not change the city's.
    assert.deepEqual(
      (await neighbour.session.get('/api/reply-templates')).json().items.map((x: { id: string }) => x.id),
      [id],
    );
    assert.equal(
      (await neighbour.session.send('PATCH', `/api/reply-templates/${id}`, { title: 'x' })).statusCode,
      404,
    );
    assert.equal((await neighbour.session.send('DELETE', `/api/reply-templates/${id}`)).statusCode, 404);
    assert.equal(
      (await neighbour.session.send('POST', '/api/reply-templates', { ...body, title: '别人的' })).statusCode,
      404,
    );
    // Members may not write templates; a title is required and one line.
    assert.equal((await member.send('POST', '/api/reply-templates', body)).statusCode, 403);
    const bad = await city.session.send('POST', '/api/reply-templates', { ...body, title: '一\n二' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, 'body.title');

    // Edit, then delete: each audited; the list of the committee says so.
    const edited = await city.session.send('PATCH', `/api/reply-templates/${id}`, {
      body: '已转12345热线。',
    });
    assert.equal(edited.json().body, '已转12345热线。');
    assert.equal(edited.json().title, '转12345热线');
    const mine = (await city.session.get(`/api/reply-templates?committeeId=${city.committee.id}`)).json();
    assert.deepEqual(
      mine.items.map((x: { id: string }) => x.id),
      [id],
    );
    assert.equal((await city.session.send('DELETE', `/api/reply-templates/${id}`)).statusCode, 200);
    assert.equal((await county.session.get('/api/reply-templates')).json().items.length, 1);
    const audit = await t().deps.db.query<{ action: string }>(
      `select action from audit_log where target_id = $1 and result = 'ok' order by at, action`,
      [id],
    );
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'concerns.template_create',
      'concerns.template_delete',
      'concerns.template_update',
    ]);
  });
});
