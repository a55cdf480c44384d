// Text written into a spreadsheet cell must never be taken for a formula. A string cell of
// an .xlsx is not evaluated when opened, but Excel, WPS and LibreOffice evaluate it as soon as
// someone edits the cell, and a copy to CSV loses the cell type altogether. So text that a
// spreadsheet would read as a formula (= + - @, or a tab or CR before one) is written with a
// leading apostrophe, as OWASP advises for CSV injection, and the roster import takes the
// apostrophe off again, so an exported roster imports back unchanged.

const formulaStart = /^[=+\-@\t\r]/;

/** The text as it is safe to write into a cell. */
export const sheetText = (s: string) => (formulaStart.test(s) ? `'${s}` : s);

/** The text as the office meant it, from a cell sheetText wrote. */
export const textOfSheet = (s: string) =>
  s.startsWith("'") && formulaStart.test(s.slice(1)) ? s.slice(1) : s;

/** A row for ExcelJS's addRow, every text value made safe. */
export const sheetRow = <T extends Record<string, string>>(row: T): T =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, sheetText(v)])) as T;
