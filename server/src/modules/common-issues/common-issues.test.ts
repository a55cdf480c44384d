import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { jobTick } from '../../jobs/worker.ts';
import { jobHandlers, recurringJobs } from '../../background.ts';
import type { Session } from '../../test-support/app.ts';
import { memberWithQr, staffOf } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { submitConcern } from '../concerns/intake.ts';
import { suggestFor } from '../routing/service.ts';
import { forgetAll } from './engine.ts';
import { notifyAtCount } from './persist.ts';
import { placeBacklog, placeNewConcerns } from './placing.ts';

// Concerns about the same broken street lamps, written differently, become one common issue;
// heating complaints another; staff decisions stick across a rebuild from scratch.
const lamps = [
  '和平路的路灯坏了快一个月了，晚上黑灯瞎火的，老人出门不敢走',
  '和平路路灯不亮，晚上走路看不见，希望尽快修一下路灯',
  '俺们和平路那一段的路灯全灭了，黑咕隆咚的，咋没人管',
  '和平路路燈壞了好久了，晚上很黑，請相關部門維修路燈',
  '晚上和平路一片漆黑，路灯一盏都不亮，孩子放学回家害怕',
  '反映和平路路灯长期不亮的问题，夜里出行很不安全',
];
const heating = [
  '幸福家园小区暖气不热，屋里才十五度，老人孩子都冻感冒了',
  '幸福家园供暖温度太低，暖气片摸着冰凉，交了取暖费不给热',
  '我家在幸福家园3号楼，今年暖气一直不热，物业推给热力公司',
];
const other = '村里的小学没有校车，孩子每天走五里路上学';

