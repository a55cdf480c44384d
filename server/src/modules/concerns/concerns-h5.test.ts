import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvedStudio, freshIp, publicClient, staffOf } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';

// The citizen's H5 pages: the concern form from a studio's or member's page, tracking, rating.
eachBackend('concerns: H5 pages', (t) => {
  test('H5: the form from the studio page asks for a code and submits; the tracking page rates', async () => {
    const { form, lastCode } = publicClient(t());
    const studio = await approvedStudio(t(), { members: 1 });
    const { code: studioCode } = studio;
    const memberCode = studio.members[0]!.code;
    const county = (await staffOf(t(), '131121')).session;
    const studioPage = await t().app.inject({ method: 'GET', url: `/s/${studioCode}` });
    assert.ok(studioPage.body.includes(`href="/s/${studioCode}/concern"`), 'linked from the studio page');
    const memberPage = await t().app.inject({ method: 'GET', url: `/m/${memberCode}` });
    assert.ok(memberPage.body.includes(`href="/m/${memberCode}/concern"`), 'linked from the member page');
    const formPage = await t().app.inject({ method: 'GET', url: `/s/${studioCode}/concern` });
    assert.equal(formPage.statusCode, 200);
    assert.match(formPage.body, /个人信息/);
    const key = /name="k" value="([0-9a-f]{24})"/.exec(formPage.body)![1]!;
    const p = '13600003333';
    const ip = freshIp();
    const fields = {
      k: key,
      category: 'education',
      text: '<i>学校</i>门口缺少斑马线',
      place: '',
      phone: p,
      smsCode: '',
      memberCode: '',
    };
    const sent = await form(`/s/${studioCode}/concern`, { ...fields, action: 'code' }, ip);
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /验证码已发送/);
    assert.ok(sent.body.includes('&lt;i&gt;学校&lt;/i&gt;'), 'what was typed comes back, escaped');
    const smsCode = lastCode(p);
    const missing = await form(`/s/${studioCode}/concern`, { ...fields, smsCode, action: 'submit' }, ip);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /同意/);
    const ok = await form(
      `/s/${studioCode}/concern`,
      { ...fields, smsCode, consent: '1', action: 'submit' },
      ip,
    );
    assert.equal(ok.statusCode, 303, ok.body);
    const loc = String(ok.headers.location);
    assert.match(loc, /^\/t\/[A-Z0-9]{10}\?new=1$/);
    const twice = await form(
      `/s/${studioCode}/concern`,
      { ...fields, smsCode, consent: '1', action: 'submit' },
      ip,
    );
    assert.equal(twice.headers.location, loc, 'the same form posted twice is one concern');
    const code = loc.slice(3, 13);
    const track = await t().app.inject({ method: 'GET', url: loc });
    assert.equal(track.statusCode, 200);
    assert.ok(track.body.includes(code) && track.body.includes('已收到您的诉求'));
    assert.ok(!track.body.includes('3333'), 'no phone on the page');

    const id = (
      await t().deps.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [code])
    )[0]!.id;
    await county.send('POST', `/api/concerns/${id}/accept`);
    await county.send('POST', `/api/concerns/${id}/ask-info`, { text: '请说明是哪所学校' });
    const asked = await t().app.inject({ method: 'GET', url: `/t/${code}` });
    assert.match(asked.body, /补充材料/);
    assert.equal((await form(`/t/${code}/info`, { text: '城关第二小学' })).statusCode, 303);
    await county.send('POST', `/api/concerns/${id}/reply`, { text: '已协调交警部门施划斑马线。' });
    const withForm = await t().app.inject({ method: 'GET', url: `/t/${code}` });
    assert.match(withForm.body, /评价办理结果/);
    const badRating = await form(`/t/${code}/rating`, { rating: 'great' });
    assert.equal(badRating.statusCode, 400);
    assert.equal((await form(`/t/${code}/rating`, { rating: 'satisfied', comment: '谢谢' })).statusCode, 303);
    const closed = await t().app.inject({ method: 'GET', url: `/t/${code}` });
    assert.match(closed.body, /已办结/);
    assert.ok(!closed.body.includes('评价办理结果'));

    const memberForm = await t().app.inject({ method: 'GET', url: `/m/${memberCode}/concern` });
    assert.equal(memberForm.statusCode, 200);
    assert.equal((await t().app.inject({ method: 'GET', url: '/s/NOPE2345/concern' })).statusCode, 404);
    // A good form posted to a code that leads nowhere: the not-found page, nothing stored.
    const before = await t().deps.db.query('select count(*)::int as n from concerns');
    const nowhere = await form('/s/NOPE2345/concern', {
      category: 'transport',
      text: '路口没有斑马线',
      k: 'ab'.repeat(12),
    });
    assert.equal(nowhere.statusCode, 404);
    assert.match(nowhere.body, /没有找到这个工作室或委员/);
    assert.deepEqual(await t().deps.db.query('select count(*)::int as n from concerns'), before);
    assert.equal((await t().app.inject({ method: 'GET', url: '/t?code=abc' })).statusCode, 400);
  });

  test('H5: large font and high contrast ride along from the studio page to the tracking page', async () => {
    const { form } = publicClient(t());
    const { code: studioCode } = await approvedStudio(t(), { members: 1 });
    const mode = 'large=1&contrast=1';
    const studio = await t().app.inject({ method: 'GET', url: `/s/${studioCode}?${mode}` });
    assert.ok(studio.body.includes(`href="/s/${studioCode}/concern?large=1&amp;contrast=1"`));
    const formPage = await t().app.inject({ method: 'GET', url: `/s/${studioCode}/concern?${mode}` });
    assert.equal(formPage.statusCode, 200);
    assert.match(formPage.body, /font:22px/);
    assert.match(formPage.body, /background:#000/);
    assert.ok(formPage.body.includes(`action="/s/${studioCode}/concern?large=1&amp;contrast=1"`));
    assert.match(formPage.body, /aria-pressed="true">大字模式：开</);
    const plain = await t().app.inject({ method: 'GET', url: `/s/${studioCode}/concern` });
    assert.match(plain.body, /font:17px/);
    assert.match(plain.body, /aria-pressed="false">大字模式：关</);
    const k = randomBytes(12).toString('hex');
    const sent = await form(
      `/s/${studioCode}/concern?${mode}`,
      { k, category: 'environment', text: '河边垃圾多日没人清理。', action: 'submit' },
      '10.8.9.1',
    );
    assert.equal(sent.statusCode, 303, sent.body);
    const loc = String(sent.headers.location);
    assert.match(loc, /^\/t\/[A-Z0-9]{10}\?new=1&large=1&contrast=1$/);
    const tracking = await t().app.inject({ method: 'GET', url: loc });
    assert.match(tracking.body, /font:22px/);
    assert.match(tracking.body, /已收到您的诉求/);
    assert.match(tracking.body, /aria-pressed="true">高对比度/);
    // A refusal on the way keeps the mode too.
    const refused = await form(
      `/s/${studioCode}/concern?large=1`,
      { k, category: 'environment', text: '' },
      '10.8.9.2',
    );
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /font:22px/);
  });
});
