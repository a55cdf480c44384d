import type { WorkflowActor } from '../../../../contracts/workflow.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { change } from '../audit/change.ts';
import type { Audited } from '../audit/change.ts';

// Helpers every consultations service shares: dates out, the workflow's actor, and the write
// shape (modules/audit/change.ts) with the audit row naming the target.

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
/** A `date` column as YYYY-MM-DD (pg gives a Date at local midnight, PGlite a string). */
export const day = (d: Date | string | null | undefined): string | null => {
  if (d === null || d === undefined) return null;
  if (typeof d === 'string') return d.slice(0, 10);
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
};

export const workflowActor = (actor: Actor): WorkflowActor => ({
  id: actor.accountId,
  role: actor.role,
  departmentId: actor.departmentId,
});

type Target = 'consultation' | 'consultation_topic' | 'consultation_plan' | 'consultation_outcome';

/** A write on one loaded resource, audited as `action` on it (target and committee from `row`). */
export function write<Row extends { committee_id: string }, Done, Out>(
  deps: Deps,
  actor: Actor,
  ip: string,
  s: {
    action: string;
    target: Target;
    targetId: (row: Row, done: Done) => string;
    assert?: () => void;
    load: (q: Queryable) => Promise<Row>;
    apply: (q: Queryable, row: Row) => Promise<Done>;
    detail?: (row: Row, done: Done) => Record<string, unknown>;
    reload: (row: Row, done: Done) => Promise<Out>;
  },
): Promise<Out> {
  return change(deps, {
    actor,
    ip,
    assert: s.assert,
    load: s.load,
    apply: s.apply,
    audit: (row, done): Audited => ({
      committeeId: row.committee_id,
      action: s.action,
      targetType: s.target,
      targetId: s.targetId(row, done),
      detail: s.detail?.(row, done),
    }),
    reload: s.reload,
  });
}
