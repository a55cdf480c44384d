import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Session } from '../../test-support/app.ts';
import { memberWithQr, staffOf, submittedConcern } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { submitConcern } from './intake.ts';
import { suggestFor } from '../routing/service.ts';

// Staff set a deadline to a date, mark a service deed with its result, filter the list by
// studio-less/category/date/deed, and take the list away as .xlsx with the same filters.
eachBackend('concern deadlines set, service deeds, list filters and export', (t) => {
  let staff: Session;
  let other: Session;
  let member: Session;
  const ids: string[] = [];

  before(async () => {
    const county = await t().committee('131121');
    const [p] = await t().deps.db.query<{ id: string }>(
      `select person_id as id from memberships where committee_id = $1 and status = 'active' limit 1`,
      [county.id],
    );
    await t().deps.db.query(`update persons set public_code = 'DDTEST23' where id = $1`, [p!.id]);
    await t().account({ username: 'ddstaff', role: 'staff', region: '131121' });
    await t().account({ username: 'ddother', role: 'staff', region: '131122' });
    await t().account({ username: 'ddmember', role: 'member', region: '131121', personId: p!.id });
    t().clock.set(new Date('2026-11-20T02:00:00Z'));
    for (const [i, [category, text]] of (
      [
        ['transport', '村口的桥面有个大坑，雨天全是积水'],
        ['education', '孩子上学的校车太挤了'],
        ['transport', '公交车站的站牌被撞倒了'],
      ] as const
    ).entries()) {
      const r = await submitConcern(
        t().deps,
        { suggestRouting: suggestFor },
        { memberCode: 'DDTEST23', category, text },
        `10.5.5.${i + 1}`,
      );
      const [k] = await t().deps.db.query<{ id: string }>(
        'select id from concerns where tracking_code = $1',
        [r.trackingCode],
      );
      ids.push(k!.id);
      t().clock.advance(86400_000); // one a day: 20, 21, 22 November
    }
    staff = await t().login('ddstaff');
    other = await t().login('ddother');
    member = await t().login('ddmember');
  });
  /** The first concern (transport, 20 November) marked a service deed, as the lists below expect. */
  const deedOnFirst = async () => {
    const res = await staff.send('POST', `/api/concerns/${ids[0]}/service-deed`, {
      result: '协调交通局修补了桥面坑洼',
    });
    assert.equal(res.statusCode, 200, res.body);
  };

  test('a deadline set to a date: in the future only, staff only, recorded in the history', async () => {
    const past = await staff.send('POST', `/api/concerns/${ids[0]}/deadline`, {
      dueAt: '2026-11-01T09:00:00+08:00',
      reason: '补录',
    });
    assert.equal(past.statusCode, 400);
    assert.equal(past.json().error.fields[0].field, 'dueAt');
    const noReason = await staff.send('POST', `/api/concerns/${ids[0]}/deadline`, {
      dueAt: '2026-12-31T17:00:00+08:00',
    });
    assert.equal(noReason.statusCode, 400);
    assert.equal(
      (
        await member.send('POST', `/api/concerns/${ids[0]}/deadline`, {
          dueAt: '2026-12-31T17:00:00+08:00',
          reason: '年底前',
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await other.send('POST', `/api/concerns/${ids[0]}/deadline`, {
          dueAt: '2026-12-31T17:00:00+08:00',
          reason: '年底前',
        })
      ).statusCode,
      404,
    );
    const ok = await staff.send('POST', `/api/concerns/${ids[0]}/deadline`, {
      dueAt: '2026-12-31T17:00:00+08:00',
      reason: '需协调交通部门',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const got = await staff.get(`/api/concerns/${ids[0]}`);
    assert.equal(got.statusCode, 200, got.body);
    const d = got.json();
    assert.equal(d.dueAt, '2026-12-31T09:00:00.000Z');
    assert.ok(d.events.some((e: { kind: string }) => e.kind === 'deadline_set'));
  });

  test('a service deed with its result shows on the concern, the tracking page and in the audit log', async () => {
    // A concern of its own, in a county the lists below do not cover.
    const own = await staffOf(t(), '131123');
    const m = await memberWithQr(t(), '131123');
    const { id } = await submittedConcern(t(), {
      memberCode: m.code,
      category: 'transport',
      text: '村口的桥面有个大坑，雨天全是积水',
    });
    const staff = own.session;
    const res = await staff.send('POST', `/api/concerns/${id}/service-deed`, {
      result: '协调交通局修补了桥面坑洼',
    });
    assert.equal(res.statusCode, 200, res.body);
    const d = (await staff.get(`/api/concerns/${id}`)).json();
    assert.equal(d.serviceDeed.result, '协调交通局修补了桥面坑洼');
    const audit = await t().deps.db.query(
      `select 1 from audit_log where action = 'concerns.service_deed' and target_id = $1`,
      [id],
    );
    assert.equal(audit.length, 1);
    const tracking = await t().app.inject({ method: 'GET', url: `/t/${d.trackingCode}` });
    assert.match(tracking.body, /帮办实事/);
  });

  test('filters: category, date range (China days), service deed; a reversed range names the field', async () => {
    await deedOnFirst();
    const list = async (q: string) => (await staff.get(`/api/concerns?${q}`)).json();
    assert.equal((await list('category=transport')).total, 2);
    assert.equal((await list('from=2026-11-21&to=2026-11-21')).total, 1);
    assert.equal((await list('from=2026-11-21')).total, 2);
    assert.equal((await list('serviceDeed=true')).items[0].id, ids[0]);
    const bad = await staff.get('/api/concerns?from=2026-11-22&to=2026-11-21');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].field, 'to');
  });

  test('export: the same filters as .xlsx, read back; audited; none for another county', async () => {
    await deedOnFirst();
    const res = await staff.get('/api/concerns/export.xlsx?category=transport');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('诉求办理')!;
    assert.equal(ws.getRow(1).getCell(1).value, '查询码');
    assert.equal(ws.rowCount, 3);
    const texts = [ws.getRow(2).getCell(12).value, ws.getRow(3).getCell(12).value];
    assert.ok(texts.includes('村口的桥面有个大坑，雨天全是积水'));
    assert.ok(!texts.includes('孩子上学的校车太挤了'));
    const deedCol = [ws.getRow(2).getCell(10).value, ws.getRow(3).getCell(10).value];
    assert.ok(deedCol.includes('是'));
    const audit = await t().deps.db.query(`select 1 from audit_log where action = 'concerns.export'`);
    assert.equal(audit.length, 1);
    const none = await other.get('/api/concerns/export.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(none.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb2.getWorksheet('诉求办理')!.rowCount, 1);
  });
});
