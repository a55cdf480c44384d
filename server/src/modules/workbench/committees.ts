import type { Level } from '../../../../contracts/org.ts';
import type { Queryable } from '../../db/db.ts';

// The committee tree is the scope every module shares (db/scope.ts): the workbench reads the
// committee it shows and the committees one level below it.

type CommitteeRow = { id: string; name: string; level: Level; path: string; parent_id: string | null };

export async function committeeOf(q: Queryable, path: string): Promise<CommitteeRow | undefined> {
  const [row] = await q.query<CommitteeRow>(
    'select id, name, level, path, parent_id from committees where path = $1',
    [path],
  );
  return row;
}

/** The committees right below this one, in the tree's order, each saying whether it has any below. */
export function childCommittees(q: Queryable, parentId: string) {
  return q.query<CommitteeRow & { has_children: boolean }>(
    `select c.id, c.name, c.level, c.path, c.parent_id,
            exists (select 1 from committees d where d.parent_id = c.id) as has_children
       from committees c where c.parent_id = $1 order by c.path`,
    [parentId],
  );
}
