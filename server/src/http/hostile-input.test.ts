import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { longText, oneLineProblem, optionalText, text } from '../../../contracts/common.ts';
import type { Session } from '../test-support/app.ts';
import {
  approvedStudio,
  answeredConcern,
  concernRoutedToMember,
  freshIp,
  publicClient,
  staffOf,
} from '../test-support/fixtures.ts';
import type { StudioFixture } from '../test-support/fixtures.ts';
import { eachBackend } from '../test-support/suite.ts';

// Input an attacker would send never reaches the database as a 500: broken text, control
// characters in paths and queries, line breaks in one-line fields, bodies that are not what
// the route reads. Each is a 400 (or 415) naming the problem, and an HTML page on the H5 side.

const lone = '\ud800';
const loneLow = '路\udfff';

test('the contracts refuse ill-formed text, and one-line fields refuse tabs and line breaks', () => {
  const problem = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.success ? null : r.error!.issues[0]!.message;
  assert.equal(problem(text(20).safeParse(lone)), 'ill_formed');
  assert.equal(problem(text(20).safeParse(loneLow)), 'ill_formed');
  assert.equal(problem(optionalText(20).safeParse(`a${lone}b`)), 'ill_formed');
  assert.equal(problem(longText(20).safeParse(`第一行\n${lone}`)), 'ill_formed');
  assert.equal(problem(text(20).safeParse('张\n三')), 'line_breaks');
  assert.equal(problem(text(20).safeParse('张\t三')), 'line_breaks');
  assert.equal(problem(optionalText(20).safeParse('张\r三')), 'line_breaks');
  assert.equal(problem(text(20).safeParse('张\u0000三')), 'control_chars');
  // Multi-line texts keep their line breaks; a pair of surrogates (an emoji) is well-formed.
  assert.equal(problem(longText(20).safeParse('第一行\r\n第二行\t完')), null);
  assert.equal(problem(text(20).safeParse('委员😀')), null);
  assert.equal(oneLineProblem('枣强县\n第一中学'), 'line_breaks');
  assert.equal(oneLineProblem(`枣强${lone}`), 'ill_formed');
  assert.equal(oneLineProblem('枣强县第一中学校长'), null);
});

