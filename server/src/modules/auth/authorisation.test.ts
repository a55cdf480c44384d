import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';

// Role × route × in/out of scope. Scopes: county staff of 枣强县 (131121), city admin of
// 衡水市 (131100), province admin (130000), a member. "Out of scope" ids belong to
// 石家庄市 (130100) or its counties; they must answer 404 (or 403), never data.
eachBackend('authorisation matrix', (t) => {
  const s: Record<string, Session> = {};
  const ids: Record<string, string> = {};
  before(async () => {
    const app = t();
    const one = async (sql: string, p: unknown[]) => (await app.deps.db.query<{ id: string }>(sql, p))[0]!.id;
    const c = async (code: string) => (await app.committee(code)).id;
    ids.county = await c('131121');
    ids.city = await c('131100');
    ids.otherCity = await c('130100');
    ids.otherCounty = await c('130102');
    ids.province = await c('130000');
    const seatIn = `select m.id from memberships m where m.committee_id = $1 limit 1`;
    ids.memberIn = await one(seatIn, [ids.county]);
    ids.memberOut = await one(seatIn, [ids.otherCounty]);
    ids.memberCity = await one(seatIn, [ids.city]);
    ids.deptOut = await one('select id from departments where committee_id = $1 limit 1', [ids.otherCity]);
    ids.specialOut = await one('select id from special_committees where committee_id = $1 limit 1', [
      ids.otherCity,
    ]);
    ids.localSectorOut = await one('select id from sectors where committee_id = $1 limit 1', [
      ids.otherCounty,
    ]);
    const person = await one('select person_id as id from memberships where id = $1', [ids.memberIn]);
    await app.account({ username: 'county_staff', role: 'staff', region: '131121' });
    await app.account({ username: 'city_admin', role: 'admin', region: '131100' });
    await app.account({ username: 'prov_admin', role: 'admin', region: '130000' });
    await app.account({ username: 'a_member', role: 'member', region: '131121', personId: person });
    for (const u of ['county_staff', 'city_admin', 'prov_admin', 'a_member']) s[u] = await app.login(u);
    ids.accountOut = await app.account({ username: 'sjz_staff', role: 'staff', region: '130100' });
  });

  type Case = [
    who: string,
    method: 'GET' | 'POST' | 'PATCH',
    url: () => string,
    body: (() => unknown) | null,
    expect: number[],
  ];
  const cases: Case[] = [
    // committees
    ['county_staff', 'GET', () => `/api/committees/${ids.county}`, null, [200]],
    ['county_staff', 'GET', () => `/api/committees/${ids.city}`, null, [404]],
    ['county_staff', 'GET', () => `/api/committees/${ids.otherCounty}`, null, [404]],
    ['city_admin', 'GET', () => `/api/committees/${ids.county}`, null, [200]],
    ['city_admin', 'GET', () => `/api/committees/${ids.otherCity}`, null, [404]],
    ['prov_admin', 'GET', () => `/api/committees/${ids.otherCounty}`, null, [200]],
    // sectors, special committees, departments
    ['county_staff', 'GET', () => `/api/sectors?committeeId=${ids.county}`, null, [200]],
    ['county_staff', 'GET', () => `/api/sectors?committeeId=${ids.otherCounty}`, null, [404]],
    [
      'city_admin',
      'POST',
      () => '/api/sectors',
      () => ({ committeeId: ids.otherCity, name: '越权界' }),
      [404],
    ],
    ['city_admin', 'PATCH', () => `/api/sectors/${ids.localSectorOut}`, () => ({ name: '改名' }), [404]],
    [
      'city_admin',
      'PATCH',
      () => `/api/special-committees/${ids.specialOut}`,
      () => ({ retired: true }),
      [404],
    ],
    ['city_admin', 'GET', () => `/api/departments?committeeId=${ids.otherCity}`, null, [404]],
    ['city_admin', 'PATCH', () => `/api/departments/${ids.deptOut}`, () => ({ name: '改名' }), [404]],
    ['a_member', 'POST', () => '/api/sectors', () => ({ committeeId: ids.county, name: '委员建界' }), [403]],
    // members
    ['county_staff', 'GET', () => `/api/members?committeeId=${ids.county}`, null, [200]],
    ['county_staff', 'GET', () => `/api/members?committeeId=${ids.city}`, null, [404]],
    ['county_staff', 'GET', () => `/api/members/${ids.memberIn}`, null, [200]],
    ['county_staff', 'GET', () => `/api/members/${ids.memberCity}`, null, [404]],
    ['city_admin', 'GET', () => `/api/members/${ids.memberIn}`, null, [200]],
    ['city_admin', 'GET', () => `/api/members/${ids.memberOut}`, null, [404]],
    ['city_admin', 'PATCH', () => `/api/members/${ids.memberOut}`, () => ({ workUnitPost: '越权' }), [404]],
    [
      'city_admin',
      'POST',
      () => `/api/members/${ids.memberOut}/retire`,
      () => ({ retiredOn: '2026-11-01' }),
      [404],
    ],
    [
      'city_admin',
      'POST',
      () => '/api/members',
      () => ({ name: '越权', gender: 'male', committeeId: ids.otherCity, workUnitPost: 'x' }),
      [404],
    ],
    ['city_admin', 'GET', () => `/api/members/export.xlsx?committeeId=${ids.otherCity}`, null, [404]],
    ['a_member', 'GET', () => '/api/members', null, [403]],
    ['a_member', 'GET', () => `/api/members/${ids.memberIn}`, null, [403]],
    ['prov_admin', 'GET', () => `/api/members/${ids.memberOut}`, null, [200]],
    // accounts and audit
    ['county_staff', 'GET', () => '/api/accounts', null, [403]],
    ['county_staff', 'GET', () => '/api/audit', null, [403]],
    ['a_member', 'GET', () => '/api/audit', null, [403]],
    ['city_admin', 'GET', () => '/api/accounts', null, [200]],
    ['city_admin', 'PATCH', () => `/api/accounts/${ids.accountOut}`, () => ({ disabled: true }), [404]],
    ['city_admin', 'POST', () => `/api/accounts/${ids.accountOut}/unlock`, null, [404]],
    [
      'city_admin',
      'POST',
      () => '/api/accounts',
      () => ({
        username: 'grab',
        displayName: '越权',
        role: 'admin',
        committeeId: ids.province,
        password: 'Aa-123456',
      }),
      [403],
    ],
    [
      'city_admin',
      'POST',
      () => '/api/accounts',
      () => ({
        username: 'ok_staff',
        displayName: '县员',
        role: 'staff',
        committeeId: ids.county,
        password: 'Aa-123456',
      }),
      [200],
    ],
    ['prov_admin', 'PATCH', () => `/api/accounts/${ids.accountOut}`, () => ({ requireTotp: true }), [200]],
  ];

  for (const [who, method, url, body, expect] of cases) {
    test(`${who} ${method} ${url.toString().replace(/^\(\) => /, '')} → ${expect.join('|')}`, async () => {
      const sess = s[who]!;
      const res =
        method === 'GET' ? await sess.get(url()) : await sess.send(method, url(), body ? body() : undefined);
      assert.ok(
        expect.includes(res.statusCode),
        `${who} ${method} ${url()}: got ${res.statusCode} ${res.body.slice(0, 200)}`,
      );
      if (res.statusCode >= 400) {
        assert.ok(res.json().error.code, 'error body has a code');
        assert.ok(!('items' in res.json()), 'no data in a refusal');
      }
    });
  }

  test('lists only ever hold rows of the caller’s subtree', async () => {
    const tree = (await s.county_staff!.get('/api/committees')).json().items as { id: string }[];
    assert.deepEqual(
      tree.map((c) => c.id),
      [ids.county],
    );
    const cityTree = (await s.city_admin!.get('/api/committees')).json().items as { regionCode: string }[];
    assert.ok(cityTree.length > 5 && cityTree.every((c) => c.regionCode.startsWith('1311')));
    const members = (await s.county_staff!.get('/api/members?pageSize=200&status=all')).json();
    assert.ok(members.total > 0);
    assert.ok(members.items.every((m: { committeeId: string }) => m.committeeId === ids.county));
    const accounts = (await s.city_admin!.get('/api/accounts')).json().items as { username: string }[];
    assert.ok(!accounts.some((a) => a.username === 'sjz_staff' || a.username === 'prov_admin'));
  });

  test('without a session every API route answers 401', async () => {
    for (const url of [
      '/api/committees',
      `/api/members/${ids.memberIn}`,
      '/api/accounts',
      '/api/audit',
      `/api/sectors?committeeId=${ids.county}`,
    ]) {
      const res = await t().app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 401, url);
    }
  });
});
