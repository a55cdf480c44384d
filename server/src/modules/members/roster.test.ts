import ExcelJS from 'exceljs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { readXlsx, rosterRow, rosterXlsx, xlsxType } from '../../test-support/xlsx.ts';
import { normalizeBirthMonth, normalizePhone } from './roster-import.ts';

type Row = Record<string, string>;

let batches = 0;
/**
 * Roster rows of people no other test imports: each call gives a batch of its own names and
 * phones (row i: 导入<batch>组委员<i>, 139<batch>11<i>), so every test imports its own people.
 */
const batch = () => {
  const b = String(++batches).padStart(2, '0');
  const who = { name: `导入${b}组委员`, phone: (i: number) => `139${b}11${String(i).padStart(4, '0')}` };
  return (i: number, extra: Row = {}): Row => rosterRow(i, who, extra);
};

test('birth months and phones are read the many ways offices write them', () => {
  assert.equal(normalizeBirthMonth('1975.6'), '1975-06');
  assert.equal(normalizeBirthMonth('1975年6月'), '1975-06');
  assert.equal(normalizeBirthMonth('1975-06-12'), '1975-06');
  assert.equal(normalizeBirthMonth('197506'), '1975-06');
  assert.equal(normalizeBirthMonth('1975-13'), null);
  assert.equal(normalizeBirthMonth('去年'), null);
  assert.equal(normalizePhone('138 0013 8000'), '13800138000');
  assert.equal(normalizePhone('+86 138-0013-8000'), '13800138000');
});

