import type { ExportStatus, MemberListQuery } from '../../../../contracts/members.ts';
import type { ErrorCode } from '../../../../contracts/messages.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, messagesFor } from '../../http/errors.ts';
import { assertCan } from '../auth/policy.ts';
import { exportRoster } from './roster-export.ts';
import { staleMs } from './roster-runs.ts';

// The masked roster export run in the background (table roster_exports, migration 0039): the
// request answers at once with an id, the page polls the status (rows written of rows) and
// downloads the file when it is ready. Run in this process, as big imports are: the work is
// reading and writing one workbook, and a run cut off by a restart stops its heartbeat, so the
// page says so instead of waiting for ever.

/** Files are forgotten an hour after they were made (they hold names and work units). */
export const exportKeepMs = 60 * 60_000;

type Run = {
  id: string;
  status: ExportStatus['status'];
  phase: ExportStatus['phase'];
  row_count: number;
  written: number;
  has_file: boolean;
  error_code: string | null;
  heartbeat_at: Date;
  created_at: Date;
  finished_at: Date | null;
};

type Filters = Omit<MemberListQuery, 'page' | 'pageSize'>;

export async function startExport(
  deps: Deps,
  actor: Actor,
  filters: Filters,
  ip: string,
): Promise<{ exportId: string; done: Promise<void> }> {
  assertCan(actor, 'members.export');
  const id = deps.ids.uuid();
  const now = deps.clock.now();
  await deps.db.query('delete from roster_exports where created_at < $1', [
    new Date(now.getTime() - exportKeepMs),
  ]);
  await deps.db.query(
    `insert into roster_exports (id, committee_id, account_id, status, phase, heartbeat_at, created_at)
     values ($1, $2, $3, 'running', 'reading', $4, $4)`,
    [id, filters.committeeId ?? actor.scope.committeeId, actor.accountId, now],
  );
  const done = run(deps, actor, filters, ip, id);
  return { exportId: id, done };
}

async function run(deps: Deps, actor: Actor, filters: Filters, ip: string, id: string) {
  try {
    const buf = await exportRoster(deps, actor, filters, ip, { masked: true }, async (p) => {
      await deps.db.query(
        `update roster_exports set phase = $2, row_count = $3, written = $4, heartbeat_at = $5
          where id = $1 and status = 'running'`,
        [id, p.phase, p.rows, p.written, deps.clock.now()],
      );
    });
    await deps.db.query(
      `update roster_exports set status = 'done', phase = 'finished', written = row_count, file_sealed = $2,
              heartbeat_at = $3, finished_at = $3 where id = $1`,
      [id, deps.sealer.seal(buf.toString('base64')), deps.clock.now()],
    );
  } catch (err) {
    const code = err instanceof AppError ? err.code : 'members.export_failed';
    await deps.db
      .query(
        `update roster_exports set status = 'failed', phase = 'finished', error_code = $2, heartbeat_at = $3,
                finished_at = $3 where id = $1`,
        [id, code, deps.clock.now()],
      )
      .catch(() => undefined);
  }
}

async function loadRun(deps: Deps, actor: Actor, id: string, withFile = false) {
  assertCan(actor, 'members.export');
  // Only the account that asked for the file sees it (and its scope was checked when it was made).
  const rows = await deps.db.query<Run & { file_sealed?: string | null }>(
    `select id, status, phase, row_count, written, file_sealed is not null as has_file, error_code,
            heartbeat_at, created_at, finished_at${withFile ? ', file_sealed' : ''}
       from roster_exports where id = $1 and account_id = $2 and created_at >= $3`,
    [id, actor.accountId, new Date(deps.clock.now().getTime() - exportKeepMs)],
  );
  if (!rows[0]) throw new AppError('members.export_not_found');
  return rows[0];
}

export async function getExportStatus(deps: Deps, actor: Actor, id: string): Promise<ExportStatus> {
  const r = await loadRun(deps, actor, id);
  const stale =
    r.status === 'running' && deps.clock.now().getTime() - new Date(r.heartbeat_at).getTime() > staleMs;
  const errorCode = (stale ? 'members.export_interrupted' : r.error_code) as ErrorCode | null;
  const messages = errorCode ? messagesFor(errorCode) : null;
  return {
    id: r.id,
    status: stale ? 'failed' : r.status,
    phase: stale ? 'finished' : r.phase,
    rows: r.row_count,
    written: r.written,
    fileUrl: r.status === 'done' && r.has_file ? `/api/members/exports/${r.id}/file` : null,
    error: errorCode && messages ? { code: errorCode, message: messages['zh-CN'], messages } : null,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

export async function getExportFile(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  const r = await loadRun(deps, actor, id, true);
  if (r.status !== 'done' || !r.file_sealed) throw new AppError('members.export_not_found');
  return Buffer.from(deps.sealer.open(r.file_sealed), 'base64');
}
