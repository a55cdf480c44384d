import type { Queryable } from './db.ts';

// The caller's reach: one committee and everything below it in the tree. Every query that
// reads committee-owned rows filters through inScope, so no route re-implements it.
export type Scope = { committeeId: string; path: string };

/** SQL condition "pathColumn lies in scope"; pushes its parameter onto params. */
export function inScope(pathColumn: string, scope: Scope, params: unknown[]): string {
  // The LIKE pattern goes in as a value of its own, so the planner can estimate how many
  // committees match (an expression pattern left it guessing "3 rows" for a whole province).
  const n = params.push(scope.path);
  const like = params.push(`${scope.path}/%`);
  return `(${pathColumn} = $${n} or ${pathColumn} like $${like})`;
}

export type CommitteeRef = {
  id: string;
  path: string;
  level: string;
  name: string;
  parent_id: string | null;
};

/** The committee if it is in scope; undefined otherwise (callers answer 404, never 403, to not leak ids). */
export async function committeeInScope(
  q: Queryable,
  scope: Scope,
  committeeId: string,
): Promise<CommitteeRef | undefined> {
  const params: unknown[] = [committeeId];
  const rows = await q.query<CommitteeRef>(
    `select id, path, level, name, parent_id from committees c where c.id = $1 and ${inScope('c.path', scope, params)}`,
    params,
  );
  return rows[0];
}
