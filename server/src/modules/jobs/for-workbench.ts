import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { listFailed } from './failed.ts';

// What the failed-work admin offers the workbench: how much work it lists for this admin
// (jobs given up on and SMS/email the outbox stopped retrying), the total of GET /api/jobs/failed.
export async function failedWorkCount(deps: Deps, actor: Actor): Promise<number> {
  return (await listFailed(deps, actor, { page: 1, pageSize: 1 })).total;
}
