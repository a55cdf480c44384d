import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import { grownSql } from './threshold.ts';
import type { Scope } from '../../db/scope.ts';
import type { Decision } from '../text/decisions.ts';

export async function versionOf(q: Queryable, committeeId: string): Promise<number> {
  const [row] = await q.query<{ version: number }>(
    'select version from common_issue_versions where committee_id = $1',
    [committeeId],
  );
  return row?.version ?? 0;
}

export async function bumpVersion(q: Queryable, committeeId: string): Promise<number> {
  const [row] = await q.query<{ version: number }>(
    `insert into common_issue_versions (committee_id, version) values ($1, 1)
     on conflict (committee_id) do update set version = common_issue_versions.version + 1
     returning version`,
    [committeeId],
  );
  return row!.version;
}

export function placementsOf(q: Queryable, committeeId: string, since: Date) {
  return q.query<{ concern_id: string; issue_id: string }>(
    `select p.concern_id, p.issue_id from common_issue_concerns p
      where p.committee_id = $1 and p.placed_at >= $2
      order by p.placed_at, p.concern_id`,
    [committeeId, since],
  );
}

export async function loadDecisions(q: Queryable, committeeId: string): Promise<Decision[]> {
  const rows = await q.query<{ decision: Decision }>(
    'select decision from common_issue_decisions where committee_id = $1 order by seq',
    [committeeId],
  );
  return rows.map((r) => r.decision);
}

export async function saveDecision(
  q: Queryable,
  d: { id: string; committeeId: string; decision: Decision; accountId: string | null; at: Date },
) {
  await q.query(
    `insert into common_issue_decisions (id, committee_id, decision, account_id, at) values ($1, $2, $3, $4, $5)`,
    [d.id, d.committeeId, JSON.stringify(d.decision), d.accountId, d.at],
  );
}

export async function placedMark(q: Queryable): Promise<Date | undefined> {
  const [row] = await q.query<{ placed_until: Date }>(
    `select placed_until from common_issue_marks where name = 'placing'`,
  );
  return row?.placed_until;
}

export async function setPlacedMark(q: Queryable, at: Date) {
  await q.query(
    `insert into common_issue_marks (name, placed_until) values ('placing', $1)
     on conflict (name) do update set placed_until = greatest(common_issue_marks.placed_until, $1)`,
    [at],
  );
}

export async function alreadyPlaced(q: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await q.query<{ concern_id: string }>(
    'select concern_id from common_issue_concerns where concern_id = any($1::uuid[])',
    [ids],
  );
  return new Set(rows.map((r) => r.concern_id));
}

export type IssueWrite = {
  id: string;
  committeeId: string;
  title: string;
  keyTerms: string[];
  representativeIds: string[];
  at: Date;
};

export async function upsertIssue(q: Queryable, w: IssueWrite) {
  await q.query(
    `insert into common_issues (id, committee_id, title, key_terms, representative_ids, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6)
     on conflict (id) do update set title = excluded.title, key_terms = excluded.key_terms,
       representative_ids = excluded.representative_ids, updated_at = excluded.updated_at`,
    [w.id, w.committeeId, w.title, JSON.stringify(w.keyTerms), JSON.stringify(w.representativeIds), w.at],
  );
}

export async function placeConcern(
  q: Queryable,
  p: { concernId: string; issueId: string; committeeId: string; studioId: string | null; at: Date },
) {
  await q.query(
    `insert into common_issue_concerns (concern_id, issue_id, committee_id, studio_id, placed_at)
     values ($1, $2, $3, $4, $5)
     on conflict (concern_id) do update set issue_id = excluded.issue_id`,
    [p.concernId, p.issueId, p.committeeId, p.studioId, p.at],
  );
}

/** Many placements in one statement (a burst of arrivals is thousands a minute). */
export async function placeConcerns(
  q: Queryable,
  rows: readonly { concernId: string; issueId: string; committeeId: string; studioId: string | null }[],
  at: Date,
) {
  if (!rows.length) return;
  await q.query(
    `insert into common_issue_concerns (concern_id, issue_id, committee_id, studio_id, placed_at)
     select c, i, m, s, $5
       from unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[]) as t(c, i, m, s)
     on conflict (concern_id) do update set issue_id = excluded.issue_id`,
    [
      rows.map((r) => r.concernId),
      rows.map((r) => r.issueId),
      rows.map((r) => r.committeeId),
      rows.map((r) => r.studioId),
      at,
    ],
  );
}

/** Counts from the placements themselves; an issue left without concerns goes away. */
export async function refreshCounts(q: Queryable, issueIds: readonly string[]) {
  if (!issueIds.length) return;
  await q.query(
    `update common_issues i set
       concern_count = (select count(*) from common_issue_concerns p where p.issue_id = i.id),
       studio_count = (select count(distinct p.studio_id) from common_issue_concerns p where p.issue_id = i.id)
     where i.id = any($1::text[])`,
    [issueIds],
  );
  await q.query(
    `delete from common_issues i where i.id = any($1::text[]) and i.concern_count = 0 and i.report_draft_id is null`,
    [issueIds],
  );
}

export type IssueRow = {
  id: string;
  committee_id: string;
  committee_name: string;
  title: string;
  named: boolean;
  key_terms: string[];
  representative_ids: string[];
  concern_count: number;
  studio_count: number;
  status: 'proposed' | 'confirmed';
  notified_at: Date | null;
  report_draft_id: string | null;
  created_at: Date;
  updated_at: Date;
  last_at: Date | null;
  total?: number;
};

