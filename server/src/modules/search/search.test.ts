import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { SearchResult } from '../../../../contracts/search.ts';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { concernDocument, upsertDocuments } from './documents.ts';
import { indexAllQueued, queueConcernForIndex } from './queue.ts';

// Search through HTTP on each backend: scope as a matrix, ranking, highlights, typos,
// pinyin, and the index following every write.
eachBackend('search', (t) => {
  const s: Record<string, Session> = {};
  const ids = {} as Record<'k1' | 'k2' | 'k3' | 'k4' | 'zls', string>;
  let ipSeq = 0;
  let studioA: string;
  let studioACode: string;
  let studioBCode: string;
  let memberInA: string; // person in studio A, has the account member1

  const find = async (who: string, q: string, extra = ''): Promise<SearchResult> => {
    const r = await s[who]!.get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  const refs = (r: SearchResult) => r.items.map((i) => i.id);
  const text = (segs: { text: string }[]) => segs.map((x) => x.text).join('');
  const submit = async (studioCode: string, body: string, place?: string) => {
    const r = await t().app.inject({
      method: 'POST',
      url: '/api/public/concerns',
      headers: { 'x-forwarded-for': `10.7.0.${++ipSeq}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ studioCode, category: 'livelihood', text: body, place }),
    });
    assert.equal(r.statusCode, 200, r.body);
    const [row] = await t().deps.db.query<{ id: string }>(
      'select id from concerns where tracking_code = $1',
      [r.json().trackingCode],
    );
    return row!.id;
  };
  const approvedStudio = async (region: string, name: string, leadPersonId: string) => {
    const c = await t().committee(region);
    const r = await s.prov!.send('POST', '/api/studios', {
      committeeId: c.id,
      name,
      kind: 'regional',
      leadPersonId,
    });
    assert.equal(r.statusCode, 200, r.body);
    const id = r.json().id as string;
    await s.prov!.send('POST', `/api/studios/${id}/submit`);
    // Another account reviews what one submitted (separation of duties): the city's staff.
    await s.city!.send('POST', `/api/studios/${id}/review`, { decision: 'approve' });
    return { id, code: r.json().publicCode as string };
  };
  const personIn = async (region: string, offset = 0) => {
    const c = await t().committee(region);
    const [p] = await t().deps.db.query<{ id: string }>(
      `select m.person_id as id from memberships m where m.committee_id = $1 and m.status = 'active'
         and (select count(*) from memberships x where x.person_id = m.person_id) = 1
       order by m.person_id offset $2 limit 1`,
      [c.id, offset],
    );
    return p!.id;
  };

  before(async () => {
    memberInA = await personIn('131121');
    const memberInB = await personIn('131122');
    await t().account({ username: 'prov', role: 'admin', region: '130000' });
    await t().account({ username: 'city', role: 'staff', region: '131100' });
    await t().account({ username: 'county_a', role: 'staff', region: '131121' });
    await t().account({ username: 'county_b', role: 'staff', region: '131122' });
    await t().account({ username: 'other_city', role: 'staff', region: '130100' });
    await t().account({ username: 'member1', role: 'member', region: '131121', personId: memberInA });
    await t().account({ username: 'member9', role: 'member', region: '131122', personId: memberInB });
    for (const u of ['prov', 'city', 'county_a', 'county_b', 'other_city', 'member1', 'member9'])
      s[u] = await t().login(u);
    ({ id: studioA, code: studioACode } = await approvedStudio('131121', '幸福社区委员工作室', memberInA));
    ({ code: studioBCode } = await approvedStudio('131122', '光明路灯服务工作室', memberInB));
    ids.k1 = await submit(
      studioACode,
      '幸福小区的路灯坏了三个月，路灯不亮晚上出行很不方便',
      '枣强县幸福小区',
    );
    ids.k2 = await submit(studioACode, '老旧小区加装电梯的补贴什么时候发放？电话13912345678');
    ids.k3 = await submit(studioBCode, '学校门口交通拥堵，希望增设路灯和红绿灯');
    ids.k4 = await submit(studioBCode, '農村道路破損嚴重，雨天積水');
    await indexAllQueued(t().deps); // what the indexing loop does a second later
  });

  test('a new concern is queued by its submission and found once the indexing loop has run', async () => {
    const k = await submit(studioACode, '幸福小区垃圾站异味严重，夏天蚊蝇很多');
    assert.equal((await find('prov', '垃圾站', '&kind=concern')).total, 0, 'not indexed inside the request');
    const queued = await t().deps.db.query('select 1 from search_queue where ref_id = $1', [k]);
    assert.equal(queued.length, 1);
    assert.equal(await indexAllQueued(t().deps), 1);
    assert.deepEqual(refs(await find('prov', '垃圾站', '&kind=concern')), [k]);
    assert.deepEqual(refs(await find('member1', '垃圾站', '&kind=concern')), [k], 'within its inbox scope');
    assert.equal(await indexAllQueued(t().deps), 0, 'the queue is empty');
    // A concern erased while it waited leaves the index instead of coming back.
    const gone = crypto.randomUUID();
    const [c] = await t().deps.db.query<{ id: string }>(
      'select committee_id as id from concerns where id = $1',
      [k],
    );
    await upsertDocuments(t().deps.db, [
      concernDocument({
        id: gone,
        tracking_code: 'GONE234567',
        committee_id: c!.id,
        person_id: null,
        studio_id: null,
        category: 'livelihood',
        body: '垃圾站已删除的诉求',
        place: null,
        updated_at: new Date(),
      }),
    ]);
    await queueConcernForIndex(t().deps.db, gone, new Date());
    assert.equal(await indexAllQueued(t().deps), 1);
    const left = await t().deps.db.query('select 1 from search_documents where ref_id = $1', [gone]);
    assert.equal(left.length, 0);
  });

  test('a Chinese term is found only inside the caller’s reach (matrix of accounts)', async () => {
    const expected: Record<string, ('k1' | 'k3')[]> = {
      prov: ['k1', 'k3'],
      city: ['k1', 'k3'],
      county_a: ['k1'],
      county_b: ['k3'],
      other_city: [],
      member1: ['k1'], // its studio's concern, not the other county's
      member9: ['k3'],
    };
    for (const [who, want] of Object.entries(expected)) {
      const r = await find(who, '路灯', '&kind=concern');
      assert.deepEqual(refs(r).sort(), want.map((k) => ids[k]).sort(), `${who} searching 路灯`);
    }
    // A member account never finds the roster (members.read is staff only).
    assert.equal((await find('member1', '委员', '&kind=member')).total, 0);
    const r = await find('county_a', '路灯');
    assert.equal(r.counts.studio, 0, 'the studio of another county stays hidden');
    assert.equal((await find('prov', '路灯')).counts.studio, 1);
  });

  test('committeeId narrows within the scope; outside the scope it is not found', async () => {
    const b = await t().committee('131122');
    assert.deepEqual(refs(await find('prov', '路灯', `&kind=concern&committeeId=${b.id}`)), [ids.k3]);
    const r = await s.county_a!.get(`/api/search?q=%E8%B7%AF%E7%81%AF&committeeId=${b.id}`);
    assert.equal(r.statusCode, 404);
  });

  test('ranking: a name hit above a body hit, more occurrences above fewer', async () => {
    const r = await find('prov', '路灯');
    assert.equal(
      r.items[0]!.kind,
      'studio',
      `the studio named 光明路灯… comes first: ${JSON.stringify(r.items.map((i) => [i.kind, text(i.title)]))}`,
    );
    const concerns = r.items.filter((i) => i.kind === 'concern').map((i) => i.id);
    assert.deepEqual(concerns, [ids.k1, ids.k3], 'k1 says 路灯 twice');
  });

  test('highlights are segments over the original text, also for traditional characters', async () => {
    const [hit] = (await find('prov', '路灯不亮', '&kind=concern')).items;
    assert.equal(hit!.id, ids.k1, 'found as written although jieba cuts 路灯不亮 alone as 路/灯不亮');
    assert.ok(
      hit!.title.some((x) => x.hit && x.text.includes('路灯不亮')),
      'marked in the title',
    );
    const [trad] = (await find('prov', '道路破损', '&kind=concern')).items;
    assert.equal(trad!.id, ids.k4);
    const marked = trad!.title.filter((x) => x.hit).map((x) => x.text);
    assert.deepEqual(marked, ['道路破損'], 'the original traditional characters are marked');
    assert.equal(text(trad!.title), '農村道路破損嚴重，雨天積水');
    assert.deepEqual(trad!.excerpt, [], 'a short concern is all title: no excerpt repeating it');
  });

  test('a phone number never reaches the index, nor finds the concern', async () => {
    const rows = await t().deps.db.query<{ body: string; tokens: string; grams: string }>(
      `select body, tokens::text, grams::text from search_documents where ref_id = $1`,
      [ids.k2],
    );
    assert.ok(rows[0]!.body.includes('139****5678'));
    assert.ok(!JSON.stringify(rows).includes('1234'), 'no middle digits anywhere');
    assert.equal((await find('prov', '13912345678')).total, 0);
  });

  test('members by pinyin initials, full pinyin, part of the name, and a typo', async () => {
    const c = await t().committee('131121');
    const r = await s.county_a!.send('POST', '/api/members', {
      name: '张丽霜',
      gender: 'female',
      committeeId: c.id,
      workUnitPost: '枣强县第一中学教师',
    });
    assert.equal(r.statusCode, 200, r.body);
    ids.zls = r.json().id;
    for (const q of ['zls', 'zhanglishuang', 'zhangli', '张丽霜', '丽霜']) {
      const found = await find('county_a', q, '&kind=member');
      assert.ok(refs(found).includes(ids.zls), `${q} finds 张丽霜`);
      assert.equal(found.mode, 'exact');
    }
    const typo = await find('county_a', '张立霜', '&kind=member');
    assert.equal(typo.mode, 'similar');
    assert.equal(refs(typo)[0], ids.zls, 'a homophone typo');
    assert.deepEqual(
      typo.items[0]!.title.filter((x) => x.hit).map((x) => x.text),
      ['张丽霜'],
    );
    const wrong = await find('county_a', '张丽雪', '&kind=member');
    assert.ok(refs(wrong).includes(ids.zls), 'one wrong character of three');
    assert.equal((await find('county_b', 'zls', '&kind=member')).items.length, 0, 'another county');
  });

  test('a wrong character in a short term finds the term', async () => {
    const r = await find('prov', '路等', '&kind=concern');
    assert.equal(r.mode, 'similar');
    assert.deepEqual(refs(r).sort(), [ids.k1, ids.k3].sort());
    assert.ok([...r.items[0]!.title, ...r.items[0]!.excerpt].some((x) => x.hit && x.text === '路灯'));
  });

  test('an updated member, studio and concern are found by the new text, not the old', async () => {
    const added = await s.county_a!.send('POST', '/api/members', {
      name: '张丽霜',
      gender: 'female',
      committeeId: (await t().committee('131121')).id,
      workUnitPost: '枣强县第二中学教师',
    });
    assert.equal(added.statusCode, 200, added.body);
    const zls: string = added.json().id;
    assert.ok(refs(await find('county_a', 'zls', '&kind=member')).includes(zls));
    const m = await s.county_a!.send('PATCH', `/api/members/${zls}`, { name: '张丽雯' });
    assert.equal(m.statusCode, 200, m.body);
    assert.ok(refs(await find('county_a', 'zlw', '&kind=member')).includes(zls));
    assert.ok(!refs(await find('county_a', 'zls', '&kind=member')).includes(zls));
    const st = await s.prov!.send('PATCH', `/api/studios/${studioA}`, { name: '和谐家园委员工作室' });
    assert.equal(st.statusCode, 200, st.body);
    assert.deepEqual(refs(await find('prov', '和谐家园', '&kind=studio')), [studioA]);
    assert.ok(!refs(await find('prov', '幸福社区', '&kind=studio')).includes(studioA));
    // A concern handed up to the city leaves the county's reach and enters the city's.
    const e = await s.county_a!.send('POST', `/api/concerns/${ids.k1}/escalate`, { reason: '需市级协调' });
    assert.equal(e.statusCode, 200, e.body);
    assert.deepEqual(refs(await find('county_a', '路灯', '&kind=concern')), []);
    assert.ok(refs(await find('city', '路灯', '&kind=concern')).includes(ids.k1));
    const ret = await s.county_a!.send('POST', `/api/members/${zls}/retire`, { retiredOn: '2026-01-01' });
    assert.equal(ret.statusCode, 200, ret.body);
    assert.ok(!refs(await find('county_a', 'zlw', '&kind=member')).includes(zls), 'a retired seat leaves');
  });

  test('paging: pages do not overlap and total counts all', async () => {
    const all = await find('prov', 'zh', '&kind=member&pageSize=50');
    assert.ok(all.total > 5, `${all.total}`);
    const p1 = await find('prov', 'zh', '&kind=member&pageSize=3&page=1');
    const p2 = await find('prov', 'zh', '&kind=member&pageSize=3&page=2');
    assert.equal(p1.total, all.total);
    assert.equal(p1.items.length, 3);
    assert.deepEqual([...refs(p1), ...refs(p2)], refs(all).slice(0, 6));
  });

  const codeOf = async (id: string) =>
    (
      await t().deps.db.query<{ code: string }>('select tracking_code as code from concerns where id = $1', [
        id,
      ])
    )[0]!.code;
  const dashed = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 7)} ${code.slice(7)}`.toLowerCase();

  test('a concern is found by its tracking code, also typed in lower case or with spaces and dashes', async () => {
    const code = await codeOf(ids.k2);
    for (const q of [code, code.toLowerCase(), dashed(code), ` ${code.slice(0, 5)} ${code.slice(5)} `]) {
      const r = await find('prov', q);
      assert.equal(r.items[0]?.id, ids.k2, `${q} finds the concern first`);
      assert.equal(r.items[0]!.trackingCode, code);
      assert.deepEqual(
        refs(await find('member1', q, '&kind=concern')),
        [ids.k2],
        `${q}: in the inbox's reach`,
      );
    }
    assert.deepEqual(refs(await find('county_b', code, '&kind=concern')), [], 'another county');
    assert.deepEqual(
      refs(await find('prov', `${code.slice(0, 9)}Z`, '&kind=concern')),
      [],
      'one character off',
    );
  });

  test("the staff list's keyword finds a tracking code (however typed) and words of the text", async () => {
    const list = async (who: string, q: string, extra = '') => {
      const r = await s[who]!.get(`/api/concerns?q=${encodeURIComponent(q)}${extra}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as { items: { id: string }[]; total: number };
    };
    const code = await codeOf(ids.k1);
    for (const q of [code, code.toLowerCase(), dashed(code)]) {
      const r = await list('city', q);
      assert.deepEqual(
        r.items.map((i) => i.id),
        [ids.k1],
        q,
      );
      assert.equal(r.total, 1);
    }
    assert.equal((await list('county_b', code)).total, 0, 'outside the scope');
    const words = await list('city', '路灯');
    assert.deepEqual(words.items.map((i) => i.id).sort(), [ids.k1, ids.k3].sort());
    assert.deepEqual(
      (await list('county_b', '路灯')).items.map((i) => i.id),
      [ids.k3],
      'within the scope',
    );
    assert.equal((await list('city', '路灯', '&status=closed')).total, 0, 'with the other filters');
    assert.equal((await list('city', '电梯 补贴')).items[0]?.id, ids.k2, 'all the words');
    assert.equal((await list('city', '电梯 红绿灯')).total, 0, 'not any of them');
    assert.equal((await list('city', '，。')).total, 0, 'nothing to look for finds nothing');
    const bad = await s.city!.get(`/api/concerns?q=${encodeURIComponent('路灯\t坏了')}`);
    assert.equal(bad.statusCode, 400, bad.body);
    const tooLong = await s.city!.get(`/api/concerns?q=${'路'.repeat(101)}`);
    assert.equal(tooLong.statusCode, 400, tooLong.body);
  });

  test('full pinyin of a name of several syllables finds the member (zhangwei, wangfang, ouyang)', async () => {
    const c = await t().committee('131121');
    const made: Record<string, string> = {};
    for (const name of ['张伟', '王芳', '欧阳娜娜']) {
      const r = await s.county_a!.send('POST', '/api/members', {
        name,
        gender: name === '张伟' ? 'male' : 'female',
        committeeId: c.id,
        workUnitPost: '枣强县政协委员',
      });
      assert.equal(r.statusCode, 200, r.body);
      made[name] = r.json().id;
    }
    for (const [q, name] of [
      ['zhangwei', '张伟'],
      ['ZhangWei', '张伟'],
      ['zhang wei', '张伟'],
      ['wangfang', '王芳'],
      ['ouyang', '欧阳娜娜'],
      ['ouyangnana', '欧阳娜娜'],
      ['oynn', '欧阳娜娜'],
    ] as const) {
      const r = await find('county_a', q, '&kind=member');
      assert.ok(
        refs(r).includes(made[name]!),
        `${q} finds ${name}: ${JSON.stringify(r.items.map((i) => text(i.title)))}`,
      );
      const hit = r.items.find((i) => i.id === made[name])!;
      assert.equal(text(hit.title), name);
    }
    // And in the roster's own keyword box.
    for (const [q, name] of [
      ['zhangwei', '张伟'],
      ['wangfang', '王芳'],
      ['ouyang', '欧阳娜娜'],
    ] as const) {
      const r = await s.county_a!.get(`/api/members?q=${q}&pageSize=100`);
      assert.equal(r.statusCode, 200, r.body);
      assert.ok(
        (r.json().items as { id: string }[]).some((m) => m.id === made[name]),
        `the roster finds ${name} by ${q}`,
      );
    }
  });

  test('垃圾站 finds 垃圾中转站; 垃圾中转站 does not find every 垃圾', async () => {
    const transfer = await submit(
      studioACode,
      '东方小区门口的垃圾中转站臭气熏天，夏天尤其严重，请有关部门尽快清运处理',
    );
    const sorting = await submit(studioACode, '希望小区多设几个垃圾分类桶，方便居民投放');
    const station = await submit(studioACode, '建设路公交站的站牌被风刮倒了');
    await indexAllQueued(t().deps);
    const short = refs(await find('prov', '垃圾站', '&kind=concern'));
    assert.ok(short.includes(transfer), 'the short form finds the compound');
    assert.ok(!short.includes(sorting), 'not every concern about 垃圾');
    assert.ok(!short.includes(station), 'not every concern about a 站');
    const [late] = (await find('prov', '清运', '&kind=concern')).items.filter((i) => i.id === transfer);
    assert.ok(
      late!.excerpt.some((x) => x.hit && x.text === '清运'),
      'a hit past the title: in the excerpt',
    );
    assert.ok(!late!.title.some((x) => x.hit));
    const long = refs(await find('prov', '垃圾中转站', '&kind=concern'));
    assert.deepEqual(long, [transfer], 'the compound finds itself only');
    const list = await s.county_a!.get(`/api/concerns?q=${encodeURIComponent('垃圾站')}`);
    assert.equal(list.statusCode, 200, list.body);
    const listed = (list.json().items as { id: string }[]).map((i) => i.id);
    assert.ok(listed.includes(transfer) && !listed.includes(sorting), 'the same in the staff list');
  });

  test("results carry their kind, status, committee and date; a concern's title and excerpt do not repeat", async () => {
    const accepted = await s.county_a!.send('POST', `/api/concerns/${ids.k2}/accept`, {});
    assert.ok([200, 409].includes(accepted.statusCode), accepted.body);
    const [row] = await t().deps.db.query<{ status: string; submitted_at: Date; code: string }>(
      'select status, submitted_at, tracking_code as code from concerns where id = $1',
      [ids.k2],
    );
    const [hit] = (await find('prov', '加装电梯', '&kind=concern')).items;
    assert.equal(hit!.id, ids.k2);
    assert.equal(hit!.kind, 'concern');
    assert.equal(hit!.status, row!.status, 'the status as it is now');
    assert.equal(hit!.category, 'livelihood');
    assert.equal(hit!.trackingCode, row!.code);
    const [committee] = await t().deps.db.query<{ name: string }>(
      'select c.name from committees c join concerns k on k.committee_id = c.id where k.id = $1',
      [ids.k2],
    );
    assert.equal(hit!.committeeName, committee!.name);
    assert.equal(hit!.date, new Date(row!.submitted_at).toISOString());
    const title = text(hit!.title);
    assert.ok(title.startsWith('老旧小区加装电梯') && title.endsWith('…'), title);
    assert.ok(!text(hit!.excerpt).includes(title.slice(0, -1)), `the excerpt goes on: ${text(hit!.excerpt)}`);
    const studio = (await find('prov', '幸福社区', '&kind=studio')).items.find((i) => i.id === studioA);
    if (studio) assert.equal(studio.status, 'approved');
    const added = await s.county_a!.send('POST', '/api/members', {
      name: '赵文博',
      gender: 'male',
      committeeId: (await t().committee('131121')).id,
      workUnitPost: '枣强县人民医院医生',
    });
    assert.equal(added.statusCode, 200, added.body);
    const member = (await find('county_a', '赵文博', '&kind=member')).items.find(
      (i) => i.id === added.json().id,
    );
    assert.ok(member, 'a member');
    assert.equal(member.status, null);
    assert.equal(member.category, null);
    assert.ok(!Number.isNaN(Date.parse(member.date)));
  });

  test('nothing found is nothing: not "similar" with no results', async () => {
    const r = await find('prov', '犇骉');
    assert.equal(r.total, 0);
    assert.equal(r.mode, 'exact', 'similar only when something is similar');
  });

  test('bad input is refused naming the field', async () => {
    const bad = async (qs: string, field: string, status = 400) => {
      const r = await s.prov!.get(`/api/search?${qs}`);
      assert.equal(r.statusCode, status, `${qs}: ${r.body}`);
      assert.ok(
        r.json().error.fields.some((f: { field: string }) => f.field === field),
        `${qs}: ${r.body}`,
      );
    };
    await bad('q=', 'querystring.q');
    await bad('kind=concern', 'querystring.q');
    await bad(`q=${'路'.repeat(101)}`, 'querystring.q');
    await bad('q=路灯&kind=report', 'querystring.kind');
    await bad('q=路灯&pageSize=500', 'querystring.pageSize');
    await bad(`q=${encodeURIComponent('，。！')}`, 'querystring.q'); // nothing to look for
    await bad('q=%01abc', 'querystring.q');
    const anon = await t().app.inject({ method: 'GET', url: '/api/search?q=abc' });
    assert.equal(anon.statusCode, 401);
  });
});
