import { inScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan, can } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { deliveryOutages, failedMessagesSql, messagesSql, retryMessage } from '../notify/for-jobs.ts';

// What the machinery gave up on, for an admin to look at and retry: jobs that used up their
// attempts and SMS/email the outbox stopped retrying. An admin of the root sees all of it;
// an admin below sees what belongs to a committee of their subtree, never the unowned rest
// (recurring sweeps and the like are the root's business). Staff see and resend the messages
// only: a citizen's SMS is their case's business, background jobs are the admins'. Everyone
// with the view sees which transports are down (the SMS gateway is the whole platform's).

type Row = {
  id: string;
  type: 'job' | 'message';
  kind: string;
  channel: 'sms' | 'email' | null;
  committee_id: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  last_tried_at: Date | null;
  total: number;
};

function failedSql(actor: Actor, params: unknown[], at: Date) {
  const scope = actor.isRoot ? 'true' : `f.path is not null and ${inScope('f.path', actor.scope, params)}`;
  if (!can(actor, 'jobs.manage')) return `select * from (${failedMessagesSql(params)}) f where ${scope}`;
  const now = params.push(at);
  return `select * from (
      select j.id, 'job' as type, j.kind, null::text as channel, j.committee_id, j.attempts, j.last_error,
             j.created_at, j.run_at as last_tried_at, c.path
        from jobs j left join committees c on c.id = j.committee_id
       where j.done_at is null and j.attempts >= j.max_attempts
         and (j.locked_until is null or j.locked_until <= $${now})
      union all
      ${failedMessagesSql(params)}
    ) f where ${scope}`;
}

export async function listFailed(deps: Deps, actor: Actor, f: { page: number; pageSize: number }) {
  assertCan(actor, 'jobs.messages');
  const params: unknown[] = [];
  const sql = failedSql(actor, params, deps.clock.now());
  const rows = await deps.db.query<Row>(
    `select f.*, count(*) over ()::int as total from (${sql}) f
      order by f.created_at desc, f.id limit $${params.push(f.pageSize)} offset $${params.push((f.page - 1) * f.pageSize)}`,
    params,
  );
  const down = await deliveryOutages(deps.db);
  return {
    outages: down.map((o) => ({ ...o, since: new Date(o.since).toISOString() })),
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      kind: r.kind,
      channel: r.channel,
      committeeId: r.committee_id,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      lastTriedAt: r.last_tried_at ? new Date(r.last_tried_at).toISOString() : null,
    })),
    total: rows[0]?.total ?? 0,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** Gives a failed job or message a fresh set of attempts, due now; audited with it. */
export async function retryFailed(deps: Deps, actor: Actor, id: string, ip: string) {
  assertCan(actor, 'jobs.messages');
  return deps.db.tx(async (q) => {
    const params: unknown[] = [];
    const sql = failedSql(actor, params, deps.clock.now());
    const [row] = await q.query<Row>(`select f.* from (${sql}) f where f.id = $${params.push(id)}`, params);
    if (!row) {
      // In reach but not failed (still being retried, or done) is a different answer from absent.
      const scope: unknown[] = [id];
      const owned = actor.isRoot ? 'true' : `c.path is not null and ${inScope('c.path', actor.scope, scope)}`;
      const all = can(actor, 'jobs.manage')
        ? `select id, committee_id from jobs union all ${messagesSql}`
        : messagesSql;
      const exists = await q.query(
        `select 1 from (${all}) x
           left join committees c on c.id = x.committee_id where x.id = $1 and ${owned}`,
        scope,
      );
      throw new AppError(exists.length ? 'jobs.not_failed' : 'jobs.not_found');
    }
    const t = deps.clock.now();
    if (row.type === 'job')
      await q.query('update jobs set attempts = 0, run_at = $2, locked_until = null where id = $1', [id, t]);
    else await retryMessage(q, id, t);
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: row.committee_id ?? actor.scope.committeeId,
      ip,
      action: 'jobs.retry',
      targetType: row.type,
      targetId: id,
      result: 'ok',
      status: 200,
      detail: { kind: row.kind, attempts: row.attempts, lastError: row.last_error },
    });
    return { id, type: row.type };
  });
}
