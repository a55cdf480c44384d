import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { rosterColumns } from '../../../../contracts/members.ts';
import type { ImportProblem } from '../../../../contracts/members.ts';
import { sheetText } from '../../lib/sheet-text.ts';
import type { RawRow } from './roster-parse.ts';
import { yieldToOthers } from './roster-parse.ts';

// The bad rows of a refused roster as a workbook the office can fix and import again: the
// template's columns (姓名*, 性别* …), every row that has a problem with its values as read,
// each bad cell filled and commented with what is wrong, and two columns at the end the
// importer ignores: what is wrong with the row, and its row number in the original file.
// Written as a stream: 50,000 bad rows stay a few MB and a second or two.

export const badRowsHeaders = {
  problems: '问题说明',
  sourceRow: '原文件行号',
} as const;
const badFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

export async function badRowsXlsx(rows: RawRow[], problems: ImportProblem[]): Promise<Buffer> {
  const byRow = new Map<number, ImportProblem[]>();
  for (const p of problems) {
    const list = byRow.get(p.row);
    if (list) list.push(p);
    else byRow.set(p.row, [p]);
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('待修改的行');
  ws.columns = [
    ...rosterColumns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: 16 })),
    { header: badRowsHeaders.problems, key: 'problems', width: 48 },
    { header: badRowsHeaders.sourceRow, key: 'sourceRow', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for (const raw of rows) {
    const list = byRow.get(raw.row);
    if (!list) continue;
    const values: Record<string, string | number> = { sourceRow: raw.row };
    for (const c of rosterColumns) values[c.key] = sheetText(raw.values[c.key] ?? '');
    values.problems = list.map((p) => p.message).join('；');
    const row = ws.addRow(values);
    const byField = new Map<string, string[]>();
    for (const p of list) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
    for (const [field, messages] of byField) {
      const col = rosterColumns.findIndex((c) => c.key === field);
      if (col < 0) continue;
      const cell = row.getCell(col + 1);
      cell.fill = badFill;
      cell.note = messages.join('\n');
    }
    row.commit();
    if (++n % 1000 === 0) await yieldToOthers();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
