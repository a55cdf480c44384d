import type { MemberListQuery } from '../../../../contracts/members.ts';
import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { joinSector, joinSpecialCommittee } from '../org/for-others.ts';
import { likeEscape } from './names.ts';

export type MemberRowDb = {
  id: string;
  person_id: string;
  name: string;
  gender: 'male' | 'female';
  committee_id: string;
  committee_name: string;
  level: 'national' | 'province' | 'city' | 'county';
  sector_id: string | null;
  sector_name: string | null;
  special_committee_id: string | null;
  special_committee_name: string | null;
  work_unit_post: string;
  position: 'chair' | 'vice_chair' | 'secretary_general' | 'standing' | 'member';
  status: 'active' | 'retired';
  phone_masked: string | null;
  joined_on: string | null;
  retired_on: string | null;
  retire_reason: string | null;
  other_committees: number;
  total: number;
};

const sorts = {
  name: 'p.name_pinyin',
  committee: 'c.path',
  sector: 's.sort_order',
  joinedOn: 'm.joined_on',
} as const;

const selectMember = `select m.id, m.person_id, p.name, p.gender, m.committee_id, c.name as committee_name, c.level,
    m.sector_id, s.name as sector_name, m.special_committee_id, sc.name as special_committee_name,
    m.work_unit_post, m.position, m.status, p.phone_masked, m.joined_on, m.retired_on, m.retire_reason,
    (select count(*) from memberships o where o.person_id = m.person_id and o.id <> m.id and o.status = 'active')::int
      as other_committees`;
const fromMember = `from memberships m
    join persons p on p.id = m.person_id
    join committees c on c.id = m.committee_id
    ${joinSector('s', 'm.sector_id')}
    ${joinSpecialCommittee('sc', 'm.special_committee_id')}`;

export type MemberFilters = Omit<MemberListQuery, 'page' | 'pageSize'> & {
  committeePath?: string;
  /** Set when q is a mobile number: matched exactly through its keyed hash. */
  qPhoneHash?: string;
};

function memberWhere(scope: Scope, f: MemberFilters, params: unknown[]): { withHits: string; where: string } {
  // Matching persons are found first, through their own indexes, in a materialized CTE.
  // Left to itself the planner walked all persons in pinyin order hoping to meet 20 matches
  // early: fine for "an…", but 120 ms for "wang", whose matches all sit near the end.
  let withHits = '';
  const onPerson = (cond: string) => {
    withHits = `with hits as materialized (select id from persons where ${cond}) `;
    return 'm.person_id in (select id from hits)';
  };
  const where = [inScope('c.path', scope, params)];
  if (f.committeeId && f.committeePath) {
    if (f.subtree === 'true')
      where.push(inScope('c.path', { committeeId: f.committeeId, path: f.committeePath }, params));
    else where.push(`m.committee_id = $${params.push(f.committeeId)}`);
  }
  if (f.level) where.push(`c.level = $${params.push(f.level)}`);
  if (f.sectorId) where.push(`m.sector_id = $${params.push(f.sectorId)}`);
  if (f.specialCommitteeId) where.push(`m.special_committee_id = $${params.push(f.specialCommitteeId)}`);
  if (f.status !== 'all') where.push(`m.status = $${params.push(f.status)}`);
  // One kind of match per kind of query, each with an index, instead of one OR over
  // everything (which made every search a full scan).
  if (f.qPhoneHash) where.push(onPerson(`phone_hash = $${params.push(f.qPhoneHash)}`));
  else if (f.q && /^[a-z]+$/i.test(f.q)) {
    const n = params.push(`${likeEscape(f.q.toLowerCase())}%`);
    // Pinyin as typed, without the spaces stored between syllables (zhangwei: 'zhang wei').
    where.push(onPerson(`name_initials like $${n} or replace(name_pinyin, ' ', '') like $${n}`));
  } else if (f.q && [...f.q].length === 1) {
    // One character is a surname: 王 finds 王芳, not 汪王庄 or every 王 in a work unit.
    const n = params.push(`${likeEscape(f.q)}%`);
    where.push(onPerson(`name like $${n}`));
  } else if (f.q) {
    const n = params.push(`%${likeEscape(f.q)}%`);
    where.push(`(${onPerson(`name like $${n}`)} or m.work_unit_post like $${n})`);
  }
  return { withHits, where: where.join(' and ') };
}

/** The member grid: filters, sort and page, always inside the caller's scope. */
export async function listMembers(
  q: Queryable,
  scope: Scope,
  f: MemberFilters,
  page?: { limit: number; offset: number },
) {
  const params: unknown[] = [];
  const { withHits, where } = memberWhere(scope, f, params);
  const order = `${sorts[f.sort]} ${f.order === 'desc' ? 'desc' : 'asc'} nulls last, p.name_pinyin, m.id`;
  const paging = page ? ` limit $${params.push(page.limit)} offset $${params.push(page.offset)}` : '';
  return q.query<MemberRowDb>(
    `${withHits}${selectMember}, 0 as total ${fromMember} where ${where} order by ${order}${paging}`,
    params,
  );
}

/** The number of rows the grid's filters match. Counted apart from the page: a window count
 * over the page query made PostgreSQL build the whole join before it could stop at the limit. */
export async function countMembers(q: Queryable, scope: Scope, f: MemberFilters): Promise<number> {
  const params: unknown[] = [];
  const { withHits, where } = memberWhere(scope, f, params);
  const [row] = await q.query<{ n: number }>(
    `${withHits}select count(*)::int as n from memberships m join committees c on c.id = m.committee_id where ${where}`,
    params,
  );
  return row?.n ?? 0;
}

export async function memberById(q: Queryable, scope: Scope, id: string) {
  const params: unknown[] = [id];
  const rows = await q.query<MemberRowDb & { path: string }>(
    `${selectMember}, 0 as total, c.path ${fromMember} where m.id = $1 and ${inScope('c.path', scope, params)}`,
    params,
  );
  return rows[0];
}

export async function seatsOfPerson(q: Queryable, scope: Scope, personId: string) {
  const params: unknown[] = [personId];
  return q.query<MemberRowDb>(
    `${selectMember}, 0 as total ${fromMember} where m.person_id = $1 and ${inScope('c.path', scope, params)} order by c.path`,
    params,
  );
}

export type PersonRow = {
  id: string;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string | null;
  birth_month: string | null;
  party: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
};

export async function personById(q: Queryable, id: string) {
  return (await q.query<PersonRow>('select * from persons where id = $1', [id]))[0];
}

export async function personsByPhoneHash(q: Queryable, hashes: string[]) {
  return q.query<PersonRow>('select * from persons where phone_hash = any($1::text[])', [hashes]);
}
