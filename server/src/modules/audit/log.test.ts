import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { AuditEntry } from '../../../../contracts/audit.ts';
import { auditSentence } from '../../../../contracts/audit-texts.ts';
import { newMember, staffOf, unique } from '../../test-support/fixtures.ts';
import type { AccountFixture } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { readXlsx } from '../../test-support/xlsx.ts';

eachBackend('audit log for people', (t) => {
  let cityAdmin: AccountFixture;
  let countyStaff: AccountFixture;
  let county: string;
  let city: string;
  let sectorName: string;
  let member: { name: string; membershipId: string };
  before(async () => {
    // 2026-12-02 17:30 UTC is 12-03 01:30 in Beijing: the day the office sees.
    t().clock.set(new Date('2026-12-02T17:30:00Z'));
    cityAdmin = await staffOf(t(), '131100', 'admin');
    countyStaff = await staffOf(t(), '131121');
    county = (await t().committee('131121')).id;
    city = (await t().committee('131100')).id;
    sectorName = unique('测试界别');
    const r = await countyStaff.session.send('POST', '/api/sectors', {
      committeeId: county,
      name: sectorName,
    });
    assert.equal(r.statusCode, 200, r.body);
    member = await newMember(t(), '131121', { by: countyStaff.session });
  });

  const log = async (query: string) => {
    const r = await cityAdmin.session.get(`/api/audit?pageSize=100&${query}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as { items: AuditEntry[]; total: number };
  };

  test('entries name their object, committee and operator, and read as sentences', async () => {
    const { items } = await log(`actor=${countyStaff.username}`);
    const sector = items.find((e) => e.action === 'sectors.create');
    assert.ok(sector, 'the sector entry is listed');
    assert.equal(sector.targetName, sectorName);
    assert.equal(sector.committeeName, '政协枣强县委员会');
    assert.equal(auditSentence(sector, 'zh-CN'), `${countyStaff.username}新建界别“${sectorName}”`);
    assert.equal(auditSentence(sector, 'en'), `${countyStaff.username} created the sector “${sectorName}”`);
    const seat = items.find((e) => e.action === 'members.create');
    assert.equal(seat?.targetName, member.name, 'a seat is named by its member');
    assert.ok(
      items.every((e) => e.actorName === countyStaff.username),
      'only that operator',
    );
  });

  test('dates are China time: the entry made at 01:30 Beijing on 12-03 is on 12-03', async () => {
    const on3 = await log(`actor=${countyStaff.username}&from=2026-12-03&to=2026-12-03`);
    assert.ok(on3.items.some((e) => e.action === 'sectors.create'));
    const on2 = await log(`actor=${countyStaff.username}&from=2026-12-02&to=2026-12-02`);
    assert.equal(on2.total, 0);
  });

  test('kind of action and committee filters, chosen from lists', async () => {
    const org = await log(`group=org&actor=${countyStaff.username}`);
    assert.ok(org.total >= 1);
    assert.ok(org.items.every((e) => e.action.startsWith('sectors.') || e.action.startsWith('departments.')));
    const exact = await log(`action=members.create&actor=${countyStaff.username}`);
    assert.equal(exact.total, 1);
    // The county is inside the city: its rows show under the county and the city, not under
    // a sibling county.
    assert.ok((await log(`committeeId=${county}&actor=${countyStaff.username}`)).total >= 2);
    assert.ok((await log(`committeeId=${city}&actor=${countyStaff.username}`)).total >= 2);
    const sibling = (await t().committee('131122')).id;
    assert.equal((await log(`committeeId=${sibling}&actor=${countyStaff.username}`)).total, 0);
    const bad = await cityAdmin.session.get('/api/audit?action=accounts.nonsense');
    assert.equal(bad.statusCode, 400, 'a code not in the list is refused');
    assert.match(bad.body, /action/);
  });

  test('the county’s staff cannot read the log; the city admin cannot filter outside its scope', async () => {
    assert.equal((await countyStaff.session.get('/api/audit')).statusCode, 403);
    const other = (await t().committee('130100')).id;
    assert.equal((await log(`committeeId=${other}`)).total, 0);
  });

  test('export: the same entries as sentences in Beijing time, and the export itself audited', async () => {
    const r = await cityAdmin.session.get(
      `/api/audit/export.xlsx?actor=${countyStaff.username}&from=2026-12-03&to=2026-12-03`,
    );
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-disposition']), /attachment/);
    const rows = await readXlsx(r.rawPayload);
    assert.equal(rows[0]![0], '时间（北京时间）');
    const shown = await log(`actor=${countyStaff.username}&from=2026-12-03&to=2026-12-03`);
    assert.equal(rows.length - 1, shown.total, 'one row per entry the console lists');
    const sector = rows.find((row) => row[3]?.includes(sectorName));
    assert.ok(sector, 'the sector entry is in the file');
    assert.equal(sector[0], '2026-12-03 01:30:00');
    assert.equal(sector[2], '政协枣强县委员会');
    assert.equal(sector[4], '成功');
    const exported = await log('action=audit.export');
    assert.equal(exported.items[0]?.actorName, cityAdmin.username);
  });
});
