import type { Queryable } from '../../db/db.ts';
import type { Clock } from '../../lib/clock.ts';

export type AuditResult = 'ok' | 'denied' | 'invalid' | 'failed';
export type AuditEntry = {
  actorId?: string | null;
  actorName?: string | null;
  committeeId?: string | null;
  ip?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result: AuditResult;
  status?: number | null;
  detail?: Record<string, unknown>;
};

/** Writes one audit row. Call it inside the transaction of the change it records. */
export async function recordAudit(q: Queryable, clock: Clock, e: AuditEntry): Promise<void> {
  await q.query(
    `insert into audit_log (at, actor_id, actor_name, committee_id, ip, action, target_type, target_id, result, status, detail)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      clock.now(),
      e.actorId ?? null,
      e.actorName ?? null,
      e.committeeId ?? null,
      e.ip ?? null,
      e.action,
      e.targetType ?? null,
      e.targetId ?? null,
      e.result,
      e.status ?? null,
      JSON.stringify(e.detail ?? {}),
    ],
  );
}

export function resultOfStatus(status: number): AuditResult {
  if (status < 400) return 'ok';
  if (status === 401 || status === 403 || status === 404 || status === 423) return 'denied';
  if (status >= 500) return 'failed';
  return 'invalid';
}