eachBackend('hostile input', (t) => {
  let staff: Session;
  let committeeId: string;
  let studio: StudioFixture;
  before(async () => {
    const s = await staffOf(t(), '131121');
    staff = s.session;
    committeeId = s.committee.id;
    studio = await approvedStudio(t(), { members: 1 });
  });
  const pub = () => publicClient(t()).pub;
  const refused = (r: LightMyRequestResponse, field: string, problem: string, status = 400) => {
    assert.equal(r.statusCode, status, r.body);
    const e = r.json().error;
    assert.equal(e.code, 'request.invalid');
    const f = e.fields.find((x: { field: string }) => x.field === field);
    assert.ok(f, `${field} named in ${r.body}`);
    assert.equal(f.problem, problem);
    return f as { messages: { 'zh-CN': string; en: string } };
  };
  const isPage = (r: LightMyRequestResponse, status: number) => {
    assert.equal(r.statusCode, status, r.body);
    assert.match(String(r.headers['content-type']), /^text\/html/);
  };

  test('a lone surrogate in a public submission is a 400 naming the field, in both languages', async () => {
    const r = await pub()('POST', '/api/public/concerns', {
      studioCode: studio.code,
      category: 'livelihood',
      text: `小区路灯坏了${lone}`,
    });
    const f = refused(r, 'body.text', 'ill_formed');
    assert.match(f.messages['zh-CN'], /^内容：/);
    assert.match(f.messages.en, /^Text: .*ill-formed/);
    const place = await pub()('POST', '/api/public/concerns', {
      studioCode: studio.code,
      category: 'livelihood',
      text: '小区路灯坏了一个月',
      place: loneLow,
    });
    refused(place, 'body.place', 'ill_formed');
  });

  test('a lone surrogate in a rating comment or added information is a 400', async () => {
    const { concern } = await answeredConcern(t());
    const code = concern.trackingCode;
    const rating = await pub()('POST', `/api/public/concerns/${code}/rating`, {
      rating: 'satisfied',
      comment: `很好${lone}`,
    });
    refused(rating, 'body.comment', 'ill_formed');
    const info = await pub()('POST', `/api/public/concerns/${code}/info`, { text: loneLow });
    refused(info, 'body.text', 'ill_formed');
  });

  test('a lone surrogate in staff fields is a 400, whether the contract types the field or not', async () => {
    refused(
      await staff.send('POST', '/api/sectors', { committeeId, name: `教育${lone}` }),
      'body.name',
      'ill_formed',
    );
    refused(
      await staff.send('POST', '/api/members', {
        name: loneLow,
        gender: 'male',
        committeeId,
        workUnitPost: '枣强县第一中学校长',
      }),
      'body.name',
      'ill_formed',
    );
    const login = await t().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() },
      payload: JSON.stringify({ username: 'nobody', password: `pw${lone}` }),
    });
    refused(login, 'body.password', 'ill_formed');
  });

  test('NUL and other controls in paths and queries: a 400, an HTML page on the public pages', async () => {
    for (const url of ['/s/%00', '/m/%00', `/s/${studio.code}%00`, `/s/${studio.code}?large=%00`])
      isPage(await pub()('GET', url), 400);
    isPage(await pub()('GET', `/s/${studio.code}%0A/concern`), 400);
    refused(await staff.get('/api/members?q=%00'), 'querystring.q', 'control_chars');
    refused(await staff.get('/api/members?q=a%09b'), 'querystring.q', 'control_chars');
    refused(await staff.get('/api/members?q=%ED%A0%80x&q=%00'), 'querystring.q.1', 'control_chars');
    const r = await pub()('GET', '/api/public/studios/%00');
    assert.equal(r.statusCode, 400, r.body);
    // What is fine still works.
    assert.equal((await staff.get('/api/members?q=%E5%BC%A0')).statusCode, 200);
    isPage(await pub()('GET', `/s/${studio.code}`), 200);
  });

  test('a URL the router cannot read, or a path parameter past its limit: a 400 that does not echo it', async () => {
    const long = 'a'.repeat(5000);
    for (const url of ['/api/public/studios/%zz', `/api/public/studios/${long}`, '/api/studios/%']) {
      const r = await pub()('GET', url);
      refused(r, 'params', 'invalid_format');
      assert.ok(r.body.length < 1000, `the URL is not sent back: ${r.body.length} bytes`);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
    }
    for (const url of [`/s/${long}`, '/s/%E4%zz', `/t/${long}`]) {
      const r = await pub()('GET', url);
      isPage(r, 400);
      assert.ok(!r.body.includes(long.slice(0, 100)));
      assert.match(String(r.headers['content-security-policy']), /default-src 'none'/);
    }
  });

  test('one-line fields refuse tabs and line breaks; multi-line texts keep them', async () => {
    const member = (name: string, workUnitPost: string) =>
      staff.send('POST', '/api/members', { name, gender: 'female', committeeId, workUnitPost });
    refused(await member('张\n三', '枣强县第一中学校长'), 'body.name', 'line_breaks');
    refused(await member('张三', '枣强县第一中学\r\n校长'), 'body.workUnitPost', 'line_breaks');
    const f = refused(
      await staff.send('POST', '/api/studios', { committeeId, name: '民生\t工作室', kind: 'regional' }),
      'body.name',
      'line_breaks',
    );
    assert.match(f.messages['zh-CN'], /只能填一行/);
    assert.match(f.messages.en, /one line only/);
    const ok = await pub()('POST', '/api/public/concerns', {
      studioCode: studio.code,
      category: 'livelihood',
      text: '小区路灯坏了一个月。\n晚上出行不安全。',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const place = await pub()('POST', '/api/public/concerns', {
      studioCode: studio.code,
      category: 'livelihood',
      text: '小区路灯坏了一个月。',
      place: '幸福路\n12 号',
    });
    refused(place, 'body.place', 'line_breaks');
  });

  test('the H5 form refuses a broken multipart body with its page, keeping what was typed', async () => {
    const url = `/s/${studio.code}/concern`;
    const post = (contentType: string, payload: string) =>
      t().app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': contentType, 'x-forwarded-for': freshIp() },
        payload,
      });
    const noBoundary = await post('multipart/form-data', 'text=hello');
    isPage(noBoundary, 400);
    assert.match(noBoundary.body, /表单内容不完整/);
    const b = 'lxboundary';
    const cut = await post(
      `multipart/form-data; boundary=${b}`,
      `--${b}\r\nContent-Disposition: form-data; name="category"\r\n\r\nlivelihood\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="text"\r\n\r\n路灯坏了一个月\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff`,
    );
    isPage(cut, 400);
    assert.match(cut.body, /路灯坏了一个月/);
    // Too large, or a body no form sends: still a page, not a JSON error.
    const big = await post('application/x-www-form-urlencoded', `text=${'x'.repeat(64 * 1024)}`);
    isPage(big, 413);
    assert.match(big.body, /请求内容过大/);
    isPage(await post('text/plain', 'text=hello'), 415);
    // Ill-formed text posted by hand to the form: the form again, what was typed kept.
    const json = await post(
      'application/json',
      JSON.stringify({ category: 'livelihood', text: `路灯${lone}` }),
    );
    isPage(json, 400);
    assert.match(json.body, /无法识别的字符/);
    const notText = await post(
      'application/json',
      JSON.stringify({ category: 'livelihood', text: { a: 1 } }),
    );
    isPage(notText, 400);
  });

  // The H5 forms read urlencoded and multipart bodies themselves: bytes that are not UTF-8
  // (or a lone surrogate's CESU-8 bytes) must be refused by name like "\ud800" in JSON, not
  // stored with U+FFFD in their place; the form comes back with what was typed.
  const post = (url: string, contentType: string, payload: string | Buffer) =>
    t().app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': contentType, 'x-forwarded-for': freshIp() },
      payload,
    });
  const urlencoded = 'application/x-www-form-urlencoded';
  const names = (r: LightMyRequestResponse, field: string) => {
    isPage(r, 400);
    assert.match(r.body, new RegExp(`${field}：含有无法识别的字符`), r.body);
  };

  test('the H5 concern form refuses ill-formed text by name, urlencoded and multipart, keeping what was typed', async () => {
    const url = `/s/${studio.code}/concern`;
    const cesu = await post(
      url,
      urlencoded,
      'category=livelihood&text=%E8%B7%AF%E7%81%AF%ED%A0%80%E5%9D%8F%E4%BA%86',
    );
    names(cesu, '内容');
    assert.match(cesu.body, /路灯\uFFFD+坏了/, 'the text comes back in the form');
    const place = await post(url, urlencoded, 'category=livelihood&text=%E8%B7%AF%E7%81%AF&place=%FF%FE');
    names(place, '地点');
    assert.match(place.body, /<textarea[^>]*>路灯<\/textarea>/);
    const b = 'lxboundary';
    const multipart = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="category"\r\n\r\nlivelihood\r\n`),
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="text"\r\n\r\n`),
      Buffer.from('路灯坏了'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const parts = await post(url, `multipart/form-data; boundary=${b}`, multipart);
    names(parts, '内容');
    assert.match(parts.body, /路灯坏了/);
    // A control character in a one-line field, from a form: the contract's rule, named.
    const tab = await post(
      url,
      urlencoded,
      'category=livelihood&text=%E8%B7%AF%E7%81%AF&place=%E5%B9%B8%E7%A6%8F%09%E8%B7%AF',
    );
    isPage(tab, 400);
    assert.match(tab.body, /地点：只能填一行/);
    // Well-formed multi-byte text still goes through, urlencoded and multipart.
    const ok = await post(url, urlencoded, `category=livelihood&text=${encodeURIComponent('路灯坏了😀')}`);
    assert.equal(ok.statusCode, 303, ok.body);
    const okParts = await post(
      url,
      `multipart/form-data; boundary=${b}`,
      `--${b}\r\nContent-Disposition: form-data; name="category"\r\n\r\nlivelihood\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="text"\r\n\r\n井盖丢了😀\r\n--${b}--\r\n`,
    );
    assert.equal(okParts.statusCode, 303, okParts.body);
    const tracked = await t().app.inject({ method: 'GET', url: String(okParts.headers.location) });
    assert.match(tracked.body, /井盖丢了😀/, 'multi-byte text from a multipart form is stored as typed');
  });

  test('the tracking page refuses ill-formed or control-laden text by name and shows it again', async () => {
    const { concern } = await answeredConcern(t());
    const code = concern.trackingCode;
    const rating = await post(
      `/t/${code}/rating`,
      urlencoded,
      'rating=satisfied&comment=%E5%BE%88%E5%A5%BD%ED%A0%80',
    );
    names(rating, '意见');
    assert.match(rating.body, /<textarea id="comment"[^>]*>很好\uFFFD+<\/textarea>/);
    assert.match(rating.body, /value="satisfied" required checked/);
    const nul = await post(`/t/${code}/rating`, urlencoded, 'rating=satisfied&comment=%E5%BE%88%E5%A5%BD%00');
    isPage(nul, 400);
    assert.match(nul.body, /意见：含有不可见的控制字符/);
    assert.match(nul.body, /<textarea id="comment"[^>]*>很好/);
    const routed = await concernRoutedToMember(t());
    const member = routed.member.session;
    assert.equal((await member.send('POST', `/api/concerns/${routed.concern.id}/accept`)).statusCode, 200);
    const ask = await member.send('POST', `/api/concerns/${routed.concern.id}/ask-info`, {
      text: '请说明位置',
    });
    assert.equal(ask.statusCode, 200, ask.body);
    const info = await post(
      `/t/${routed.concern.trackingCode}/info`,
      urlencoded,
      'text=%E5%9C%A8%E8%A5%BF%E9%97%A8%FF',
    );
    names(info, '内容');
    assert.match(info.body, /<textarea id="info"[^>]*>在西门\uFFFD<\/textarea>/);
    // Nothing was added: the same form with good text still goes through.
    const good = await post(
      `/t/${routed.concern.trackingCode}/info`,
      urlencoded,
      'text=%E5%9C%A8%E8%A5%BF%E9%97%A8',
    );
    assert.equal(good.statusCode, 303, good.body);
  });

  test('/my refuses what its form never sends with its page: wrong types, ill-formed text, other bodies', async () => {
    for (const [type, payload] of [
      ['application/json', '{"phone":13800138000}'],
      ['application/json', '{"phone":"13800138000","action":"verify","smsCode":123456}'],
      ['application/json', '["13800138000"]'],
      ['application/json', '{"phone":'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="phone"\r\n\r\n1\r\n--x--\r\n',
      ],
      ['text/plain', 'phone=13800138000'],
    ] as const) {
      const r = await post('/my', type, payload);
      assert.ok([400, 415].includes(r.statusCode), `${type} ${payload}: ${r.statusCode} ${r.body}`);
      assert.match(String(r.headers['content-type']), /^text\/html/, `${type} ${payload}`);
      assert.match(r.body, /name="phone"/, 'the form again');
    }
    names(await post('/my', urlencoded, 'phone=1380013%ED%A0%80&action=code'), '手机');
    isPage(await post('/my', urlencoded, `phone=${'1'.repeat(9000)}`), 413);
  });

  test('a JSON body to the photo upload is a 415, not a 500', async () => {
    const { concern } = await answeredConcern(t());
    for (const payload of ['"a photo"', 'null', '{"bytes":[1,2,3]}']) {
      const r = await t().app.inject({
        method: 'POST',
        url: `/api/public/concerns/${concern.trackingCode}/photos`,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() },
        payload,
      });
      assert.equal(r.statusCode, 415, `${payload}: ${r.body}`);
      assert.equal(r.json().error.code, 'request.unsupported_type');
    }
  });
});
