import type { ImportProblem, ImportResult, ImportStatus } from '../../../../contracts/members.ts';
import { rosterLimits } from '../../../../contracts/members.ts';
import type { ErrorCode } from '../../../../contracts/messages.ts';
import { inScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, messagesFor } from '../../http/errors.ts';
import { assertCan } from '../auth/policy.ts';

// The record of a roster import that runs in the background, or that was refused with a
// bad-rows file to download: table roster_imports (migration 0022), owned by members.

/** A running import whose runner has not been heard of for this long stopped (a restart). */
export const staleMs = 2 * 60_000;
const keepMs = 7 * 86400_000;

type Run = {
  id: string;
  committee_id: string;
  dry_run: boolean;
  status: ImportStatus['status'];
  phase: ImportStatus['phase'];
  row_count: number;
  checked: number;
  problem_count: number;
  result: ImportResult | null;
  problems_sealed: string | null;
  has_bad_rows: boolean;
  error_code: string | null;
  heartbeat_at: Date;
  created_at: Date;
  finished_at: Date | null;
};

export async function createRun(
  deps: Deps,
  r: { id: string; committeeId: string; accountId: string; dryRun: boolean; rows: number },
) {
  const now = deps.clock.now();
  // Old records go as new ones come: their problems and files hold personal data.
  await deps.db.query('delete from roster_imports where created_at < $1', [new Date(now.getTime() - keepMs)]);
  await deps.db.query(
    `insert into roster_imports (id, committee_id, account_id, dry_run, status, phase, row_count, heartbeat_at, created_at)
     values ($1, $2, $3, $4, 'running', 'checking', $5, $6, $6)`,
    [r.id, r.committeeId, r.accountId, r.dryRun, r.rows, now],
  );
}

/** Rows checked so far; doubles as the runner's heartbeat. */
export async function reportProgress(deps: Deps, id: string, checked: number, phase?: 'writing') {
  await deps.db.query(
    `update roster_imports set checked = $2, heartbeat_at = $3, phase = coalesce($4, phase)
      where id = $1 and status = 'running'`,
    [id, checked, deps.clock.now(), phase ?? null],
  );
}

export async function finishRun(
  deps: Deps,
  id: string,
  end:
    | { status: 'done'; result: ImportResult }
    | { status: 'invalid'; problems: ImportProblem[]; badRows: Buffer }
    | { status: 'failed'; errorCode: ErrorCode },
) {
  const problems = end.status === 'invalid' ? end.problems : [];
  await deps.db.query(
    `update roster_imports set status = $2, phase = 'finished', result = $3, problem_count = $4,
            problems_sealed = $5, bad_rows_sealed = $6, error_code = $7, heartbeat_at = $8, finished_at = $8,
            checked = case when $2 = 'failed' then checked else row_count end
      where id = $1`,
    [
      id,
      end.status,
      end.status === 'done' ? JSON.stringify(end.result) : null,
      problems.length,
      problems.length
        ? deps.sealer.seal(JSON.stringify(problems.slice(0, rosterLimits.problemsShown)))
        : null,
      end.status === 'invalid' ? deps.sealer.seal(end.badRows.toString('base64')) : null,
      end.status === 'failed' ? end.errorCode : null,
      deps.clock.now(),
    ],
  );
}

async function loadRun(deps: Deps, actor: Actor, id: string, withFile = false) {
  assertCan(actor, 'members.write');
  const params: unknown[] = [id];
  const rows = await deps.db.query<Run & { bad_rows_sealed: string | null }>(
    `select r.id, r.committee_id, r.dry_run, r.status, r.phase, r.row_count, r.checked, r.problem_count,
            r.result, r.problems_sealed, r.bad_rows_sealed is not null as has_bad_rows, r.error_code,
            r.heartbeat_at, r.created_at, r.finished_at${withFile ? ', r.bad_rows_sealed' : ''}
       from roster_imports r join committees c on c.id = r.committee_id
      where r.id = $1 and ${inScope('c.path', actor.scope, params)}`,
    params,
  );
  if (!rows[0]) throw new AppError('members.import_not_found');
  return rows[0];
}

export async function getImportStatus(deps: Deps, actor: Actor, id: string): Promise<ImportStatus> {
  const r = await loadRun(deps, actor, id);
  // A runner that stopped beating was cut off: its transaction never committed, nothing was
  // imported, and the office is told so instead of watching a bar that never moves.
  const stale =
    r.status === 'running' && deps.clock.now().getTime() - new Date(r.heartbeat_at).getTime() > staleMs;
  const errorCode = (stale ? 'members.import_interrupted' : r.error_code) as ErrorCode | null;
  const messages = errorCode ? messagesFor(errorCode) : null;
  return {
    id: r.id,
    committeeId: r.committee_id,
    dryRun: r.dry_run,
    status: stale ? 'failed' : r.status,
    phase: stale ? 'finished' : r.phase,
    rows: r.row_count,
    checked: r.checked,
    result: r.result,
    problems: r.problems_sealed ? (JSON.parse(deps.sealer.open(r.problems_sealed)) as ImportProblem[]) : [],
    problemCount: r.problem_count,
    badRows: r.has_bad_rows,
    error: errorCode && messages ? { code: errorCode, message: messages['zh-CN'], messages } : null,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

export async function getBadRows(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  const r = await loadRun(deps, actor, id, true);
  if (!r.bad_rows_sealed) throw new AppError('members.import_not_found');
  return Buffer.from(deps.sealer.open(r.bad_rows_sealed), 'base64');
}
