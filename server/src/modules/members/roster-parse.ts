import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { rosterColumns } from '../../../../contracts/members.ts';
import type { RosterColumnKey } from '../../../../contracts/members.ts';
import { textOfSheet } from '../../lib/sheet-text.ts';

// Reading an office's roster spreadsheet: find the header row, map columns by their
// header text (any order, common variants), and turn every cell into plain text.
const headerAliases: Record<string, RosterColumnKey> = {
  姓名: 'name',
  性别: 'gender',
  民族: 'ethnicity',
  出生年月: 'birthMonth',
  出生日期: 'birthMonth',
  政治面貌: 'party',
  党派: 'party',
  界别: 'sector',
  工作单位及职务: 'workUnitPost',
  工作单位和职务: 'workUnitPost',
  单位及职务: 'workUnitPost',
  工作单位职务: 'workUnitPost',
  手机: 'phone',
  手机号: 'phone',
  手机号码: 'phone',
  联系电话: 'phone',
  专委会: 'specialCommittee',
  专门委员会: 'specialCommittee',
  所属专委会: 'specialCommittee',
  职务: 'position',
  政协职务: 'position',
  所属政协: 'committee',
  政协: 'committee',
};

export type RawRow = { row: number; values: Partial<Record<RosterColumnKey, string>> };
export type ParsedRoster = { headerRow: number; rows: RawRow[]; missingHeaders: string[] };

const pad = (n: number) => String(n).padStart(2, '0');

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
    return '';
  }
  return typeof v === 'string' ? textOfSheet(excelEscapes(v)) : String(v);
}

/**
 * Excel writes a character XML cannot hold (a control character) as _xHHHH_ (ECMA-376
 * ST_Xstring); ExcelJS's streaming reader leaves the escape as it is. Decoded here, so the
 * import refuses a control character by row and column instead of storing "_x0007_".
 */
const excelEscapes = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;

const normalizeHeader = (s: string) => s.replace(/[\s*＊（）()]/g, '').replace(/\(必填\)|必填/g, '');

/** Lets other requests in: a long import gives the event loop back every so many rows. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export class TooManyRows extends Error {
  readonly max: number;
  constructor(max: number) {
    super(`more than ${max} rows`);
    this.max = max;
  }
}

/** Text of a stream of UTF-8 bytes, a character cut between two chunks kept whole. */
async function* utf8(chunks: AsyncIterable<Buffer | string>) {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.write(c);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type Internals = {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
};

/**
 * ExcelJS's streaming reader (4.4) decodes each inflated chunk of a sheet on its own, so a
 * Chinese character cut by a chunk boundary came out as U+FFFD (1 row in 5,000: 教育界 read
 * as 教育���). Its worksheets and shared strings are handed text decoded across chunks
 * instead; the reader passes text through untouched.
 */
function decodeAcrossChunks(reader: ExcelJS.stream.xlsx.WorkbookReader) {
  const r = reader as unknown as Internals;
  const sheet = r._parseWorksheet.bind(r);
  const strings = r._parseSharedStrings.bind(r);
  r._parseWorksheet = (iterator, sheetNo) => sheet(utf8(iterator), sheetNo);
  r._parseSharedStrings = (entry) => {
    const text = new PassThrough();
    text.setEncoding('utf8');
    return strings(entry.pipe(text));
  };
}

/**
 * Reads the first worksheet as a stream: rows are turned into text as they arrive and the
 * workbook is never held whole (a 50,000-row file read whole took 0.5 GB and twice the time).
 * Past `maxRows` data rows it stops reading at once and throws TooManyRows.
 */
export async function parseRoster(file: Buffer, { maxRows }: { maxRows: number }): Promise<ParsedRoster> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  decodeAcrossChunks(reader);
  let headerRow = 0;
  const columns = new Map<number, RosterColumnKey>();
  const rows: RawRow[] = [];
  let sheets = 0;
  let seen = 0;
  for await (const ws of reader) {
    sheets++;
    for await (const row of ws) {
      if (++seen % 1000 === 0) await yieldToOthers();
      const r = row.number;
      if (!headerRow) {
        // The header is the first of the top 10 rows that has a 姓名 column; offices often put
        // a title row (XX政协委员名册) above it.
        if (r > 10) break;
        const found = new Map<number, RosterColumnKey>();
        row.eachCell((cell, col) => {
          const key = headerAliases[normalizeHeader(cellText(cell.value))];
          if (key && ![...found.values()].includes(key)) found.set(col, key);
        });
        if ([...found.values()].includes('name')) {
          headerRow = r;
          for (const [c, k] of found) columns.set(c, k);
        }
        continue;
      }
      const values: RawRow['values'] = {};
      let any = false;
      for (const [col, key] of columns) {
        const t = cellText(row.getCell(col).value).trim();
        if (t) {
          values[key] = t;
          any = true;
        }
      }
      if (!any) continue; // blank lines between blocks are normal in office files
      if (rows.length >= maxRows) throw new TooManyRows(maxRows);
      rows.push({ row: r, values });
    }
    break; // the first worksheet only
  }
  if (!sheets) throw new Error('no worksheet');
  const present = new Set(columns.values());
  const missingHeaders = rosterColumns.filter((c) => c.required && !present.has(c.key)).map((c) => c.header);
  if (!headerRow) return { headerRow: 1, rows, missingHeaders };
  return { headerRow, rows, missingHeaders };
}
