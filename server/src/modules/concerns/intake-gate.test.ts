import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Db } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { submitConcern } from './intake.ts';
import { suggestFor } from '../routing/service.ts';

// Submissions take turns (settings.submissionsAtOnce): the rest wait in line and all get
// through; past the line's length (25 per submission at once) a citizen is told "busy,
// retry in a moment" (503).
eachBackend('submissions take turns', (t) => {
  const code = 'GATEMB23';
  before(async () => {
    await t().memberWithCode('131121', code);
  });

  test('one at a time: the others wait and all are stored; a full line answers busy', async () => {
    // The first submission's reads wait on a latch, so the line fills behind it.
    let release!: () => void;
    const latch = new Promise<void>((r) => (release = r));
    let inFlight = 0;
    const db = t().deps.db;
    const held: Db = {
      ...db,
      query: async (sql, params, opts) => {
        inFlight++;
        try {
          await latch;
          return await db.query(sql, params, opts);
        } finally {
          inFlight--;
        }
      },
    };
    const deps: Deps = { ...t().deps, db: held, settings: { ...t().deps.settings, submissionsAtOnce: 1 } };
    const submit = (i: number) =>
      submitConcern(
        deps,
        { suggestRouting: suggestFor },
        { memberCode: code, category: 'livelihood', text: `第 ${i} 位群众反映：楼道灯坏了` },
        `10.12.0.${i}`,
      );
    const waiting = Array.from({ length: 26 }, (_, i) => submit(i + 1));
    await new Promise((r) => setImmediate(r));
    const refused = await submit(300).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(refused instanceof AppError, String(refused));
    assert.equal(refused.code, 'request.busy');
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.extra.retryAfterSeconds) > 0);
    assert.equal(inFlight, 1, 'only the first submission talks to the database; 25 wait their turn');
    release();
    const done = await Promise.all(waiting);
    assert.equal(new Set(done.map((d) => d.trackingCode)).size, 26);
    const [n] = await db.query<{ n: number }>(
      `select count(*)::int as n from concerns where body like '第 % 位群众反映：楼道灯坏了'`,
    );
    assert.equal(n!.n, 26);
  });
});
