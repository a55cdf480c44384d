import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { jobHandlers, recurringJobs } from '../../background.ts';
import { jobTick } from '../../jobs/worker.ts';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { submitConcern } from '../concerns/intake.ts';
import { suggestFor } from './service.ts';

// Routing that learns: staff keep sending street-lamp concerns to 中国民主建国会 and school
// ones to 中国民主促进会 (neither is what the category rule says); after the learning job the
// suggestion for a new concern in other words follows them, and says why.
const lamps = [
  '和平路路灯坏了一个月，晚上黑灯瞎火',
  '胜利街的路灯不亮，走夜路害怕',
  '小区门口那排路灯全灭了没人修',
  '建设路路燈壞了很久',
  '路灯杆歪了，灯也不亮，怕砸着人',
  '河东街道好几盏路灯晚上不亮',
];
const schools = [
  '孩子上学的小学划片不合理，离家太远',
  '学校课后服务收费太高，家长负担重',
  '小学门口没有校车，孩子走路上学',
  '幼儿园学位不够，孩子入园难',
  '学校作业太多，孩子天天写到半夜',
  '村小学老师走了好几个，没人上课',
];

eachBackend('routing that learns', (t) => {
  let staff: Session;
  const sector = new Map<string, string>();

  let n = 0;
  // Citizens on different phones: one address each, as rate limits are per address.
  const submit = async (text: string) => {
    const ip = `10.6.${Math.floor(++n / 250)}.${n % 250}`;
    const r = await submitConcern(
      t().deps,
      { suggestRouting: suggestFor },
      { memberCode: 'RLTEST23', category: 'livelihood', text },
      ip,
    );
    const [k] = await t().deps.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
      r.trackingCode,
    ]);
    return k!.id;
  };
  const suggestion = async (id: string) => {
    const res = await staff.get(`/api/concerns/${id}/routing`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().suggestion as {
      sectors: { name: string; reasons: { kind: string; detail?: string }[] }[];
    };
  };

  before(async () => {
    const county = await t().committee('131121');
    const [p] = await t().deps.db.query<{ id: string }>(
      `select person_id as id from memberships where committee_id = $1 and status = 'active' limit 1`,
      [county.id],
    );
    await t().deps.db.query(`update persons set public_code = 'RLTEST23' where id = $1`, [p!.id]);
    await t().account({ username: 'rlstaff', role: 'staff', region: '131121' });
    staff = await t().login('rlstaff');
    for (const name of ['中国民主建国会', '中国民主促进会']) {
      const [s] = await t().deps.db.query<{ id: string }>(
        'select id from sectors where committee_id is null and name = $1',
        [name],
      );
      sector.set(name, s!.id);
    }
  });

  test('before any decision the rule set suggests; after staff decisions the model does, with its reasons', async () => {
    const probe = await submit('路灯又坏了，晚上黑乎乎的');
    const first = await suggestion(probe);
    assert.notEqual(first.sectors[0]?.name, '中国民主建国会');
    assert.ok(first.sectors.every((s) => s.reasons.every((r) => r.kind !== 'learned')));

    for (const [texts, name] of [
      [lamps, '中国民主建国会'],
      [schools, '中国民主促进会'],
    ] as const)
      for (const text of texts) {
        const id = await submit(text);
        const res = await staff.send('POST', `/api/concerns/${id}/routing`, { sectorId: sector.get(name) });
        assert.equal(res.statusCode, 200, res.body);
      }
    t().clock.advance(61_000);
    await jobTick(t().deps, jobHandlers, recurringJobs);
    const [model] = await t().deps.db.query<{ examples: number }>(
      `select examples from text_models where kind = 'routing.sectors'`,
    );
    assert.equal(model?.examples, lamps.length + schools.length);

    const lamp = await suggestion(await submit('咱这条街晚上路灯不亮，黑得看不见路'));
    assert.equal(lamp.sectors[0]?.name, '中国民主建国会');
    const why = lamp.sectors[0]!.reasons.filter((r) => r.kind === 'learned').map((r) => r.detail ?? '');
    assert.ok(
      why.some((d) => d.startsWith('关键词:')),
      why.join(' | '),
    );
    assert.ok(
      why.some((d) => d.startsWith('已学习 12 件')),
      why.join(' | '),
    );
    const school = await suggestion(await submit('小学离家太远，孩子上学不方便'));
    assert.equal(school.sectors[0]?.name, '中国民主促进会');

    // Nothing new: the next run learns nothing and changes nothing.
    t().clock.advance(61_000);
    await jobTick(t().deps, jobHandlers, recurringJobs);
    const [again] = await t().deps.db.query<{ examples: number }>(
      `select examples from text_models where kind = 'routing.sectors'`,
    );
    assert.equal(again?.examples, lamps.length + schools.length);
  });
});
