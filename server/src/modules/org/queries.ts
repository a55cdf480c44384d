import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { activeSeatCountSql } from '../members/for-org.ts';

export type CommitteeRow = {
  id: string;
  parent_id: string | null;
  level: 'national' | 'province' | 'city' | 'county';
  region_code: string;
  name: string;
  region_name: string;
  member_count: number;
  separate_duties: boolean;
  reply_review: boolean;
};

export async function committeesInScope(q: Queryable, scope: Scope, id?: string) {
  const params: unknown[] = [];
  const where = [inScope('c.path', scope, params)];
  if (id) where.push(`c.id = $${params.push(id)}`);
  return q.query<CommitteeRow>(
    `select c.id, c.parent_id, c.level, c.region_code, c.name, c.region_name, c.separate_duties, c.reply_review,
            ${activeSeatCountSql({ committee_id: 'c.id' })} as member_count
       from committees c where ${where.join(' and ')} order by c.path`,
    params,
  );
}

export type NamedRow = {
  id: string;
  committee_id: string | null;
  name: string;
  sort_order: number;
  retired_at: Date | null;
  member_count: number;
};

// Sectors a committee uses: the national list plus its own local ones.
export async function sectorsOf(q: Queryable, committeeId: string) {
  return q.query<NamedRow>(
    `select s.*, ${activeSeatCountSql({ sector_id: 's.id', committee_id: '$1' })} as member_count
       from sectors s where s.committee_id is null or s.committee_id = $1
      order by s.committee_id nulls first, s.sort_order, s.name`,
    [committeeId],
  );
}

export async function specialCommitteesOf(q: Queryable, committeeId: string) {
  return q.query<NamedRow>(
    `select s.*, ${activeSeatCountSql({ special_committee_id: 's.id' })} as member_count
       from special_committees s where s.committee_id = $1 order by s.sort_order, s.name`,
    [committeeId],
  );
}

export type DepartmentRow = {
  id: string;
  committee_id: string;
  name: string;
  kind: 'government' | 'party' | 'judicial' | 'people_org' | 'enterprise' | 'other';
  contact_name: string | null;
  contact_phone: string | null;
  retired_at: Date | null;
};

export async function departmentsOf(q: Queryable, committeeId: string, id?: string) {
  return q.query<DepartmentRow>(
    `select * from departments where committee_id = $1 and ($2::uuid is null or id = $2) order by retired_at nulls first, name`,
    [committeeId, id ?? null],
  );
}

/** The committee an org row belongs to, with its path, for the scope check. */
export async function ownerOf(
  q: Queryable,
  table: 'sectors' | 'special_committees' | 'departments',
  id: string,
) {
  const rows = await q.query<{ committee_id: string | null; path: string | null }>(
    `select t.committee_id, c.path from ${table} t left join committees c on c.id = t.committee_id where t.id = $1`,
    [id],
  );
  return rows[0];
}

export async function nameTaken(
  q: Queryable,
  table: 'sectors' | 'special_committees' | 'departments',
  committeeId: string,
  name: string,
  exceptId?: string,
) {
  const national = table === 'sectors' ? ' or committee_id is null' : '';
  const rows = await q.query(
    `select 1 from ${table} where (committee_id = $1${national}) and name = $2 and id is distinct from $3`,
    [committeeId, name, exceptId ?? null],
  );
  return rows.length > 0;
}
