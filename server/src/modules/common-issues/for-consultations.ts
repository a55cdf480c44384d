import type { Queryable } from '../../db/db.ts';
import type { Scope } from '../../db/scope.ts';
import { issueInScope } from './queries.ts';

// What consultations reads of common issues: one in the caller's scope, as the evidence a
// topic is raised from (群众出题 by staff), by its title and size.
export async function issueForTopic(q: Queryable, scope: Scope, id: string) {
  const row = await issueInScope(q, scope, id);
  return row
    ? { id: row.id, committeeId: row.committee_id, label: `${row.title}（${row.concern_count} 件诉求）` }
    : undefined;
}
