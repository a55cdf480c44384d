import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { ExportStatus } from '../../../../contracts/members.ts';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { exportKeepMs } from './roster-export-runs.ts';

eachBackend('roster export in the background', (t) => {
  let staff: Session;
  let city: string;
  before(async () => {
    await t().account({ username: 'exporter', role: 'staff', region: '131100' });
    staff = await t().login('exporter');
    city = (await t().committee('131100')).id;
  });

  async function untilDone(id: string): Promise<ExportStatus> {
    for (;;) {
      const r = await staff.get(`/api/members/exports/${id}`);
      assert.equal(r.statusCode, 200, r.body);
      const s = r.json() as ExportStatus;
      if (s.status !== 'running') return s;
      await new Promise((res) => setTimeout(res, 20));
    }
  }

  test('the export reports its progress while it is prepared, then the file opens', async () => {
    // Every progress report the runner writes, and what the status endpoint says right then.
    const db = t().deps.db;
    const query = db.query.bind(db);
    const seen: ExportStatus[] = [];
    db.query = (async (sql: string, params?: readonly unknown[]) => {
      const rows = await query(sql, params);
      if (sql.trimStart().startsWith('update roster_exports set phase'))
        seen.push((await staff.get(`/api/members/exports/${String(params![0])}`)).json());
      return rows;
    }) as typeof db.query;
    try {
      const started = await staff.send('POST', `/api/members/exports?committeeId=${city}&subtree=true`);
      assert.equal(started.statusCode, 202, started.body);
      const exportId: string = started.json().exportId;
      const end = await untilDone(exportId);
      assert.equal(end.status, 'done', JSON.stringify(end));
      assert.equal(end.written, end.rows);
      assert.ok(end.rows > 0);
      assert.equal(end.fileUrl, `/api/members/exports/${exportId}/file`);
      // While it ran, the status said so: writing (rows known, none or some written), then packing.
      assert.deepEqual([...new Set(seen.map((s) => s.phase))], ['writing', 'packing'], JSON.stringify(seen));
      assert.ok(seen.every((s) => s.status === 'running' && s.fileUrl === null && s.rows === end.rows));

      const file = await staff.get(end.fileUrl);
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-disposition']), /filename\*=UTF-8''/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('委员名册')!;
      assert.equal(ws.rowCount, end.rows + 1);
      assert.equal(ws.getRow(1).getCell(1).value, '姓名');
      // Phones leave masked, as in the direct export.
      const phones = ws.getColumn(8).values.slice(2).filter(Boolean).map(String);
      assert.ok(phones.length > 0 && phones.every((p) => p.includes('****')), phones.slice(0, 3).join());
      const audit = await t().deps.db.query(
        `select 1 from audit_log where action = 'members.export' and actor_name = 'exporter'`,
      );
      assert.equal(audit.length, 1);
    } finally {
      db.query = query;
    }
  });

  test('only its requester sees an export, and it is forgotten after an hour', async () => {
    const started = await staff.send('POST', `/api/members/exports?committeeId=${city}`);
    const id: string = started.json().exportId;
    assert.equal((await untilDone(id)).status, 'done');
    await t().account({ username: 'nosy', role: 'staff', region: '131100' });
    const other = await t().login('nosy');
    assert.equal((await other.get(`/api/members/exports/${id}`)).statusCode, 404);
    assert.equal((await other.get(`/api/members/exports/${id}/file`)).statusCode, 404);
    await t().account({ username: 'exportmember', role: 'member', region: '131100' });
    const member = await t().login('exportmember');
    assert.equal((await member.send('POST', `/api/members/exports?committeeId=${city}`)).statusCode, 403);
    t().clock.advance(exportKeepMs + 1000);
    const later = await t().login('exporter');
    const gone = await later.get(`/api/members/exports/${id}/file`);
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, 'members.export_not_found');
  });
});
