import type { z } from 'zod';
import { replyTemplateLimits } from '../../../../contracts/reply-templates.ts';
import type { replyTemplateBody, replyTemplatePatch } from '../../../../contracts/reply-templates.ts';
import type { Queryable } from '../../db/db.ts';
import { committeeInScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { recordAudit } from '../audit/service.ts';
import { assertCan } from '../auth/policy.ts';

// Reply templates: staff of a committee keep them; anyone who answers concerns there or below
// reads them. Each change is audited.

type Row = {
  id: string;
  committee_id: string;
  committee_name: string;
  title: string;
  body: string;
  updated_at: Date;
};
const select = `select t.id, t.committee_id, c.name as committee_name, t.title, t.body, t.updated_at
  from reply_templates t join committees c on c.id = t.committee_id`;
const out = (r: Row) => ({
  id: r.id,
  committeeId: r.committee_id,
  committeeName: r.committee_name,
  title: r.title,
  body: r.body,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The templates the caller may use: its committee's and those of the committees above it. */
export async function listReplyTemplates(deps: Deps, actor: Actor, committeeId?: string) {
  assertCan(actor, 'concerns.handle');
  if (committeeId) {
    assertCan(actor, 'concerns.manage');
    if (!(await committeeInScope(deps.db, actor.scope, committeeId)))
      throw new AppError('org.committee_not_found');
    const rows = await deps.db.query<Row>(`${select} where t.committee_id = $1 order by t.title, t.id`, [
      committeeId,
    ]);
    return { items: rows.map(out) };
  }
  const rows = await deps.db.query<Row>(
    `${select} where $1 = c.path or $1 like c.path || '/%' order by length(c.path) desc, t.title, t.id`,
    [actor.scope.path],
  );
  return { items: rows.map(out) };
}

async function audit(
  q: Queryable,
  deps: Deps,
  actor: Actor,
  ip: string,
  action: string,
  r: Row | { id: string; committee_id: string },
) {
  await recordAudit(q, deps.clock, {
    actorId: actor.accountId,
    actorName: actor.username,
    committeeId: r.committee_id,
    ip,
    action,
    targetType: 'reply_template',
    targetId: r.id,
    result: 'ok',
    status: 200,
  });
}

async function mine(q: Queryable, actor: Actor, id: string) {
  assertCan(actor, 'concerns.manage');
  const [row] = await q.query<Row>(`${select} where t.id = $1`, [id]);
  if (!row || !(await committeeInScope(q, actor.scope, row.committee_id)))
    throw new AppError('concerns.template_not_found');
  return row;
}

export async function createReplyTemplate(
  deps: Deps,
  actor: Actor,
  b: z.infer<typeof replyTemplateBody>,
  ip: string,
) {
  assertCan(actor, 'concerns.manage');
  return deps.db.tx(async (q) => {
    if (!(await committeeInScope(q, actor.scope, b.committeeId)))
      throw new AppError('org.committee_not_found');
    const [n] = await q.query<{ n: number }>(
      'select count(*)::int as n from reply_templates where committee_id = $1',
      [b.committeeId],
    );
    if (n!.n >= replyTemplateLimits.perCommittee)
      throw new AppError('concerns.template_limit', { vars: { max: replyTemplateLimits.perCommittee } });
    const id = deps.ids.uuid();
    const now = deps.clock.now();
    await q.query(
      `insert into reply_templates (id, committee_id, title, body, created_by, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $6)`,
      [id, b.committeeId, b.title, b.body, actor.accountId, now],
    );
    await audit(q, deps, actor, ip, 'concerns.template_create', { id, committee_id: b.committeeId });
    const [row] = await q.query<Row>(`${select} where t.id = $1`, [id]);
    return out(row!);
  });
}

export async function updateReplyTemplate(
  deps: Deps,
  actor: Actor,
  id: string,
  b: z.infer<typeof replyTemplatePatch>,
  ip: string,
) {
  return deps.db.tx(async (q) => {
    const row = await mine(q, actor, id);
    await q.query(
      'update reply_templates set title = coalesce($2, title), body = coalesce($3, body), updated_at = $4 where id = $1',
      [id, b.title ?? null, b.body ?? null, deps.clock.now()],
    );
    await audit(q, deps, actor, ip, 'concerns.template_update', row);
    const [after] = await q.query<Row>(`${select} where t.id = $1`, [id]);
    return out(after!);
  });
}

export async function deleteReplyTemplate(deps: Deps, actor: Actor, id: string, ip: string) {
  return deps.db.tx(async (q) => {
    const row = await mine(q, actor, id);
    await q.query('delete from reply_templates where id = $1', [id]);
    await audit(q, deps, actor, ip, 'concerns.template_delete', row);
    return { ok: true as const };
  });
}
