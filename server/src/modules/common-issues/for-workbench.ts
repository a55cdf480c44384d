import { commonIssueListQuery } from '../../../../contracts/common-issues.ts';
import type { Queryable } from '../../db/db.ts';
import type { Scope } from '../../db/scope.ts';
import { issuesPerCommittee } from './queries.ts';

// What common issues offers the workbench: the issues past the notice threshold, per committee,
// found with the conditions the board applies to `grown=true` (its default minCount included).
// Their sum is what the board shows for the scope; one committee's count, what it shows for
// that `committeeId` (the board's committee filter is the committee itself, not its subtree).

export const grownQuery = { grown: 'true' } as const;

export function grownPerCommittee(q: Queryable, scope: Scope) {
  const f = commonIssueListQuery.parse(grownQuery);
  return issuesPerCommittee(q, scope, { minCount: f.minCount, grown: true });
}
