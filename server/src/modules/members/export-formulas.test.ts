import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Session } from '../../test-support/app.ts';
import { memberWithQr, staffOf, submittedConcern, unique } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { parseRoster } from './roster-parse.ts';

// What a member's record or a citizen's concern says must not become a formula in the
// office's spreadsheet: every text cell of every export stays text (issue: CSV/formula injection).

const hostile = ['=1+1', '+1-2', '-3+4', '@SUM(1,2)'];

async function cellsOf(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const cells: ExcelJS.Cell[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void cells.push(c)));
  return cells;
}

function assertNoFormula(cells: ExcelJS.Cell[]) {
  for (const c of cells) {
    assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${c.address} is a formula`);
    if (typeof c.value === 'string') assert.doesNotMatch(c.value, /^[=+\-@\t\r]/, `${c.address}: ${c.value}`);
  }
}

eachBackend('exports write text, never formulas', (t) => {
  let staff: Session;
  let committeeId: string;
  before(async () => {
    const s = await staffOf(t(), '131121');
    staff = s.session;
    committeeId = s.committee.id;
  });

  test('the roster export: hostile work units are written with the apostrophe, and the import reads them without', async () => {
    for (const w of hostile) {
      const r = await staff.send('POST', '/api/members', {
        name: unique('公式测'),
        gender: 'female',
        committeeId,
        workUnitPost: w,
      });
      assert.equal(r.statusCode, 200, r.body);
    }
    const res = await staff.get(`/api/members/export.xlsx?committeeId=${committeeId}&subtree=false`);
    assert.equal(res.statusCode, 200);
    const cells = await cellsOf(res.rawPayload);
    assertNoFormula(cells);
    const texts = new Set(cells.map((c) => c.value));
    for (const w of hostile) assert.ok(texts.has(`'${w}`), `'${w} not in the export`);
    // The import reads what the office meant, without the apostrophe.
    const parsed = await parseRoster(res.rawPayload, { maxRows: 1000 });
    const units = new Set(parsed.rows.map((r) => r.values.workUnitPost));
    for (const w of hostile) assert.ok(units.has(w), `${w} not read back`);
  });

  test('the concerns export: a concern whose text starts with = stays text', async () => {
    const m = await memberWithQr(t(), '131121');
    await submittedConcern(t(), {
      memberCode: m.code,
      text: '=HYPERLINK("http://example.com","点我查看详情")',
    });
    const res = await staff.get('/api/concerns/export.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    const cells = await cellsOf(res.rawPayload);
    assertNoFormula(cells);
    assert.ok(cells.some((c) => c.value === `'=HYPERLINK("http://example.com","点我查看详情")`));
  });
});
