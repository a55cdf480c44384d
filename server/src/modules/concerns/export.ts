import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { concernCategoryLabels, concernStatusLabels, ratingLabels } from '../../../../contracts/concerns.ts';
import type { concernListQuery } from '../../../../contracts/concerns.ts';
import type { Deps } from '../../deps.ts';
import { sheetRow } from '../../lib/sheet-text.ts';
import { recordAudit } from '../audit/service.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { isOverdue, localTime } from './common.ts';
import { listFilterOf } from './lists.ts';
import { listConcerns } from './queries.ts';

// The staff list as the office keeps it: one row per concern, the same filters as the
// screen, ready to print or to paste into a report. No citizen's phone or name leaves here.

const maxRows = 50_000;

export async function exportConcerns(
  deps: Deps,
  actor: Actor,
  f: Omit<z.infer<typeof concernListQuery>, 'page' | 'pageSize'>,
  ip: string,
): Promise<Buffer> {
  assertCan(actor, 'concerns.manage');
  const now = deps.clock.now();
  const rows = await listConcerns(deps.db, actor, await listFilterOf(deps, actor, f), {
    limit: maxRows,
    offset: 0,
  });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lianxin 连心';
  const ws = wb.addWorksheet('诉求办理', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [
    { header: '查询码', key: 'code', width: 12 },
    { header: '状态', key: 'status', width: 14 },
    { header: '类别', key: 'category', width: 10 },
    { header: '提交时间', key: 'submitted', width: 20 },
    { header: '办理期限', key: 'due', width: 20 },
    { header: '是否逾期', key: 'overdue', width: 9 },
    { header: '政协组织', key: 'committee', width: 26 },
    { header: '工作室', key: 'studio', width: 24 },
    { header: '委员', key: 'member', width: 10 },
    { header: '帮办实事', key: 'deed', width: 9 },
    { header: '群众评价', key: 'rating', width: 10 },
    { header: '诉求内容', key: 'text', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const k of rows)
    ws.addRow(
      sheetRow({
        code: k.tracking_code,
        status: concernStatusLabels[k.status as keyof typeof concernStatusLabels] ?? k.status,
        category: concernCategoryLabels[k.category as keyof typeof concernCategoryLabels] ?? k.category,
        submitted: localTime(k.submitted_at),
        due: k.due_at ? localTime(k.due_at) : '',
        overdue: isOverdue(k.status, k.due_at, now) ? '是' : '',
        committee: k.committee_name,
        studio: k.studio_name ?? '',
        member: k.person_name ?? '',
        deed: k.service_deed ? '是' : '',
        rating: k.rating ? ratingLabels[k.rating] : '',
        text: k.body,
      }),
    ).alignment = { wrapText: true, vertical: 'top' };
  await recordAudit(deps.db, deps.clock, {
    actorId: actor.accountId,
    actorName: actor.username,
    committeeId: actor.scope.committeeId,
    ip,
    action: 'concerns.export',
    result: 'ok',
    status: 200,
    detail: { rows: rows.length, filters: f },
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