const selectIssue = `select i.id, i.committee_id, c.name as committee_name,
    coalesce(i.staff_title, i.title) as title, i.staff_title is not null as named, i.key_terms,
    i.representative_ids, i.concern_count, i.studio_count, i.status, i.notified_at, i.report_draft_id,
    i.created_at, i.updated_at,
    (select max(p.placed_at) from common_issue_concerns p where p.issue_id = i.id) as last_at
  from common_issues i join committees c on c.id = i.committee_id`;

export type IssueFilter = { committeeId?: string; status?: string; minCount: number; grown?: boolean };

/** The list's filter as conditions on `i` (common_issues): the list and the workbench share them. */
export function issueConditions(f: IssueFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (f.committeeId) where.push(`i.committee_id = $${params.push(f.committeeId)}`);
  if (f.status) where.push(`i.status = $${params.push(f.status)}`);
  where.push(`i.concern_count >= $${params.push(f.minCount)}`);
  if (f.grown) where.push(grownSql('i'));
  return where;
}

/** Issues the filter finds in the scope, per committee. */
export async function issuesPerCommittee(q: Queryable, scope: Scope, f: IssueFilter) {
  const params: unknown[] = [];
  const where = [inScope('c.path', scope, params), ...issueConditions(f, params)];
  const rows = await q.query<{ committee_id: string; n: number }>(
    `select i.committee_id, count(*)::int as n from common_issues i join committees c on c.id = i.committee_id
      where ${where.join(' and ')} group by i.committee_id`,
    params,
  );
  return new Map(rows.map((r) => [r.committee_id, r.n]));
}

export async function listIssues(
  q: Queryable,
  scope: Scope,
  f: IssueFilter & { limit: number; offset: number },
) {
  const params: unknown[] = [];
  const where = [inScope('c.path', scope, params), ...issueConditions(f, params)];
  const cond = where.join(' and ');
  const [count] = await q.query<{ n: number }>(
    `select count(*)::int as n from common_issues i join committees c on c.id = i.committee_id where ${cond}`,
    params,
  );
  const rows = await q.query<IssueRow>(
    `${selectIssue} where ${cond}
      order by i.concern_count desc, i.updated_at desc, i.id
      limit $${params.push(f.limit)} offset $${params.push(f.offset)}`,
    params,
  );
  return { rows, total: count?.n ?? 0 };
}

export async function issueInScope(q: Queryable, scope: Scope, id: string): Promise<IssueRow | undefined> {
  const params: unknown[] = [id];
  const [row] = await q.query<IssueRow>(
    `${selectIssue} where i.id = $1 and ${inScope('c.path', scope, params)}`,
    params,
  );
  return row;
}

export function memberIds(q: Queryable, issueId: string) {
  return q.query<{ concern_id: string }>(
    'select concern_id from common_issue_concerns where issue_id = $1 order by placed_at, concern_id',
    [issueId],
  );
}

/** Staff's name for the issue, or null to show the engine's title again. */
export async function nameIssue(
  q: Queryable,
  n: { id: string; title: string | null; accountId: string; at: Date },
) {
  await q.query(
    'update common_issues set staff_title = $2, named_by = $3, named_at = $4, updated_at = $4 where id = $1',
    [n.id, n.title, n.title === null ? null : n.accountId, n.at],
  );
}

export async function setStatus(q: Queryable, id: string, status: 'proposed' | 'confirmed', at: Date) {
  await q.query('update common_issues set status = $2, updated_at = $3 where id = $1', [id, status, at]);
}

export async function markNotified(q: Queryable, id: string, at: Date) {
  await q.query('update common_issues set notified_at = $2 where id = $1', [id, at]);
}

export async function issuesByIds(q: Queryable, ids: readonly string[]) {
  if (!ids.length) return [] as IssueRow[];
  return q.query<IssueRow>(`${selectIssue} where i.id = any($1::text[])`, [ids]);
}

export async function createReportDraft(
  q: Queryable,
  d: { id: string; committeeId: string; title: string; issueId: string; accountId: string; at: Date },
) {
  await q.query(
    `insert into opinion_report_drafts (id, committee_id, title, common_issue_id, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [d.id, d.committeeId, d.title, d.issueId, d.accountId, d.at],
  );
  await q.query('update common_issues set report_draft_id = $2, updated_at = $3 where id = $1', [
    d.issueId,
    d.id,
    d.at,
  ]);
}

/** Committees in a subtree that have common issues. */
export async function committeesWithPlacements(q: Queryable, path: string): Promise<string[]> {
  const params: unknown[] = [];
  const rows = await q.query<{ id: string }>(
    `select c.id from committees c
      where ${inScope('c.path', { committeeId: '', path }, params)}
        and exists (select 1 from common_issue_concerns p where p.committee_id = c.id)`,
    params,
  );
  return rows.map((r) => r.id);
}

/** Issues of a committee whose counts may be out of date (e.g. emptied by a rebuild). */
export async function staleIssues(q: Queryable, committeeId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select i.id from common_issues i
      where i.committee_id = $1
        and i.concern_count <> (select count(*) from common_issue_concerns p where p.issue_id = i.id)`,
    [committeeId],
  );
  return rows.map((r) => r.id);
}
