import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';

// What consultations reads of concerns: one in the caller's scope, as the evidence a topic is
// raised from, labelled by its category and the start of its text, never the citizen.
export async function concernForTopic(q: Queryable, scope: Scope, id: string) {
  const params: unknown[] = [id];
  const [row] = await q.query<{ id: string; committee_id: string; category: string; body: string }>(
    `select k.id, k.committee_id, k.category, k.body from concerns k join committees c on c.id = k.committee_id
      where k.id = $1 and ${inScope('c.path', scope, params)}`,
    params,
  );
  if (!row) return undefined;
  const start = [...row.body].slice(0, 30).join('');
  return { id: row.id, committeeId: row.committee_id, label: `${row.category}：${start}` };
}
