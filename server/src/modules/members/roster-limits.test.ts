import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { ImportStatus } from '../../../../contracts/members.ts';
import { rosterLimits } from '../../../../contracts/members.ts';
import type { Queryable } from '../../db/db.ts';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { bigRosterXlsx, rosterRow, rosterXlsx, xlsxType } from '../../test-support/xlsx.ts';

// The limits of the roster import (issue 13): a row limit refused as the file is read, a
// problem list that stays small however bad the file, the bad rows as a workbook, big files
// in the background with progress, the server answering meanwhile, and all rows or none.

let batches = 0;
/** Rows of people no other test imports: phones 15<batch><7 digits>, all valid. */
const batch = () => {
  const b = String(++batches + 10).padStart(2, '0');
  const who = { name: `批量${b}组委员`, phone: (i: number) => `15${b}${String(i).padStart(7, '0')}` };
  return (i: number, extra: Record<string, string> = {}) => rosterRow(i, who, extra);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

eachBackend('roster import limits', (t) => {
  let s: Session;
  let county: string;
  const count = async () =>
    (
      await t().deps.db.query<{ n: number }>(
        'select count(*)::int as n from memberships where committee_id = $1',
        [county],
      )
    )[0]!.n;
  const upload = (file: Buffer, dryRun = false) =>
    t().app.inject({
      method: 'POST',
      url: `/api/members/import?committeeId=${county}&dryRun=${dryRun}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': xlsxType },
      payload: file,
    });
  const status = async (id: string) => {
    const res = await s.get(`/api/members/imports/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as ImportStatus;
  };
  /** Polls the status until the run ends; every status seen, in order. */
  const finished = async (id: string) => {
    const seen: ImportStatus[] = [];
    for (;;) {
      const st = await status(id);
      seen.push(st);
      if (st.status !== 'running') return seen;
      await sleep(100);
    }
  };
  before(async () => {
    await t().account({ username: 'staff', role: 'staff', region: '131100' });
    s = await t().login('staff');
    county = (await t().committee('131121')).id;
  });

  test('past 50,000 rows the file is refused as it is read, naming the limit, and nothing is imported', async () => {
    const good = batch();
    const file = await bigRosterXlsx(100_000, (i) => good(i));
    const before = await count();
    const res = await upload(file);
    assert.equal(res.statusCode, 413, res.body);
    const body = res.json();
    assert.equal(body.error.code, 'members.import_too_many_rows');
    assert.match(body.error.messages['zh-CN'], /50000 行/);
    assert.match(body.error.messages.en, /more than 50000 rows/);
    assert.ok(res.body.length < 2000, `${res.body.length} bytes`);
    assert.equal(await count(), before);
  });

  test('control characters are refused in every column by row and column, never stripped', async () => {
    const good = batch();
    const before = await count();
    // Excel writes a control character as _xHHHH_ (XML cannot hold it): BEL in a name, SOH
    // after a phone.
    const res = await upload(
      await rosterXlsx([
        good(1, { 姓名: '张_x0007_三' }),
        good(2, { 手机: `${good(2).手机}_x0001_` }),
        good(3),
      ]),
    );
    assert.equal(res.statusCode, 422, res.body);
    const problems = res.json().problems as { row: number; column: string; messages: { en: string } }[];
    assert.deepEqual(
      problems.map((p) => `${p.row}:${p.column}`),
      ['2:姓名', '3:手机'],
    );
    for (const p of problems) assert.match(p.messages.en, /control characters/);
    assert.equal(await count(), before);
  });

  test('a small file with thousands of problems: the answer lists the first 200 and the count; the bad rows download', async () => {
    const good = batch();
    const n = rosterLimits.directRows;
    const res = await upload(
      await bigRosterXlsx(n, (i) => good(i, i % 2 ? { 性别: '未知', 手机: '123' } : {})),
    );
    assert.equal(res.statusCode, 422, res.body.slice(0, 300));
    const body = res.json();
    assert.equal(body.problems.length, rosterLimits.problemsShown);
    assert.equal(body.problemCount, n); // two per bad row, n / 2 bad rows
    assert.equal(body.problems[0].row, 3);
    assert.ok(res.body.length < 200_000, `${res.body.length} bytes`);
    const file = await s.get(`/api/members/imports/${body.importId}/bad-rows.xlsx`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], xlsxType);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount, 1 + n / 2);
    assert.equal(ws.getCell('A1').value, '姓名*');
    assert.equal(ws.getCell('B2').value, '未知');
    assert.ok(ws.getCell('B2').note, 'the bad cell carries its message');
    assert.equal(ws.getCell('A2').note, undefined);
  });

  test('50,000 rows with 100,000 problems: the status is small, and the bad-rows file has every bad row, marked', async () => {
    const good = batch();
    const n = rosterLimits.rows;
    const before = await count();
    const res = await upload(await bigRosterXlsx(n, (i) => good(i, { 性别: '未知', 手机: '123' })));
    assert.equal(res.statusCode, 202, res.body);
    const { importId } = res.json();
    const end = (await finished(importId)).at(-1)!;
    assert.equal(end.status, 'invalid');
    assert.equal(end.problemCount, 2 * n);
    assert.equal(end.problems.length, rosterLimits.problemsShown);
    const raw = await s.get(`/api/members/imports/${importId}`);
    assert.ok(raw.body.length < 200_000, `${raw.body.length} bytes`);
    assert.equal(await count(), before);
    const file = await s.get(`/api/members/imports/${importId}/bad-rows.xlsx`);
    assert.equal(file.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.rowCount, 1 + n);
    const rows = new Set<number>();
    ws.eachRow((row, r) => {
      if (r === 1) return;
      rows.add(Number(row.getCell(13).value));
      assert.ok(row.getCell(2).note && row.getCell(8).note, `row ${r} marked`);
      assert.match(String(row.getCell(12).value), /性别.*手机/);
    });
    assert.equal(rows.size, n); // every source row, once
    assert.ok(rows.has(2) && rows.has(n + 1));
  });

  // 8,000 rows go the same background way as 50,000 (anything past directRows does); the
  // full 50,000, and how slow health gets meanwhile, are measured by bench/roster-import.ts.
  test('a big import runs in the background: progress shows, health keeps answering, all rows land', async () => {
    const good = batch();
    const n = 8_000;
    assert.ok(n > rosterLimits.directRows);
    const before = await count();
    const file = await bigRosterXlsx(n, (i) => good(i));
    // Health is probed from the upload on: the file is read in the request, then checked and
    // written in the background, all in this process.
    let probing = true;
    const latencies: number[] = [];
    const probes = (async () => {
      while (probing) {
        const t0 = performance.now();
        const h = await t().app.inject({ method: 'GET', url: '/api/health' });
        latencies.push(performance.now() - t0);
        assert.equal(h.statusCode, 200);
        await sleep(50);
      }
    })();
    const res = await upload(file);
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(
      { ...(res.json() as object), importId: null },
      { importId: null, rows: n, dryRun: false },
    );
    const seen = await finished(res.json().importId);
    probing = false;
    await probes;
    const end = seen.at(-1)!;
    assert.equal(end.status, 'done', JSON.stringify(end.error));
    assert.deepEqual(end.result, { dryRun: false, rows: n, created: n, added: n, updated: 0, problems: [] });
    assert.equal(await count(), before + n);
    // Progress: the page saw the run part way (rows checked short of all, or writing).
    assert.ok(
      seen.some((x) => x.status === 'running' && (x.checked < n || x.phase === 'writing')),
      JSON.stringify(seen.map((x) => [x.phase, x.checked])),
    );
    assert.ok(latencies.length >= 3, `${latencies.length} probes`);
  });

  test('an import that fails while writing leaves the roster as it was, and the page says so', async () => {
    const good = batch();
    const n = rosterLimits.directRows + 3000;
    const before = await count();
    const db = t().deps.db;
    const tx = db.tx;
    const original = tx.bind(db);
    // The second chunk of seats fails: the first is already written inside the transaction.
    let seatChunks = 0;
    db.tx = <T>(fn: (q: Queryable) => Promise<T>): Promise<T> =>
      original((q) =>
        fn({
          exec: (sql) => q.exec(sql),
          query: (sql, params, opts) => {
            if (/insert into memberships/.test(sql) && ++seatChunks === 2)
              return Promise.reject(new Error('connection lost'));
            return q.query(sql, params, opts);
          },
        }),
      );
    try {
      const res = await upload(await bigRosterXlsx(n, (i) => good(i)));
      assert.equal(res.statusCode, 202, res.body);
      const end = (await finished(res.json().importId)).at(-1)!;
      assert.equal(seatChunks, 2);
      assert.equal(end.status, 'failed');
      assert.equal(end.error?.code, 'members.import_failed');
      assert.match(end.error!.messages['zh-CN'], /未导入任何数据/);
    } finally {
      db.tx = tx;
    }
    assert.equal(await count(), before);
    const persons = await db.query('select 1 from persons where name like $1', [
      `${good(0).姓名!.slice(0, 6)}%`,
    ]);
    assert.equal(persons.length, 0);
  });

  test('an import whose runner stopped (a restart) is reported interrupted, with nothing imported', async () => {
    const good = batch();
    const before = await count();
    const db = t().deps.db;
    const tx = db.tx;
    let cut: (err: Error) => void = () => {};
    // The runner never comes back from writing, as when the process dies mid-transaction.
    db.tx = <T>() => new Promise<T>((_, reject) => (cut = reject));
    try {
      const res = await upload(await bigRosterXlsx(rosterLimits.directRows + 1, (i) => good(i)));
      assert.equal(res.statusCode, 202, res.body);
      const id = res.json().importId as string;
      let st = await status(id);
      for (let i = 0; st.phase !== 'writing' && i < 600; i++, st = await status(id)) await sleep(100);
      assert.equal(st.status, 'running');
      t().clock.advance(3 * 60_000);
      st = await status(id);
      assert.equal(st.status, 'failed');
      assert.equal(st.error?.code, 'members.import_interrupted');
      assert.match(st.error!.messages.en, /nothing was imported/);
    } finally {
      db.tx = tx;
      cut(new Error('process ended'));
    }
    assert.equal(await count(), before);
  });
});
