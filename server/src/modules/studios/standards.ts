import type { z } from 'zod';
import type { studioStandardCreateBody } from '../../../../contracts/studios.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { requireCommittee } from '../org/service.ts';

// The standards checklist a committee sets for its studios (五有, 八有 …).
type Row = { id: string; committee_id: string; name: string; sort_order: number };
const toStandard = (r: Row) => ({
  id: r.id,
  committeeId: r.committee_id,
  name: r.name,
  sortOrder: r.sort_order,
});

export async function listStandards(deps: Deps, actor: Actor, committeeId: string) {
  assertCan(actor, 'studios.read');
  await requireCommittee(deps, actor, committeeId);
  const rows = await deps.db.query<Row>(
    'select * from studio_standards where committee_id = $1 order by sort_order, name',
    [committeeId],
  );
  return rows.map(toStandard);
}

export async function createStandard(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof studioStandardCreateBody>,
  ip: string,
) {
  assertCan(actor, 'studios.write');
  await requireCommittee(deps, actor, input.committeeId);
  const id = deps.ids.uuid();
  return deps.db.tx(async (q) => {
    const taken = await q.query('select 1 from studio_standards where committee_id = $1 and name = $2', [
      input.committeeId,
      input.name,
    ]);
    if (taken.length)
      throw new AppError('org.name_taken', { fields: [{ field: 'body.name', problem: 'invalid' }] });
    const [row] = await q.query<Row>(
      `insert into studio_standards (id, committee_id, name, sort_order)
       values ($1, $2, $3, (select coalesce(max(sort_order), 0) + 1 from studio_standards where committee_id = $2)) returning *`,
      [id, input.committeeId, input.name],
    );
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: input.committeeId,
      ip,
      action: 'studio_standards.create',
      targetType: 'studio_standard',
      targetId: id,
      result: 'ok',
      status: 200,
    });
    return toStandard(row!);
  });
}
