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