eachBackend('roster import and export', (t) => {
  let s: Session;
  let county: string;
  const count = async () =>
    Number(
      (
        await t().deps.db.query<{ n: number }>(
          'select count(*)::int as n from memberships where committee_id = $1',
          [county],
        )
      )[0]!.n,
    );
  const upload = (file: Buffer, dryRun = false, committeeId = county) =>
    t().app.inject({
      method: 'POST',
      url: `/api/members/import?committeeId=${committeeId}&dryRun=${dryRun}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': xlsxType },
      payload: file,
    });
  /** The three rows of a fixed file, imported into the county. */
  const imported = async (good: ReturnType<typeof batch>) => {
    const rows = [good(1), good(2), good(3, { 界别: '经济', 专委会: '提案委员会', 职务: '常委' })];
    const res = await upload(await rosterXlsx(rows));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().added, 3);
    return rows;
  };
  before(async () => {
    await t().account({ username: 'staff', role: 'staff', region: '131100' });
    s = await t().login('staff');
    county = (await t().committee('131121')).id;
  });

  test('one bad row: every problem by row and column, and nothing imported', async () => {
    const good = batch();
    const before = await count();
    const file = await rosterXlsx(
      [
        good(1),
        good(2, { 手机: '1391234', 性别: '未知' }),
        good(3, { 界别: '不存在界' }),
        good(4, { 手机: good(1).手机! }),
      ],
      { title: '枣强县政协委员名册' },
    );
    const res = await upload(file);
    assert.equal(res.statusCode, 422);
    const body = res.json();
    assert.equal(body.error.code, 'members.import_invalid');
    const got = body.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`);
    // Title on row 1, header on row 2, data from row 3.
    assert.deepEqual(got, ['4:性别', '4:手机', '5:界别', '6:手机']);
    assert.match(body.problems[1].message, /手机：应为 11 位手机号/);
    assert.match(body.problems[3].messages.en, /row 3/);
    assert.equal(await count(), before);
  });

  test('one-line columns refuse tabs and line breaks, by row and column, as the API does', async () => {
    const good = batch();
    const before = await count();
    const res = await upload(
      await rosterXlsx([
        good(1, { 姓名: '张\n三' }),
        good(2, { 工作单位及职务: '枣强县第二中学\t校长' }),
        good(4),
      ]),
    );
    assert.equal(res.statusCode, 422, res.body);
    const problems = res.json().problems as { row: number; column: string; messages: { en: string } }[];
    assert.deepEqual(
      problems.map((p) => `${p.row}:${p.column}`),
      ['2:姓名', '3:工作单位及职务'],
    );
    for (const p of problems) assert.match(p.messages.en, /one line only/);
    assert.equal(await count(), before);
  });

  test('fixed file imports; a dry run first changes nothing', async () => {
    const good = batch();
    const before = await count();
    const file = await rosterXlsx([
      good(1),
      good(2),
      good(3, { 界别: '经济', 专委会: '提案委员会', 职务: '常委' }),
    ]);
    const dry = await upload(file, true);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(dry.json(), { dryRun: true, rows: 3, created: 3, added: 3, updated: 0, problems: [] });
    assert.equal(await count(), before);
    const res = await upload(file);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().added, 3);
    assert.equal(await count(), before + 3);
    const list = (
      await s.get(`/api/members?committeeId=${county}&q=${encodeURIComponent(good(3).姓名!)}`)
    ).json();
    assert.equal(list.total, 1);
    assert.equal(list.items[0].sectorName, '经济界');
    assert.equal(list.items[0].specialCommitteeName, '提案委员会');
    assert.equal(list.items[0].position, 'standing');
    assert.equal(list.items[0].phoneMasked, '139****0003');
  });

  test('importing the same file again updates, never duplicates', async () => {
    const good = batch();
    await imported(good);
    const before = await count();
    const res = await upload(await rosterXlsx([good(1), good(2), good(3, { 界别: '经济界' })]));
    assert.equal(res.statusCode, 200);
    assert.deepEqual([res.json().added, res.json().updated, res.json().created], [0, 3, 0]);
    assert.equal(await count(), before);
  });

  test('the same person on the city roster is one person with two seats', async () => {
    const good = batch();
    await imported(good);
    const city = (await t().committee('131100')).id;
    const res = await upload(
      await rosterXlsx([good(1, { 工作单位及职务: '枣强县第1中学校长' })]),
      false,
      city,
    );
    assert.equal(res.statusCode, 200);
    assert.deepEqual([res.json().created, res.json().added], [0, 1]);
    const row = (
      await s.get(`/api/members?committeeId=${city}&subtree=false&q=${encodeURIComponent(good(1).姓名!)}`)
    ).json().items[0];
    assert.equal(row.otherCommittees, 1);
    const detail = (await s.get(`/api/members/${row.id}`)).json();
    assert.equal(detail.otherMemberships[0].committeeName, '政协枣强县委员会');
  });

  test('a phone already belonging to someone else is refused', async () => {
    const good = batch();
    await imported(good);
    const res = await upload(await rosterXlsx([good(9, { 手机: good(1).手机! })]));
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().problems[0].column, '手机');
  });

  test('missing required columns and unreadable files get clear answers', async () => {
    const noPhone = await upload(
      await rosterXlsx([{ 姓名: '甲' }], { headers: ['姓名', '性别', '界别', '工作单位及职务'] }),
    );
    assert.equal(noPhone.statusCode, 422);
    assert.ok(
      noPhone
        .json()
        .problems.some((p: { column: string; row: number }) => p.column === '手机' && p.row === 1),
    );
    const junk = await upload(Buffer.from('this is not a spreadsheet'));
    assert.equal(junk.statusCode, 400);
    assert.equal(junk.json().error.code, 'members.import_unreadable');
  });

  const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const lastAudit = async (action: string) =>
    (
      await t().deps.db.query<{ actor_name: string; detail: Record<string, unknown> }>(
        `select actor_name, detail from audit_log where action = $1 and result = 'ok' order by at desc, id desc limit 1`,
        [action],
      )
    )[0]!;

  test('the export masks phone numbers, as the grid does; a staff account cannot ask for them in full', async () => {
    const good = batch();
    await imported(good);
    const res = await s.get(`/api/members/export.xlsx?committeeId=${county}&subtree=false`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], xlsxType);
    const rows = await readXlsx(res.rawPayload);
    assert.deepEqual(rows[0]!.slice(0, 3), ['姓名', '性别', '民族']);
    assert.equal(rows[0]![7], '手机');
    const mine = rows.find((r) => r[0] === good(2).姓名)!;
    assert.equal(mine[7], masked(good(2).手机!));
    for (const r of rows.slice(1))
      for (const cell of r) assert.doesNotMatch(cell, /1[3-9]\d{9}/, `a full number in ${r[0]}'s row`);
    assert.equal((await lastAudit('members.export')).detail.phones, 'masked');

    const full = await s.send(
      'POST',
      `/api/members/export-unmasked.xlsx?committeeId=${county}&subtree=false`,
      {
        reason: '换届核对',
      },
    );
    assert.equal(full.statusCode, 403);
    assert.equal(full.json().error.code, 'auth.forbidden');
  });

  test('an admin exports in full with a reason, audited with it and the count; that file imports back unchanged', async () => {
    const good = batch();
    await imported(good);
    await t().account({ username: 'roster_admin', role: 'admin', region: '131100' });
    const admin = await t().login('roster_admin');
    const url = `/api/members/export-unmasked.xlsx?committeeId=${county}&subtree=false`;
    for (const body of [{}, { reason: '  ' }]) {
      const r = await admin.send('POST', url, body);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'members.export_reason_required');
      assert.deepEqual(
        r.json().error.fields.map((f: { field: string; problem: string }) => `${f.field} ${f.problem}`),
        ['body.reason required'],
      );
    }
    const res = await admin.send('POST', url, { reason: '换届前核对联系方式' });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], xlsxType);
    const rows = await readXlsx(res.rawPayload);
    const mine = rows.find((r) => r[0] === good(2).姓名)!;
    assert.equal(mine[7], good(2).手机);
    const withPhone = rows.slice(1).filter((r) => r[7]).length;
    assert.ok(withPhone >= 3);
    const a = await lastAudit('members.export_unmasked');
    assert.equal(a.actor_name, 'roster_admin');
    assert.equal(a.detail.reason, '换届前核对联系方式');
    assert.equal(a.detail.fullPhones, withPhone);
    assert.equal(a.detail.rows, rows.length - 1);
    // The full file is the roster as the office keeps it: imported back, nothing changes.
    const before = await count();
    const back = await upload(res.rawPayload);
    assert.equal(back.statusCode, 200, back.body.slice(0, 500));
    assert.equal(back.json().added, 0);
    assert.equal(await count(), before);
  });

  test('the template downloads and is accepted by the importer as a header', async () => {
    const res = await s.get('/api/members/import-template.xlsx');
    assert.equal(res.statusCode, 200);
    const rows = await readXlsx(res.rawPayload);
    assert.equal(rows[0]![0], '姓名*');
    // 性别, 民族, 政治面貌 and 职务 are dropdowns over the national code lists.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const lists = wb.getWorksheet('代码表')!;
    const listOf = (cell: string) => {
      const v = ws.getCell(cell).dataValidation;
      assert.equal(v?.type, 'list', `${cell} has a dropdown`);
      const m = /^代码表!\$([A-Z])\$1:\$[A-Z]\$(\d+)$/.exec(String(v.formulae?.[0]));
      assert.ok(m, String(v.formulae?.[0]));
      return Array.from({ length: Number(m[2]) }, (_, i) => String(lists.getCell(`${m[1]}${i + 1}`).value));
    };
    assert.deepEqual(listOf('B3'), ['男', '女']);
    assert.equal(listOf('C100').length, 58);
    assert.ok(listOf('C2').includes('土家族'));
    assert.ok(listOf('E4000').includes('九三学社社员'));
  });

  test('民族 and 政治面貌: usual spellings read as the code list’s, others refused by row and column', async () => {
    const good = batch();
    const res = await upload(
      await rosterXlsx([
        good(1, { 民族: '回', 政治面貌: '中国共产党党员' }),
        good(2, { 政治面貌: '自由人' }),
      ]),
    );
    assert.equal(res.statusCode, 422, res.body);
    const problems = res.json().problems as { row: number; column: string; message: string }[];
    assert.deepEqual(
      problems.map((p) => `${p.row}:${p.column}`),
      ['3:政治面貌'],
    );
    assert.match(problems[0]!.message, /不在国家标准代码表中/);
    const ok = await upload(await rosterXlsx([good(1, { 民族: '回', 政治面貌: '中国共产党党员' })]));
    assert.equal(ok.statusCode, 200, ok.body);
    const [p] = await t().deps.db.query<{ ethnicity: string; party: string }>(
      'select ethnicity, party from persons where name = $1',
      [good(1).姓名],
    );
    assert.deepEqual(p, { ethnicity: '回族', party: '中共党员' });
  });
});
