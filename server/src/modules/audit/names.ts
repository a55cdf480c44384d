import type { Queryable } from '../../db/db.ts';

/** Names of one kind of object, by id: each module that owns such objects publishes one. */
export type TargetNamer = (q: Queryable, ids: string[]) => Promise<Map<string, string>>;
/** By target type as entries record it (`studio`, `membership`…); app.ts wires them. */
export type AuditNamers = Readonly<Record<string, TargetNamer>>;

// Targets are uuids, or a common issue's group id (g-<uuid>, g-<uuid>-<n>); anything else in an
// entry is never sent to a namer (whose SQL casts the ids).
const uuid = /^(g-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-\d+)?$/i;

/** The name of each entry's target, asked of its owner once per kind for the whole page. */
export async function targetNames(
  q: Queryable,
  namers: AuditNamers,
  entries: readonly { target_type: string | null; target_id: string | null }[],
): Promise<(string | null)[]> {
  const idsByType = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!e.target_type || !e.target_id || !uuid.test(e.target_id) || !namers[e.target_type]) continue;
    let ids = idsByType.get(e.target_type);
    if (!ids) idsByType.set(e.target_type, (ids = new Set()));
    ids.add(e.target_id);
  }
  const found = new Map<string, Map<string, string>>();
  for (const [type, ids] of idsByType) found.set(type, await namers[type]!(q, [...ids]));
  return entries.map(
    (e) => (e.target_type && e.target_id && found.get(e.target_type)?.get(e.target_id)) || null,
  );
}

/** A namer from one query of `id, name` over `$1` (the ids). */
export const namerOf =
  (sql: string): TargetNamer =>
  async (q, ids) =>
    new Map((await q.query<{ id: string; name: string }>(sql, [ids])).map((r) => [r.id, r.name]));
