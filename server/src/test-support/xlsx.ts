import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { rosterColumns } from '../../../contracts/members.ts';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A roster workbook the way an office makes one: optional title row, then headers. */
export async function rosterXlsx(
  rows: Record<string, string | number>[],
  opts: { title?: string; headers?: string[] } = {},
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  if (opts.title) ws.addRow([opts.title]);
  const headers = opts.headers ?? rosterColumns.map((c) => c.header);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * One valid roster row of a made-up member: row i is named `<name><i>` with phone
 * `<phone(i)>`; `extra` overrides columns (a bad cell, an empty one). Tests give each batch
 * its own name and phone prefix, so no two tests import the same people.
 */
export function rosterRow(
  i: number,
  who: { name: string; phone: (i: number) => string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    姓名: `${who.name}${i}`,
    性别: i % 2 ? '男' : '女',
    民族: '汉族',
    出生年月: '1975.6',
    政治面貌: '中国民主同盟',
    界别: '教育界',
    工作单位及职务: `枣强县第${i}中学校长`,
    手机: who.phone(i),
    职务: '委员',
    ...extra,
  };
}

export async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

/** A big roster written as a stream (50,000 rows in a few seconds): headers, then row(i) for i < n. */
export async function bigRosterXlsx(n: number, row: (i: number) => Record<string, string>) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet('名册');
  const headers = rosterColumns.map((c) => c.header);
  ws.addRow(headers).commit();
  for (let i = 0; i < n; i++) {
    const r = row(i);
    ws.addRow(headers.map((h) => r[h] ?? '')).commit();
  }
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
