import type { FastifyBaseLogger } from 'fastify';
import { rosterLimits } from '../../../../contracts/members.ts';
import type { ImportFailure, ImportResult } from '../../../../contracts/members.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { assertCan } from '../auth/policy.ts';
import { requireCommittee } from '../org/service.ts';
import { badRowsXlsx } from './roster-bad-rows.ts';
import { checkRoster } from './roster-check.ts';
import type { Checked, Target } from './roster-check.ts';
import { parseRoster, TooManyRows } from './roster-parse.ts';
import type { ParsedRoster } from './roster-parse.ts';
import { createRun, finishRun, reportProgress } from './roster-runs.ts';
import { sha256Of, writeRoster } from './roster-write.ts';

export { normalizeBirthMonth, normalizePhone } from './roster-check.ts';

// Roster import: read (streaming, refused past rosterLimits.rows) → check every row → write
// all rows in one transaction, or none. A roster of up to rosterLimits.directRows — every real
// one — is answered in its request; a bigger file is checked and written in the background
// by this process, and the page follows it through roster_imports (roster-runs.ts).
//
// Why in this process and not the job queue: the parsed rows are already in memory here (the
// file is never stored: it is the whole roster's personal data), the page sees the run start
// at once instead of at the queue's next tick, and the writing is one transaction either
// way, so a run cut off by a crash leaves nothing behind; its heartbeat stops and the page
// says the import was interrupted and nothing was imported.

type Opts = { committeeId: string; dryRun: boolean; file: Buffer; ip: string; log?: FastifyBaseLogger };
type Failure = Omit<ImportFailure, 'error'>;

export type ImportOutcome =
  | { kind: 'done'; result: ImportResult }
  | { kind: 'invalid'; failure: Failure }
  | { kind: 'started'; importId: string; rows: number; dryRun: boolean; done: Promise<void> };

export async function importRoster(deps: Deps, actor: Actor, opts: Opts): Promise<ImportOutcome> {
  assertCan(actor, 'members.write');
  const target = await requireCommittee(deps, actor, opts.committeeId);
  let parsed: ParsedRoster;
  try {
    parsed = await parseRoster(opts.file, { maxRows: rosterLimits.rows });
  } catch (err) {
    if (err instanceof TooManyRows)
      throw new AppError('members.import_too_many_rows', { vars: { max: rosterLimits.rows } });
    throw new AppError('members.import_unreadable');
  }
  const sha256 = sha256Of(opts.file);
  if (parsed.rows.length > rosterLimits.directRows) {
    const importId = deps.ids.uuid();
    await createRun(deps, {
      id: importId,
      committeeId: target.id,
      accountId: actor.accountId,
      dryRun: opts.dryRun,
      rows: parsed.rows.length,
    });
    const done = runInBackground(deps, actor, target, parsed, { ...opts, sha256 }, importId);
    return { kind: 'started', importId, rows: parsed.rows.length, dryRun: opts.dryRun, done };
  }
  const checked = await checkRoster(deps, target, parsed);
  if (checked.problems.length) {
    const importId = deps.ids.uuid();
    await createRun(deps, {
      id: importId,
      committeeId: target.id,
      accountId: actor.accountId,
      dryRun: opts.dryRun,
      rows: parsed.rows.length,
    });
    await finishInvalid(deps, importId, parsed, checked);
    return { kind: 'invalid', failure: failureOf(parsed, checked, importId) };
  }
  return { kind: 'done', result: await writeRoster(deps, actor, target, checked, { ...opts, sha256 }) };
}

const failureOf = (parsed: ParsedRoster, checked: Checked, importId: string | null): Failure => ({
  rows: parsed.rows.length,
  problems: checked.problems.slice(0, rosterLimits.problemsShown),
  problemCount: checked.problems.length,
  importId,
});

async function finishInvalid(deps: Deps, importId: string, parsed: ParsedRoster, checked: Checked) {
  await finishRun(deps, importId, {
    status: 'invalid',
    problems: checked.problems,
    badRows: await badRowsXlsx(parsed.rows, checked.problems),
  });
}

async function runInBackground(
  deps: Deps,
  actor: Actor,
  target: Target,
  parsed: ParsedRoster,
  opts: Opts & { sha256: string },
  importId: string,
): Promise<void> {
  try {
    // Progress every 5,000 rows: enough for the page's bar, few writes.
    const checked = await checkRoster(deps, target, parsed, async (n) => {
      if (n % 5000 === 0) await reportProgress(deps, importId, n);
    });
    if (checked.problems.length) return await finishInvalid(deps, importId, parsed, checked);
    await reportProgress(deps, importId, parsed.rows.length, 'writing');
    const result = await writeRoster(deps, actor, target, checked, opts);
    await finishRun(deps, importId, { status: 'done', result });
  } catch (err) {
    opts.log?.error({ err, importId }, 'roster import failed');
    await finishRun(deps, importId, { status: 'failed', errorCode: 'members.import_failed' }).catch(
      (e: unknown) => opts.log?.error({ err: e, importId }, 'roster import: recording the failure failed'),
    );
  }
}
