import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Deps } from '../../deps.ts';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { suggestRouting } from './suggest.ts';
import { forgetRoutingInputs, routingDeps } from './service.ts';

// Routing suggestions with their reasons, the committee's editable tables, and staff's
// accept/override recorded as routing decisions.
eachBackend('concern routing', (t) => {
  let city: Session; // staff of 衡水市 131100
  let district: Session; // staff of 桃城区 131102
  let other: Session; // staff of 石家庄市 130100
  let member: Session;
  let studioId: string;
  let studioCode: string;
  let people: { id: string; name: string }[];
  let welfare: string; // sector id of 社会福利和社会保障界
  let ip = 0;
  /** A concern a citizen sent through the studio's QR code just now. */
  const newConcern = async () => {
    const r = await t().app.inject({
      method: 'POST',
      url: '/api/public/concerns',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.4.4.${++ip}` },
      payload: JSON.stringify({
        studioCode,
        category: 'livelihood',
        text: '低保申请三个月没有回音，家里老人生病。',
      }),
    });
    assert.equal(r.statusCode, 200, r.body);
    return (
      await t().deps.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
        r.json().trackingCode,
      ])
    )[0]!.id;
  };
  /** Staff of the district assign the concern to the studio's lead, not as suggested. */
  const override = (concernId: string) =>
    district.send('POST', `/api/concerns/${concernId}/routing`, {
      studioId,
      sectorId: null,
      personIds: [people[0]!.id],
      reason: '负责人熟悉低保政策',
    });

  before(async () => {
    for (const [u, region] of [
      ['rtcity', '131100'],
      ['rtdistrict', '131102'],
      ['rtother', '130100'],
    ])
      await t().account({ username: u!, role: 'staff', region: region! });
    city = await t().login('rtcity');
    district = await t().login('rtdistrict');
    other = await t().login('rtother');
    const d = await t().committee('131102');
    people = await t().deps.db.query<{ id: string; name: string }>(
      `select p.id, p.name from memberships m join persons p on p.id = m.person_id
        where m.committee_id = $1 and m.status = 'active' order by p.name_pinyin limit 3`,
      [d.id],
    );
    await t().account({ username: 'rtmember', role: 'member', region: '131102', personId: people[0]!.id });
    member = await t().login('rtmember');
    welfare = (
      await t().deps.db.query<{ id: string }>(
        `select id from sectors where committee_id is null and name = '社会福利和社会保障界'`,
      )
    )[0]!.id;
    const s = await city.send('POST', '/api/studios', {
      committeeId: d.id,
      name: '桃城区民生保障委员工作室',
      kind: 'sector',
      sectorId: welfare,
      leadPersonId: people[0]!.id,
      services: '养老、低保、路灯等民生小事',
    });
    assert.equal(s.statusCode, 200, s.body);
    studioId = s.json().id;
    studioCode = s.json().publicCode;
    assert.equal(
      (await city.send('POST', `/api/studios/${studioId}/members`, { personId: people[1]!.id })).statusCode,
      200,
    );
    const slot = await city.send('POST', `/api/studios/${studioId}/duty-slots`, {
      startsAt: '2026-11-23T09:00:00+08:00',
      endsAt: '2026-11-23T11:30:00+08:00',
      personIds: [people[1]!.id],
    });
    assert.equal(slot.statusCode, 200, slot.body);
    await city.send('POST', `/api/studios/${studioId}/submit`);
    assert.equal(
      // Another account approves what the city's staff submitted: the district's own staff.
      (await district.send('POST', `/api/studios/${studioId}/review`, { decision: 'approve' })).statusCode,
      200,
    );
  });

  test('a suggestion names sectors, studio and members, each with its reasons', async () => {
    const c = await t().committee('131100');
    const input = {
      committeeId: c.id,
      category: 'livelihood' as const,
      text: '小区门口的路灯坏了，老人晚上出门不方便。',
      place: '桃城区人民路',
    };
    const s = await suggestRouting(await routingDeps(t().deps, c.id), input);
    assert.equal(s.sectors[0]!.name, '社会福利和社会保障界');
    assert.equal(s.sectors[0]!.id, welfare);
    assert.deepEqual(s.sectors[0]!.reasons, [
      {
        kind: 'category',
        detail: '民生保障 → 社会福利和社会保障界',
        // The console words it in its own language from the code and the names.
        why: { code: 'category_sector', args: { category: 'livelihood', sector: '社会福利和社会保障界' } },
      },
      { kind: 'keyword', detail: '关键词: 老人', why: { code: 'keyword', args: { keyword: '老人' } } },
    ]);
    assert.deepEqual(s.sectors.find((x) => x.name === '经济界')?.reasons, [
      { kind: 'keyword', detail: '关键词: 路灯', why: { code: 'keyword', args: { keyword: '路灯' } } },
    ]);
    assert.equal(s.studios[0]!.id, studioId);
    const kinds = s.studios[0]!.reasons.map((r) => r.kind);
    assert.ok(kinds.includes('sector') && kinds.includes('on_duty'), JSON.stringify(s.studios[0]));
    assert.deepEqual(
      s.studios[0]!.reasons.find((r) => r.kind === 'place'),
      {
        kind: 'place',
        detail: '地点在桃城区 → 桃城区政协',
        why: { code: 'place_region', args: { region: '桃城区' } },
      },
    );
    const onDuty = s.members.find((m) => m.id === people[1]!.id);
    assert.ok(onDuty, 'the member on duty today is suggested');
    assert.ok(onDuty.reasons.some((r) => r.kind === 'on_duty'));
    assert.ok(onDuty.reasons.some((r) => r.kind === 'load' && r.detail === '在办 0 件'));
    assert.ok(s.members.length <= 3);
    // Tomorrow nobody is on duty: that reason is gone.
    t().clock.advance(86400_000);
    const later = await suggestRouting(await routingDeps(t().deps, c.id), input);
    t().clock.advance(-86400_000);
    assert.ok(!later.studios[0]!.reasons.some((r) => r.kind === 'on_duty'));
  });

  test('a learned scorer plugs in through deps without changing the caller', async () => {
    const c = await t().committee('131102');
    const deps = await routingDeps(t().deps, c.id);
    const s = await suggestRouting(
      {
        ...deps,
        extraSectorScores: [
          () =>
            new Map([
              [
                '教育界',
                { score: 9, reasons: [{ kind: 'learned' as const, detail: '相似诉求多由教育界委员办理' }] },
              ],
            ]),
        ],
      },
      { committeeId: c.id, category: 'livelihood', text: '路灯坏了' },
    );
    assert.equal(s.sectors[0]!.name, '教育界');
    assert.deepEqual(s.sectors[0]!.reasons, [{ kind: 'learned', detail: '相似诉求多由教育界委员办理' }]);
  });

  test('with a cache lifetime, a second suggestion reads nothing; saving rules forgets', async () => {
    const c = await t().committee('131100');
    let reads = 0;
    const db = t().deps.db;
    const counted = {
      ...t().deps,
      db: { ...db, query: (sql: string, params?: readonly unknown[]) => (reads++, db.query(sql, params)) },
      settings: { ...t().deps.settings, routingCacheSeconds: 30 },
    } satisfies Deps;
    const input = {
      committeeId: c.id,
      category: 'livelihood' as const,
      text: '路灯坏了，老人出门不便',
      place: '桃城区',
    };
    const first = await suggestRouting(await routingDeps(counted, c.id), input);
    const cold = reads;
    assert.ok(cold >= 6, `a cold suggestion reads its inputs (${cold} reads)`);
    reads = 0;
    const second = await suggestRouting(await routingDeps(counted, c.id), input);
    assert.equal(reads, 0);
    assert.deepEqual(second, first);
    forgetRoutingInputs(counted);
    reads = 0;
    await suggestRouting(await routingDeps(counted, c.id), input);
    assert.equal(reads, cold);
  });

  test('a warm cache serves a concern naming any seated member without reading members again', async () => {
    const c = await t().committee('131100');
    const db = t().deps.db;
    const sqls: string[] = [];
    const counted = {
      ...t().deps,
      db: {
        ...db,
        query: (sql: string, params?: readonly unknown[]) => (sqls.push(sql), db.query(sql, params)),
      },
      settings: { ...t().deps.settings, routingCacheSeconds: 30 },
    } satisfies Deps;
    const seated = await db.query<{ person_id: string }>(
      `select person_id from memberships where committee_id = $1 and status = 'active' order by person_id limit 2`,
      [c.id],
    );
    assert.equal(seated.length, 2);
    const input = { committeeId: c.id, category: 'livelihood' as const, text: '路灯坏了，老人出门不便' };
    await suggestRouting(await routingDeps(counted, c.id), { ...input, personId: seated[0]!.person_id });
    sqls.length = 0;
    const s = await suggestRouting(await routingDeps(counted, c.id), {
      ...input,
      personId: seated[1]!.person_id,
    });
    assert.equal(s.members[0]!.id, seated[1]!.person_id, 'the named member comes first');
    assert.deepEqual(
      sqls.filter((q) => /from persons p/.test(q)),
      [],
      'the committee’s members and loads were read once for every member',
    );
  });

  test('intake stores the suggestion; staff of the subtree read it, others get 404', async () => {
    const concernId = await newConcern();
    const [row] = await t().deps.db.query<{ routing: { studios: { id: string }[] } }>(
      'select routing from concerns where id = $1',
      [concernId],
    );
    assert.equal(row!.routing.studios[0]!.id, studioId);
    for (const s of [district, city]) {
      const g = await s.get(`/api/concerns/${concernId}/routing`);
      assert.equal(g.statusCode, 200, g.body);
      assert.deepEqual(g.json().suggestion, row!.routing);
      assert.deepEqual(g.json().decisions, []);
      assert.deepEqual(g.json().suggestion.studios[0].reasons[0], {
        kind: 'source',
        detail: '通过本工作室的二维码反映',
        why: { code: 'studio_qr' },
      });
    }
    assert.equal((await other.get(`/api/concerns/${concernId}/routing`)).statusCode, 404);
    assert.equal(
      (await other.send('POST', `/api/concerns/${concernId}/routing`, { accept: true })).statusCode,
      404,
    );
    assert.equal((await member.get(`/api/concerns/${concernId}/routing`)).statusCode, 403);
  });

  test('override: a bad member is refused by field; a good choice assigns and is recorded as not accepted', async () => {
    const concernId = await newConcern();
    const [outsider] = await t().deps.db.query<{ id: string }>(
      `select m.person_id as id from memberships m join committees c on c.id = m.committee_id
        where c.region_code = '130100' and m.status = 'active' limit 1`,
    );
    const bad = await district.send('POST', `/api/concerns/${concernId}/routing`, {
      studioId,
      personIds: [people[1]!.id, outsider!.id],
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(
      bad.json().error.fields.map((f: { field: string }) => f.field),
      ['body.personIds.1'],
    );
    assert.equal(
      (await t().deps.db.query('select 1 from routing_decisions where concern_id = $1', [concernId])).length,
      0,
    );

    const ok = await override(concernId);
    assert.equal(ok.statusCode, 200, ok.body);
    const [k] = await t().deps.db.query<{ person_id: string; studio_id: string; sector_id: string | null }>(
      'select person_id, studio_id, sector_id from concerns where id = $1',
      [concernId],
    );
    assert.deepEqual(k, { person_id: people[0]!.id, studio_id: studioId, sector_id: null });
    const [d] = await t().deps.db.query<{
      accepted: boolean;
      chosen: { personIds: string[] };
      account_id: string;
    }>('select accepted, chosen, account_id from routing_decisions where concern_id = $1', [concernId]);
    assert.equal(d!.accepted, false);
    assert.deepEqual(d!.chosen.personIds, [people[0]!.id]);
    const notice = await t().deps.db.query(
      `select 1 from outbox where kind = 'concern.routed' and recipient = $1 and payload->>'concernId' = $2
          and payload->>'title' like '%交办%'`,
      [people[0]!.id, concernId],
    );
    assert.equal(notice.length, 1);
  });

  test('accept takes the suggestion as it is, and is audited with the decision', async () => {
    const concernId = await newConcern();
    assert.equal((await override(concernId)).statusCode, 200);
    const r = await city.send('POST', `/api/concerns/${concernId}/routing`, { accept: true });
    assert.equal(r.statusCode, 200, r.body);
    const g = (await city.get(`/api/concerns/${concernId}/routing`)).json();
    assert.deepEqual(
      g.decisions.map((d: { accepted: boolean }) => d.accepted),
      [false, true],
    );
    const top = g.suggestion;
    assert.deepEqual(g.decisions[1].chosen, {
      committeeId: (await t().committee('131102')).id,
      studioId: top.studios[0].id,
      sectorId: top.sectors[0].id,
      personIds: top.members.map((m: { id: string }) => m.id),
    });
    const audit = await t().deps.db.query<{ actor_name: string; detail: { accepted: boolean } }>(
      `select actor_name, detail from audit_log where action = 'concerns.route' and target_id = $1 and result = 'ok' order by id`,
      [concernId],
    );
    assert.deepEqual(
      audit.map((a) => [a.actor_name, a.detail.accepted]),
      [
        ['rtdistrict', false],
        ['rtcity', true],
      ],
    );
  });

  test('rules: default, set by the city, inherited by its districts; unknown sector named; scope', async () => {
    const cityId = (await t().committee('131100')).id;
    const districtId = (await t().committee('131102')).id;
    const def = (await district.get('/api/routing-rules')).json();
    assert.equal(def.isDefault, true);
    assert.equal(def.sourceCommitteeId, null);
    assert.deepEqual(def.rules.categorySectors.education, ['教育界']);
    const rules = {
      categorySectors: { transport: ['环境资源界'] },
      keywords: [{ keyword: '路灯', sector: '环境资源界' }],
    };
    const bad = await city.send('PUT', '/api/routing-rules', {
      committeeId: cityId,
      rules: { ...rules, keywords: [{ keyword: '路灯', sector: '不存在界' }] },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error.code, 'routing.unknown_sector');
    assert.deepEqual(
      bad.json().error.fields.map((f: { field: string }) => f.field),
      ['body.rules.keywords.0.sector'],
    );
    const put = await city.send('PUT', '/api/routing-rules', { committeeId: cityId, rules });
    assert.equal(put.statusCode, 200, put.body);
    const inherited = (await district.get(`/api/routing-rules?committeeId=${districtId}`)).json();
    assert.equal(inherited.sourceCommitteeId, cityId);
    assert.deepEqual(inherited.rules, rules);
    const s = await suggestRouting(await routingDeps(t().deps, districtId), {
      committeeId: districtId,
      category: 'transport',
      text: '路灯不亮',
    });
    assert.equal(s.sectors[0]!.name, '环境资源界');
    assert.equal(
      (await other.send('PUT', '/api/routing-rules', { committeeId: cityId, rules })).statusCode,
      404,
    );
    assert.equal((await district.get(`/api/routing-rules?committeeId=${cityId}`)).statusCode, 404);
    assert.equal((await member.get('/api/routing-rules')).statusCode, 403);
    const audit = await t().deps.db.query(
      `select 1 from audit_log where action = 'routing.rules_update' and target_id = $1 and result = 'ok'`,
      [cityId],
    );
    assert.equal(audit.length, 1);
  });
});