eachBackend('common issues', (t) => {
  let otherStaff: Session;

  let n = 0;
  // Each citizen from an address of their own: rate limits are per address.
  const submitTo = async (ids: Map<string, string>, text: string, memberCode: string) => {
    const r = await submitConcern(
      t().deps,
      { suggestRouting: suggestFor },
      { memberCode, category: 'livelihood', text },
      `10.9.${n >> 8}.${++n & 255}`,
    );
    const [k] = await t().deps.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
      r.trackingCode,
    ]);
    ids.set(text, k!.id);
    t().clock.advance(60_000);
  };
  // The placing job is recurring (once a minute): move to the next minute, then run what is due.
  const runJobs = async () => {
    t().clock.advance(61_000);
    return jobTick(t().deps, jobHandlers, recurringJobs);
  };
  const issueOf = async (concernId: string) => {
    const [row] = await t().deps.db.query<{ issue_id: string }>(
      'select issue_id from common_issue_concerns where concern_id = $1',
      [concernId],
    );
    return row?.issue_id;
  };

  /**
   * A county of the test's own with its staff and a member citizens write to: four of the
   * street-lamp concerns, the three about heating and the one about the school bus, placed by
   * the job. Common issues are the committee's, so no other test's concerns join them.
   */
  const county = async (region: string) => {
    const staff = await staffOf(t(), region);
    const member = await memberWithQr(t(), region);
    const ids = new Map<string, string>();
    const submit = (text: string) => submitTo(ids, text, member.code);
    for (const text of [...lamps.slice(0, 4), ...heating, other]) await submit(text);
    await runJobs();
    return {
      staff: staff.session,
      committee: staff.committee,
      submit,
      idOf: (text: string) => ids.get(text)!,
    };
  };

  before(async () => {
    // Staff of a county where no test files a concern.
    otherStaff = (await staffOf(t(), '131128')).session;
  });

  test('the same problem in different words (and characters) is one common issue; others are not', async () => {
    const { idOf } = await county('131121');
    const lampIssue = await issueOf(idOf(lamps[0]!));
    assert.ok(lampIssue);
    for (const text of lamps.slice(1, 4)) assert.equal(await issueOf(idOf(text)), lampIssue, text);
    const heatIssue = await issueOf(idOf(heating[0]!));
    for (const text of heating) assert.equal(await issueOf(idOf(text)), heatIssue, text);
    assert.notEqual(heatIssue, lampIssue);
    const alone = await issueOf(idOf(other));
    assert.ok(alone && alone !== lampIssue && alone !== heatIssue);
  });

  test('the board lists issues of two or more concerns in the caller subtree, with evidence', async () => {
    const { staff } = await county('131102');
    const list = await staff.get('/api/common-issues');
    assert.equal(list.statusCode, 200, list.body);
    const items = list.json().items as {
      id: string;
      concernCount: number;
      keyTerms: string[];
      title: string;
    }[];
    assert.deepEqual(
      items.map((i) => i.concernCount),
      [4, 3],
    );
    assert.ok(items[0]!.keyTerms.includes('路灯'), items[0]!.keyTerms.join(','));
    const detail = await staff.get(`/api/common-issues/${items[0]!.id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    const d = detail.json();
    assert.equal(d.concerns.length, 4);
    assert.ok(d.representatives.length >= 1);
    assert.equal(
      d.byDay.reduce((n: number, x: { count: number }) => n + x.count, 0),
      4,
    );
    assert.ok(d.title.length > 0 && [...d.title].length <= 29, d.title);

    // Another county's staff neither lists nor opens it.
    assert.equal((await otherStaff.get('/api/common-issues')).json().total, 0);
    assert.equal((await otherStaff.get(`/api/common-issues/${items[0]!.id}`)).statusCode, 404);
  });

  test('new concerns join within the next run; staff hear once the issue passes the threshold', async () => {
    const { idOf, submit, committee } = await county('131103');
    for (const text of lamps.slice(4)) await submit(text);
    await runJobs();
    const lampIssue = await issueOf(idOf(lamps[0]!));
    for (const text of lamps.slice(4)) assert.equal(await issueOf(idOf(text)), lampIssue);
    assert.ok(lamps.length >= notifyAtCount);
    const notices = await t().deps.db.query<{ payload: { commonIssueId: string } }>(
      `select payload from outbox where kind = 'common_issue.grown' and channel = 'in_app' and committee_id = $1`,
      [committee.id],
    );
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.payload.commonIssueId, lampIssue);
    await runJobs();
    assert.equal(
      (
        await t().deps.db.query(
          `select 1 from outbox where kind = 'common_issue.grown' and channel = 'in_app' and committee_id = $1`,
          [committee.id],
        )
      ).length,
      1,
    );
  });

  test('a detached concern leaves and is not pulled back by later runs or a rebuild', async () => {
    const { idOf, staff, committee } = await county('131123');
    const lampIssue = (await issueOf(idOf(lamps[0]!)))!;
    const gone = idOf(lamps[2]!);
    const bad = await staff.send('POST', `/api/common-issues/${lampIssue}/detach`, {
      concernId: idOf(heating[0]!),
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, 'concernId');
    const res = await staff.send('POST', `/api/common-issues/${lampIssue}/detach`, { concernId: gone });
    assert.equal(res.statusCode, 200, res.body);
    assert.notEqual(await issueOf(gone), lampIssue);

    // A fresh process (no cached index) and a rebuild from scratch both respect it.
    forgetAll();
    const rb = await staff.send('POST', '/api/common-issues/rebuild', { committeeId: committee.id });
    assert.equal(rb.statusCode, 202, rb.body);
    await runJobs();
    assert.notEqual(await issueOf(gone), lampIssue);
    assert.equal(await issueOf(idOf(lamps[0]!)), lampIssue);
    const audit = await t().deps.db.query(
      `select 1 from audit_log where action = 'commonIssues.detach' and result = 'ok'`,
    );
    assert.equal(audit.length, 1);
  });

  test('confirm, split, merge, and a report draft linked to the issue', async () => {
    const { idOf, staff } = await county('131124');
    const lampIssue = (await issueOf(idOf(lamps[0]!)))!;
    const heatIssue = (await issueOf(idOf(heating[0]!)))!;
    assert.equal((await staff.send('POST', `/api/common-issues/${lampIssue}/confirm`)).statusCode, 200);
    assert.equal((await staff.get(`/api/common-issues/${lampIssue}`)).json().status, 'confirmed');

    const split = await staff.send('POST', `/api/common-issues/${heatIssue}/split`, {
      concernIds: [idOf(heating[2]!)],
    });
    assert.equal(split.statusCode, 200, split.body);
    const moved = await issueOf(idOf(heating[2]!));
    assert.ok(moved && moved !== heatIssue);
    const merged = await staff.send('POST', `/api/common-issues/${heatIssue}/merge`, { otherId: moved });
    assert.equal(merged.statusCode, 200, merged.body);
    for (const text of heating) assert.equal(await issueOf(idOf(text)), heatIssue);

    const draft = await staff.send('POST', `/api/common-issues/${lampIssue}/report-draft`);
    assert.equal(draft.statusCode, 200, draft.body);
    const again = await staff.send('POST', `/api/common-issues/${lampIssue}/report-draft`);
    assert.equal(again.json().reportDraftId, draft.json().reportDraftId);
    const [row] = await t().deps.db.query<{ title: string; common_issue_id: string }>(
      'select title, common_issue_id from opinion_report_drafts where id = $1',
      [draft.json().reportDraftId],
    );
    assert.equal(row!.common_issue_id, lampIssue);
    assert.match(row!.title, /社情民意信息$/);
  });

  test('one by one (a large committee): a new concern joins its issue through the index', async () => {
    const { idOf, submit } = await county('131125');
    const lampIssue = (await issueOf(idOf(lamps[0]!)))!;
    await submit('和平路的路灯到现在还是不亮，晚上出门得打手电');
    const placed = await t().deps.db.tx((q) => placeNewConcerns(q, t().deps, { regroupBelow: 0 }));
    assert.equal(placed, 1);
    assert.equal(await issueOf(idOf('和平路的路灯到现在还是不亮，晚上出门得打手电')), lampIssue);
  });

  test('a burst larger than a batch is placed in one run, round after round', async () => {
    const { idOf, submit } = await county('131182');
    const burst = ['和平路路灯又灭了，晚上看不见路', '和平路上的路灯一到晚上就不亮', '和平路路灯坏了没人修'];
    for (const text of burst) await submit(text);
    const placed = await t().deps.db.tx((q) =>
      placeBacklog(q, t().deps, { batch: 1, budgetMs: 60_000, regroupBelow: 0 }),
    );
    assert.equal(placed, burst.length);
    for (const text of burst) assert.ok(await issueOf(idOf(text)), text);
  });

  test("staff answer an issue's concerns together: each its own answer; closed ones are left and named", async () => {
    const { idOf, staff } = await county('131127');
    const lampIssue = (await issueOf(idOf(lamps[0]!)))!;
    const text = '已协调城管部门对和平路全线路灯进行检修，本周内恢复照明。';
    const res = await staff.send('POST', `/api/common-issues/${lampIssue}/answer-together`, { text });
    assert.equal(res.statusCode, 200, res.body);
    const { answered, skipped } = res.json() as { answered: { concernId: string }[]; skipped: unknown[] };
    assert.equal(answered.length, 4);
    assert.deepEqual(skipped, []);
    for (const line of lamps.slice(0, 4)) {
      const [k] = await t().deps.db.query<{ status: string; answers: number }>(
        `select k.status, (select count(*)::int from concern_events e
            where e.concern_id = k.id and e.kind = 'answered' and e.public_text = $2) as answers
           from concerns k where k.id = $1`,
        [idOf(line), text],
      );
      assert.deepEqual(k, { status: 'answered', answers: 1 }, line);
    }
    // Again: nothing is answered twice; each is named with its state.
    const again = (
      await staff.send('POST', `/api/common-issues/${lampIssue}/answer-together`, { text })
    ).json();
    assert.equal(again.answered.length, 0);
    assert.deepEqual(
      new Set(again.skipped.map((x: { status: string; code: string }) => `${x.status}:${x.code}`)),
      new Set(['answered:concerns.bad_state']),
    );
    assert.equal(
      (await staff.send('POST', `/api/common-issues/${lampIssue}/answer-together`, { text: '' })).statusCode,
      400,
    );
    assert.equal(
      (
        await (
          await staffOf(t(), '131128')
        ).session.send('POST', `/api/common-issues/${lampIssue}/answer-together`, {
          text,
        })
      ).statusCode,
      404,
    );
  });

  // Last in the file: it moves the clock to an hour where China's date is ahead of UTC's.
  test('staff name an issue and the engine keeps the name; places merge by containment; days are China days', async () => {
    t().clock.set(new Date('2026-12-03T07:30:00+08:00')); // 12-02 23:30 UTC
    const staff = await staffOf(t(), '131126');
    const stranger = (await staffOf(t(), '131127')).session;
    const member = await memberWithQr(t(), '131126');
    const places = ['振兴路', '城关镇振兴路', '振兴路县医院附近', '振兴路'];
    for (const [k, place] of places.entries()) {
      await submitConcern(
        t().deps,
        { suggestRouting: suggestFor },
        { memberCode: member.code, category: 'livelihood', text: lamps[k]!, place },
        `10.126.0.${k + 1}`,
      );
      t().clock.advance(60_000);
    }
    await runJobs();
    const s = staff.session;
    const list = await s.get('/api/common-issues');
    assert.equal(list.statusCode, 200, list.body);
    const [issue] = list.json().items as { id: string; title: string }[];
    assert.ok(issue);
    const engineTitle = issue.title;

    const detail = (await s.get(`/api/common-issues/${issue.id}`)).json();
    assert.deepEqual(detail.byDay, [{ label: '2026-12-03', count: 4 }]);
    assert.deepEqual(detail.byPlace, [
      {
        label: '振兴路',
        count: 4,
        parts: [
          { label: '城关镇振兴路', count: 1 },
          { label: '振兴路县医院附近', count: 1 },
        ],
      },
    ]);
    for (const term of detail.keyTerms as string[]) assert.ok(!['晚上', '孩子', '老人'].includes(term), term);

    const renamed = await s.send('PATCH', `/api/common-issues/${issue.id}`, { title: '和平路路灯长期不亮' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().title, '和平路路灯长期不亮');
    assert.equal(renamed.json().named, true);
    // A later run describes the group again; the name staff gave stays.
    await submitConcern(
      t().deps,
      { suggestRouting: suggestFor },
      { memberCode: member.code, category: 'livelihood', text: lamps[4]!, place: '振兴路' },
      '10.126.0.9',
    );
    await runJobs();
    const again = (await s.get(`/api/common-issues/${issue.id}`)).json();
    assert.equal(again.title, '和平路路灯长期不亮');
    assert.equal(again.concerns.length, 5);
    // Refused: a name with a line break; another county's staff.
    assert.equal(
      (await s.send('PATCH', `/api/common-issues/${issue.id}`, { title: '一\n二' })).statusCode,
      400,
    );
    assert.equal(
      (await stranger.send('PATCH', `/api/common-issues/${issue.id}`, { title: '别人' })).statusCode,
      404,
    );
    // An empty name gives the engine's title back.
    const back = (await s.send('PATCH', `/api/common-issues/${issue.id}`, { title: '' })).json();
    assert.equal(back.named, false);
    assert.notEqual(back.title, '和平路路灯长期不亮');
    assert.ok(back.title.length > 0 && engineTitle.length > 0);
    const [audit] = await t().deps.db.query<{ detail: { to: string | null } }>(
      `select detail from audit_log where action = 'commonIssues.rename' and target_id = $1 order by at limit 1`,
      [issue.id],
    );
    assert.equal(audit?.detail.to, '和平路路灯长期不亮');
  });
});
