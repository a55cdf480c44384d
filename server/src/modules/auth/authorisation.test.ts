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
    // A handling department of the county, with one concern passed to it and one passed to
    // another department of the county (it may read neither that one nor any other).
    ids.dept = await one(
      `insert into departments (id, committee_id, name, kind) values (gen_random_uuid(), $1, '矩阵测试局', 'government') returning id`,
      [ids.county],
    );
    ids.deptOther = await one(
      `insert into departments (id, committee_id, name, kind) values (gen_random_uuid(), $1, '矩阵另一局', 'government') returning id`,
      [ids.county],
    );
    await app.account({ username: 'a_dept', role: 'department', region: '131121', departmentId: ids.dept });
    const concernAt = async (departmentId: string | null, code: string, committeeId = ids.county!) =>
      one(
        `insert into concerns (id, tracking_code, committee_id, handler_department_id, department_assigned_at, category, body,
           status, submitted_at, updated_at)
         values (gen_random_uuid(), $3, $1, $2, now(), 'livelihood', '矩阵测试诉求', 'submitted', now(), now()) returning id`,
        [committeeId, departmentId, code],
      );
    ids.concernMine = await concernAt(ids.dept, 'MATRIX01');
    ids.concernOtherDept = await concernAt(ids.deptOther, 'MATRIX02');
    ids.concernNoDept = await concernAt(null, 'MATRIX03');
    // Passed up: the county escalated it to the city. The county reads it (it follows it) and
    // may take no step on it; the city, which holds it, may; a sibling county reads nothing.
    const handedOver = async (code: string, from: string, to: string) => {
      const k = await concernAt(null, code, to);
      await app.deps.db.query(
        `insert into concern_events (id, concern_id, at, kind, actor_kind, from_committee_id, to_committee_id)
         values (gen_random_uuid(), $1, now(), 'escalated', 'staff', $2, $3)`,
        [k, from, to],
      );
      return k;
    };
    ids.concernUp = await handedOver('MATRIX04', ids.county, ids.city);
    ids.concernUpOther = await handedOver('MATRIX05', ids.otherCounty, ids.otherCity);
    ids.sibling = (await app.committee('131122')).id;
    await app.account({ username: 'sibling_staff', role: 'staff', region: '131122' });
    for (const u of ['county_staff', 'city_admin', 'prov_admin', 'a_member', 'a_dept', 'sibling_staff'])
      s[u] = await app.login(u);
    ids.accountOut = await app.account({ username: 'sjz_staff', role: 'staff', region: '130100' });
  });

  type Case = [
    who: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
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
    // a concern the county passed up: read-only for the county, whole for the city
    ['county_staff', 'GET', () => `/api/concerns/${ids.concernUp}`, null, [200]],
    ['county_staff', 'GET', () => `/api/concerns/${ids.concernUp}/phone`, null, [404]],
    ['county_staff', 'POST', () => `/api/concerns/${ids.concernUp}/accept`, null, [404]],
    [
      'county_staff',
      'POST',
      () => `/api/concerns/${ids.concernUp}/reply`,
      () => ({ text: '越权答复' }),
      [404],
    ],
    [
      'county_staff',
      'POST',
      () => `/api/concerns/${ids.concernUp}/escalate`,
      () => ({ reason: '越权' }),
      [404],
    ],
    [
      'county_staff',
      'POST',
      () => `/api/concerns/${ids.concernUp}/assign`,
      () => ({ committeeId: ids.county }),
      [404],
    ],
    [
      'county_staff',
      'POST',
      () => `/api/concerns/${ids.concernUp}/transfer`,
      () => ({ reason: '越权' }),
      [404],
    ],
    [
      'county_staff',
      'POST',
      () => `/api/concerns/${ids.concernUp}/extend`,
      () => ({ days: 5, reason: '越权' }),
      [404],
    ],
    [
      'county_staff',
      'POST',
      () => `/api/concerns/${ids.concernUp}/service-deed`,
      () => ({ result: '越权' }),
      [404],
    ],
    ['county_staff', 'GET', () => `/api/concerns/${ids.concernUp}/routing`, null, [404]],
    ['city_admin', 'GET', () => `/api/concerns/${ids.concernUp}`, null, [200]],
    ['city_admin', 'POST', () => `/api/concerns/${ids.concernUp}/accept`, null, [200]],
    ['sibling_staff', 'GET', () => `/api/concerns/${ids.concernUp}`, null, [404]],
    ['a_member', 'GET', () => `/api/concerns/${ids.concernUp}`, null, [404]],
    ['a_dept', 'GET', () => `/api/concerns/${ids.concernUp}`, null, [404]],
    ['city_admin', 'GET', () => `/api/concerns/${ids.concernUpOther}`, null, [404]],
    ['city_admin', 'GET', () => `/api/concerns?followed=true&committeeId=${ids.otherCounty}`, null, [404]],
    // a handling department: its own concerns, nothing else
    ['a_dept', 'GET', () => `/api/concerns/${ids.concernMine}`, null, [200]],
    ['a_dept', 'GET', () => '/api/concerns/inbox', null, [200]],
    ['a_dept', 'GET', () => `/api/concerns/${ids.concernOtherDept}`, null, [404]],
    ['a_dept', 'GET', () => `/api/concerns/${ids.concernNoDept}`, null, [404]],
    ['a_dept', 'POST', () => `/api/concerns/${ids.concernOtherDept}/accept`, null, [404]],
    ['a_dept', 'POST', () => `/api/concerns/${ids.concernMine}/transfer`, () => ({ reason: '越权' }), [403]],
    [
      'a_dept',
      'POST',
      () => `/api/concerns/${ids.concernMine}/to-department`,
      () => ({ departmentId: ids.deptOther, note: '越权' }),
      [403],
    ],
    ['a_dept', 'GET', () => '/api/concerns', null, [403]],
    ['a_dept', 'GET', () => `/api/concerns/export.xlsx`, null, [403]],
    ['a_dept', 'GET', () => `/api/members?committeeId=${ids.county}`, null, [403]],
    ['a_dept', 'GET', () => `/api/members/${ids.memberIn}`, null, [403]],
    ['a_dept', 'GET', () => `/api/members/export.xlsx?committeeId=${ids.county}`, null, [403]],
    ['a_dept', 'GET', () => '/api/studios', null, [403]],
    ['a_dept', 'GET', () => `/api/sectors?committeeId=${ids.county}`, null, [403]],
    ['a_dept', 'GET', () => `/api/departments?committeeId=${ids.county}`, null, [403]],
    ['a_dept', 'GET', () => '/api/search?q=路灯', null, [403]],
    ['a_dept', 'GET', () => '/api/common-issues', null, [403]],
    ['a_dept', 'GET', () => '/api/accounts', null, [403]],
    ['a_dept', 'GET', () => '/api/audit', null, [403]],
    ['a_dept', 'PATCH', () => `/api/committees/${ids.county}/settings`, () => ({ replyReview: true }), [403]],
    [
      'a_dept',
      'POST',
      () => '/api/concerns/reception',
      () => ({
        studioId: ids.county,
        occurredAt: '2026-11-20T09:00:00+08:00',
        category: 'other',
        text: '越权',
        consent: true,
      }),
      [403],
    ],
    [
      'city_admin',
      'POST',
      () => '/api/accounts',
      () => ({
        username: 'dept_no_dept',
        displayName: '无单位',
        role: 'department',
        committeeId: ids.county,
        password: 'Aa-123456',
      }),
      [400],
    ],
    [
      'city_admin',
      'POST',
      () => '/api/accounts',
      () => ({
        username: 'dept_wrong_committee',
        displayName: '他级单位',
        role: 'department',
        committeeId: ids.city,
        departmentId: ids.dept,
        password: 'Aa-123456',
      }),
      [400],
    ],
    [
      'city_admin',
      'POST',
      () => '/api/accounts',
      () => ({
        username: 'dept_ok',
        displayName: '承办员',
        role: 'department',
        committeeId: ids.county,
        departmentId: ids.dept,
        password: 'Aa-123456',
      }),
      [200],
    ],
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

  test('read visibility is wider than write scope: the county follows what it passed up, read-only', async () => {
    const d = (await s.county_staff!.get(`/api/concerns/${ids.concernUp}`)).json();
    assert.equal(d.access, 'follow');
    assert.equal(d.following.via, 'escalated');
    assert.match(d.following.to, /衡水市/);
    assert.equal((await s.city_admin!.get(`/api/concerns/${ids.concernUp}`)).json().access, 'handle');
    const has = (list: { items: { id: string }[] }) => list.items.some((i) => i.id === ids.concernUp);
    assert.ok(has((await s.county_staff!.get('/api/concerns?followed=true')).json()), 'in 本级转出/跟踪中');
    assert.ok(!has((await s.county_staff!.get('/api/concerns?pageSize=100')).json()), 'not in its own work');
    assert.ok(!has((await s.sibling_staff!.get('/api/concerns?followed=true')).json()));
  });

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
