import ExcelJS from 'exceljs';
import { ethnicGroups, politicalAffiliations } from '../../../../contracts/code-lists.ts';
import { genderLabels, positionLabels, rosterColumns } from '../../../../contracts/members.ts';
import type { RosterColumnKey } from '../../../../contracts/members.ts';
import type { MemberListQuery } from '../../../../contracts/members.ts';
import type { Deps } from '../../deps.ts';
import { sheetRow } from '../../lib/sheet-text.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { listMembers } from './queries.ts';
import { resolveFilters } from './service.ts';

// The grid as the office's own roster: the same columns the import reads. Phone numbers leave
// masked, as the grid shows them (PIPL: minimum necessary); in full only for an account with
// members.exportUnmasked, which gives a reason, kept with the count in the audit row. A masked
// file is for reading: to edit and import back, the office exports it unmasked.
export type RosterExport = { masked: true } | { masked: false; reason: string | null | undefined };

/** How far a background export is: rows read, then written one by one, then packed. */
export type ExportProgress = (p: {
  phase: 'writing' | 'packing';
  rows: number;
  written: number;
}) => Promise<void>;
const progressEvery = 500;

export async function exportRoster(
  deps: Deps,
  actor: Actor,
  filters: Omit<MemberListQuery, 'page' | 'pageSize'>,
  ip: string,
  how: RosterExport = { masked: true },
  progress?: ExportProgress,
) {
  assertCan(actor, 'members.export');
  if (!how.masked) {
    assertCan(actor, 'members.exportUnmasked');
    if (!how.reason)
      throw new AppError('members.export_reason_required', {
        fields: [{ field: 'body.reason', problem: 'required' }],
      });
  }
  const rows = await listMembers(deps.db, actor.scope, await resolveFilters(deps, actor, filters));
  const persons = await deps.db.query<{
    id: string;
    phone_enc: string | null;
    ethnicity: string | null;
    birth_month: string | null;
    party: string | null;
  }>('select id, phone_enc, ethnicity, birth_month, party from persons where id = any($1::uuid[])', [
    [...new Set(rows.map((r) => r.person_id))],
  ]);
  const personMap = new Map(persons.map((p) => [p.id, p]));
  // Opened only for an unmasked export: a masked one never decrypts a number.
  const phones = new Map<string, string>();
  if (!how.masked) for (const p of persons) if (p.phone_enc) phones.set(p.id, deps.sealer.open(p.phone_enc));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lianxin 连心';
  const ws = wb.addWorksheet('委员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...rosterColumns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.key === 'workUnitPost' ? 40 : c.key === 'committee' ? 28 : 14,
    })),
    { header: '状态', key: 'status', width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  let phonesShown = 0;
  await progress?.({ phase: 'writing', rows: rows.length, written: 0 });
  for (const [i, r] of rows.entries()) {
    const p = personMap.get(r.person_id);
    const phone = how.masked ? (r.phone_masked ?? '') : (phones.get(r.person_id) ?? '');
    if (phone) phonesShown++;
    ws.addRow(
      sheetRow({
        name: r.name,
        gender: genderLabels[r.gender],
        ethnicity: p?.ethnicity ?? '',
        birthMonth: p?.birth_month ?? '',
        party: p?.party ?? '',
        sector: r.sector_name ?? '',
        workUnitPost: r.work_unit_post,
        phone,
        specialCommittee: r.special_committee_name ?? '',
        position: positionLabels[r.position],
        committee: r.committee_name,
        status: r.status === 'active' ? '在任' : '已退出',
      }),
    );
    // Reported between rows, which also lets the process answer other requests meanwhile.
    if (progress && (i + 1) % progressEvery === 0)
      await progress({ phase: 'writing', rows: rows.length, written: i + 1 });
  }
  await progress?.({ phase: 'packing', rows: rows.length, written: rows.length });
  // Phone numbers as text, so Excel does not turn them into 1.38E+10.
  ws.getColumn('phone').numFmt = '@';
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  // Exporting personal data is itself recorded; in full, with the reason and how many numbers.
  await recordAudit(deps.db, deps.clock, {
    actorId: actor.accountId,
    actorName: actor.username,
    committeeId: filters.committeeId ?? actor.scope.committeeId,
    ip,
    action: how.masked ? 'members.export' : 'members.export_unmasked',
    result: 'ok',
    status: 200,
    detail: how.masked
      ? { rows: rows.length, filters, phones: 'masked' }
      : { rows: rows.length, filters, phones: 'full', fullPhones: phonesShown, reason: how.reason },
  });
  return buf;
}

export async function rosterTemplate() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('委员名册');
  ws.columns = rosterColumns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: 16,
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    name: '张丽霜',
    gender: '女',
    ethnicity: '汉族',
    birthMonth: '1975-06',
    party: '民盟盟员',
    sector: '教育界',
    workUnitPost: '衡水市第一中学副校长',
    phone: '13800000000',
    specialCommittee: '',
    position: '委员',
    committee: '',
  });
  ws.getColumn('phone').numFmt = '@';
  addCodeLists(wb, ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rows of the template the in-cell lists reach; far more than any committee's roster. */
const listRows = 5000;
type WithValidations = ExcelJS.Worksheet & {
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
};

// 性别, 民族, 政治面貌 and 职务 as in-cell dropdowns (Excel's and WPS's data validation), from
// a second sheet holding the lists: the office picks instead of typing, and what it picks is
// what the import reads. The importer reads the first sheet only.
function addCodeLists(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) {
  const lists = wb.addWorksheet('代码表', { state: 'hidden' });
  const columns: [RosterColumnKey, readonly string[]][] = [
    ['gender', Object.values(genderLabels)],
    ['ethnicity', ethnicGroups],
    ['party', politicalAffiliations],
    ['position', Object.values(positionLabels)],
  ];
  columns.forEach(([key, values], i) => {
    const letter = String.fromCharCode(65 + i);
    values.forEach((v, r) => (lists.getCell(`${letter}${r + 1}`).value = v));
    const col = ws.getColumn(key).letter;
    (ws as WithValidations).dataValidations.add(`${col}2:${col}${listRows}`, {
      type: 'list',
      allowBlank: key !== 'gender',
      formulae: [`代码表!$${letter}$1:$${letter}$${values.length}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '请从列表中选择',
      error: '请从下拉列表中选择（国家标准代码表）',
    });
  });
}
