import type { AuditEntry, AuditFilters } from '../../../../contracts/audit.ts';
import { actionsOfGroup } from '../../../../contracts/audit-texts.ts';
import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { localOffset } from '../../lib/local-date.ts';
import { targetNames } from './names.ts';
import type { AuditNamers } from './names.ts';

type Row = {
  id: number;
  at: Date;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  committee_name: string | null;
  result: AuditEntry['result'];
  status: number | null;
  detail: Record<string, unknown>;
  total: number;
};

export type Reader = { scope: Scope; isRoot: boolean };

/** The where clause of the log as the reader may see it, narrowed by the filters. */
function whereOf(reader: Reader, f: AuditFilters, params: unknown[]): string {
  // Rows of the reader's subtree; rows with no committee (failed logins of unknown names)
  // only for the root admin, and only while no committee is asked for.
  const own = inScope('c.path', reader.scope, params);
  const where = [reader.isRoot && !f.committeeId ? `(${own} or a.committee_id is null)` : own];
  if (f.committeeId) {
    const n = params.push(f.committeeId);
    where.push(
      `exists (select 1 from committees f where f.id = $${n} and (c.path = f.path or c.path like f.path || '/%'))`,
    );
  }
  // Dates are the committee's (China Standard Time): the day from its local midnight.
  if (f.from) where.push(`a.at >= $${params.push(`${f.from}T00:00:00${localOffset}`)}::timestamptz`);
  if (f.to)
    where.push(`a.at < ($${params.push(`${f.to}T00:00:00${localOffset}`)}::timestamptz + interval '1 day')`);
  if (f.actor)
    where.push(`lower(a.actor_name) like $${params.push(`${likeEscape(f.actor.toLowerCase())}%`)}`);
  if (f.action) where.push(`a.action = $${params.push(f.action)}`);
  else if (f.group) where.push(`a.action = any($${params.push(actionsOfGroup(f.group))}::text[])`);
  if (f.result) where.push(`a.result = $${params.push(f.result)}`);
  return where.join(' and ');
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of the log, newest first, each entry with its target's name and committee. */
export async function readLog(
  q: Queryable,
  namers: AuditNamers,
  reader: Reader,
  f: AuditFilters,
  page: { limit: number; offset: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  const params: unknown[] = [];
  const where = whereOf(reader, f, params);
  params.push(page.limit, page.offset);
  const rows = await q.query<Row>(
    `select a.id, a.at, a.actor_name, a.ip, a.action, a.target_type, a.target_id, a.result, a.status,
            a.detail, c.name as committee_name, count(*) over () as total
       from audit_log a left join committees c on c.id = a.committee_id
      where ${where}
      order by a.id desc limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  const names = await targetNames(q, namers, rows);
  return {
    items: rows.map((r, i) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorName: r.actor_name,
      ip: r.ip,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      targetName: names[i] ?? null,
      committeeName: r.committee_name,
      result: r.result,
      status: r.status,
      detail: r.detail,
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}
