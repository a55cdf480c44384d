import ExcelJS from 'exceljs';
import type { AuditFilters } from '../../../../contracts/audit.ts';
import { auditResultWords, auditSentence, detailWords } from '../../../../contracts/audit-texts.ts';
import { chinaTime } from '../../../../contracts/china-time.ts';
import type { Db } from '../../db/db.ts';
import type { Clock } from '../../lib/clock.ts';
import { sheetRow } from '../../lib/sheet-text.ts';
import { readLog } from './log.ts';
import type { Reader } from './log.ts';
import type { AuditNamers } from './names.ts';
import { recordAudit } from './service.ts';

/** More than a year of a city's log; past it the office narrows the dates (the file says so). */
export const auditExportMax = 100_000;
const batch = 5_000;

/** The log as the console shows it (sentences, China time), for Excel and printing. */
export async function exportLog(
  deps: { db: Db; clock: Clock; namers: AuditNamers },
  reader: Reader & { accountId: string; username: string; committeeId: string },
  f: AuditFilters,
  ip: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lianxin 连心';
  const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '时间（北京时间）', key: 'at', width: 20 },
    { header: '操作人', key: 'actor', width: 18 },
    { header: '所属政协', key: 'committee', width: 24 },
    { header: '事项', key: 'what', width: 48 },
    { header: '结果', key: 'result', width: 10 },
    { header: '详情', key: 'detail', width: 40 },
    { header: 'IP 地址', key: 'ip', width: 16 },
  ];
  ws.getRow(1).font = { bold: true };
  let written = 0;
  let total = 0;
  // Pages of the same query the console reads, so the file and the screen agree.
  while (written < auditExportMax) {
    const page = await readLog(deps.db, deps.namers, reader, f, {
      limit: Math.min(batch, auditExportMax - written),
      offset: written,
    });
    total = page.total;
    for (const e of page.items)
      ws.addRow(
        sheetRow({
          at: chinaTime(e.at),
          actor: e.actorName ?? '',
          committee: e.committeeName ?? '',
          what: auditSentence(e, 'zh-CN'),
          result: auditResultWords[e.result]['zh-CN'],
          detail: detailWords(e.detail, 'zh-CN'),
          ip: e.ip ?? '',
        }),
      );
    written += page.items.length;
    if (page.items.length === 0 || written >= total) break;
  }
  if (total > written)
    ws.addRow({ at: `共 ${total} 条，本文件含最新的 ${written} 条；请缩小日期范围分次导出。` });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  await recordAudit(deps.db, deps.clock, {
    actorId: reader.accountId,
    actorName: reader.username,
    committeeId: f.committeeId ?? reader.committeeId,
    ip,
    action: 'audit.export',
    result: 'ok',
    status: 200,
    detail: { rows: written, filters: f },
  });
  return buf;
}
