import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import { latestCodeSql } from '../notify/codes.ts';
import type { LiveCode } from '../notify/codes.ts';
import { countHitSql, countInSql } from '../../http/rate-limit.ts';
import { joinPersonName, memberByCodeSql } from '../members/for-concerns.ts';
import {
  approvedStudioByCodeSql,
  convenorsSql,
  joinStudioName,
  servesInSql,
  studiosOfPersonSql,
} from '../studios/for-concerns.ts';
import type { Actor } from '../../http/actor.ts';
import { trackingCodeKey } from '../../../../contracts/concerns.ts';
import { concernIdsMatchingSql } from '../search/for-concerns.ts';
import { joinDepartment } from '../org/for-others.ts';
import { joinAccountName } from '../auth/for-concerns.ts';
import type { ConcernStatus } from '../../../../contracts/concern-workflow.ts';
import { openStatuses } from './common.ts';

export type { ConcernStatus };

export type ConcernRow = {
  id: string;
  tracking_code: string;
  committee_id: string;
  committee_name: string;
  committee_path: string;
  committee_parent_id: string | null;
  studio_id: string | null;
  studio_name: string | null;
  person_id: string | null;
  person_name: string | null;
  handler_account_id: string | null;
  handler_name: string | null;
  handler_department_id: string | null;
  department_name: string | null;
  department_assigned_at: Date | null;
  review_reply: string | null;
  category: string;
  body: string;
  place: string | null;
  status: ConcernStatus;
  reopen_count: number;
  rating: 'satisfied' | 'basic' | 'unsatisfied' | null;
  rating_comment: string | null;
  service_deed: boolean;
  service_deed_result: string | null;
  service_deed_at: Date | null;
  citizen_phone_enc: string | null;
  citizen_phone_masked: string | null;
  due_at: Date | null;
  submitted_at: Date;
  total?: number;
};

const selectConcern = `select k.id, k.tracking_code, k.committee_id, c.name as committee_name, c.path as committee_path,
    c.parent_id as committee_parent_id, k.studio_id, st.name as studio_name, k.person_id, p.name as person_name,
    k.handler_account_id, ha.display_name as handler_name, k.handler_department_id, dep.name as department_name, k.department_assigned_at, k.review_reply,
    k.category, k.body, k.place, k.status, k.reopen_count, k.rating, k.rating_comment,
    k.service_deed, k.service_deed_result, k.service_deed_at, k.citizen_phone_enc, k.citizen_phone_masked, k.due_at, k.submitted_at
  from concerns k
  join committees c on c.id = k.committee_id
  ${joinStudioName('k.studio_id')}
  ${joinPersonName('k.person_id')}
  ${joinDepartment('dep', 'k.handler_department_id')}
  ${joinAccountName('ha', 'k.handler_account_id')}`;

/** The open statuses as an SQL list: `k.status in ${openStatusesSql}`. */
export const openStatusesSql = `(${openStatuses.map((s) => `'${s}'`).join(', ')})`;

/**
 * Which concerns an account reaches: staff and admins, those handled in their committee
 * subtree; members, those routed to them or to a studio they serve in.
 */
export function visibleTo(actor: Actor, params: unknown[]): string {
  if (actor.role === 'member') {
    const me = params.push(actor.personId ?? '00000000-0000-0000-0000-000000000000');
    // `= any(array(…))`, not `in (select …)`: the studios become one value computed first, so
    // the planner can OR the person and studio indexes; with `in` it scanned every concern
    // (130 ms at 100,000 concerns, growing with the table; bench:concerns).
    return `(k.person_id = $${me} or k.studio_id = any(${studiosOfPersonSql(`$${me}`)}))`;
  }
  if (actor.role === 'department') {
    // Only what is passed to its department, and never outside its committee's scope.
    const dep = params.push(actor.departmentId ?? '00000000-0000-0000-0000-000000000000');
    return `(k.handler_department_id = $${dep} and ${inScope('c.path', actor.scope, params)})`;
  }
  return inScope('c.path', actor.scope, params);
}

/** The steps by which a committee passes a concern to another one: up (escalated), down or across (assigned). */
const handOverKinds = `('escalated', 'assigned')`;

/**
 * The ids of the concerns committee `by` (an SQL expression) handed to another committee, read
 * from the event side through concern_events_handed_from_idx (migration 0036): most of them
 * now lie outside `by`'s subtree, where no scan of its own concerns would find them.
 */
const handedFromSql = (by: string) =>
  `select e.concern_id from concern_events e
    where e.from_committee_id = ${by} and e.kind in ${handOverKinds} and e.to_committee_id <> ${by}`;

/**
 * Read visibility beyond visibleTo (which stays the write scope): who passed a concern on
 * keeps a read-only view of it to follow its progress. Staff, when a committee of their
 * subtree handed it to another committee; a member, when they passed it on themselves.
 * A department reads only what it holds.
 */
function followsSql(actor: Actor, params: unknown[]): string | null {
  if (actor.role === 'department') return null;
  if (actor.role === 'member') {
    const me = params.push(actor.accountId);
    return `exists (select 1 from concern_events e where e.concern_id = k.id and e.actor_account_id = $${me}
                      and e.kind in ('escalated', 'transferred'))`;
  }
  return `exists (select 1 from concern_events e join committees fc on fc.id = e.from_committee_id
                   where e.concern_id = k.id and e.kind in ${handOverKinds} and ${inScope('fc.path', actor.scope, params)})`;
}

export async function concernFor(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ConcernRow | undefined> {
  const params: unknown[] = [id];
  const where = visibleTo(actor, params);
  const [row] = await q.query<ConcernRow>(
    `${selectConcern} where k.id = $1 and ${where}${lock ? ' for update of k' : ''}`,
    params,
  );
  return row;
}

/**
 * A concern the actor may read: one it may act on (`writable`, the same rows as concernFor)
 * or one it passed on and follows (read-only). Writes never load through this.
 */
export async function concernReadable(
  q: Queryable,
  actor: Actor,
  id: string,
): Promise<(ConcernRow & { writable: boolean }) | undefined> {
  const params: unknown[] = [id];
  const mine = visibleTo(actor, params);
  const follows = followsSql(actor, params);
  const [row] = await q.query<ConcernRow & { writable: boolean }>(
    `${selectConcern.replace('from concerns k', `, (${mine}) as writable from concerns k`)}
      where k.id = $1 and (${mine}${follows ? ` or ${follows}` : ''})`,
    params,
  );
  return row;
}

export type HandOverRow = { kind: 'escalated' | 'assigned' | 'transferred'; to_name: string | null };

/** The last hand-over by which the actor's side passed the concern on: how, and to whom. */
export async function lastHandOverBy(q: Queryable, actor: Actor, concernId: string) {
  const params: unknown[] = [concernId];
  const by =
    actor.role === 'member'
      ? `e.actor_account_id = $${params.push(actor.accountId)} and e.kind in ('escalated', 'transferred')`
      : `e.kind in ${handOverKinds} and ${inScope('fc.path', actor.scope, params)}`;
  const [row] = await q.query<HandOverRow>(
    `select e.kind, coalesce(tp.name, ts.name, tc.name) as to_name
       from concern_events e
       left join committees fc on fc.id = e.from_committee_id
       left join committees tc on tc.id = e.to_committee_id
       ${joinStudioName(`(e.detail->>'studioId')::uuid`, 'ts')}
       ${joinPersonName(`(e.detail->>'personId')::uuid`, 'tp')}
      where e.concern_id = $1 and ${by}
      order by e.at desc, e.seq desc limit 1`,
    params,
  );
  return row;
}

export async function concernByTracking(
  q: Queryable,
  trackingCode: string,
  lock = false,
): Promise<ConcernRow | undefined> {
  const [row] = await q.query<ConcernRow>(
    `${selectConcern} where k.tracking_code = $1${lock ? ' for update of k' : ''}`,
    [trackingCode.toUpperCase()],
  );
  return row;
}

export type ListFilter = {
  status?: ConcernStatus;
  statuses?: ConcernStatus[];
  committeePath?: string;
  overdueAt?: Date;
  studioId?: string;
  category?: string;
  submittedFrom?: Date;
  submittedBefore?: Date;
  serviceDeed?: boolean;
  /** Keyword box: a tracking code (however typed), or words of the text. */
  q?: string;
  /** Open and due in [from, before). */
  dueSoon?: { from: Date; before: Date };
  unassigned?: boolean;
  /** Open, handed over by this committee to another one, and not back with it. */
  followedBy?: string;
};

/** The filter as SQL conditions on `k` (concerns) and `c` (its committee): lists and counts share them. */
export function filterConditions(f: ListFilter, params: unknown[], actor: Actor): string[] {
  const where: string[] = [];
  if (f.committeePath) where.push(inScope('c.path', { committeeId: '', path: f.committeePath }, params));
  if (f.status) where.push(`k.status = $${params.push(f.status)}`);
  if (f.statuses) where.push(`k.status = any($${params.push(f.statuses)}::text[])`);
  if (f.overdueAt) where.push(`k.status in ${openStatusesSql} and k.due_at < $${params.push(f.overdueAt)}`);
  if (f.studioId) where.push(`k.studio_id = $${params.push(f.studioId)}`);
  if (f.category) where.push(`k.category = $${params.push(f.category)}`);
  if (f.submittedFrom) where.push(`k.submitted_at >= $${params.push(f.submittedFrom)}`);
  if (f.submittedBefore) where.push(`k.submitted_at < $${params.push(f.submittedBefore)}`);
  if (f.serviceDeed !== undefined) where.push(`k.service_deed = $${params.push(f.serviceDeed)}`);
  if (f.q) where.push(keywordWhere(f.q, actor, params));
  if (f.dueSoon)
    where.push(
      `k.status in ${openStatusesSql} and k.due_at >= $${params.push(f.dueSoon.from)} and k.due_at < $${params.push(f.dueSoon.before)}`,
    );
  if (f.unassigned)
    where.push(
      `k.status in ${openStatusesSql} and k.studio_id is null and k.person_id is null and k.handler_account_id is null`,
    );
  if (f.followedBy) {
    const by = params.push(f.followedBy);
    where.push(`k.status in ${openStatusesSql} and k.committee_id <> $${by}
      and k.id = any(array(${handedFromSql(`$${by}`)}))`);
  }
  return where;
}

/**
 * Where a list's rows come from: what the actor may act on, or — for the followed filter —
 * what the filter's committee (in the actor's scope: filterOfQuery) handed on, which is what
 * the actor reads by followsSql and no more; its own condition names exactly those rows.
 */
const followedOnly = (actor: Actor, f: ListFilter) => actor.role !== 'member' && f.followedBy !== undefined;

/**
 * How many concerns each filter finds among those the actor reaches: one statement, one scan
 * for the filters over the actor's own concerns, and one over the handed-on ones for the
 * followed filters (a small set read by its index, not the subtree's concerns again).
 */
export async function countConcerns(q: Queryable, actor: Actor, filters: ListFilter[]): Promise<number[]> {
  if (!filters.length) return [];
  const followed = filters.flatMap((f, i) => (followedOnly(actor, f) ? [i] : []));
  if (!followed.length) return countOwn(q, actor, filters);
  const own = filters.flatMap((f, i) => (followedOnly(actor, f) ? [] : [i]));
  const [a, b] = await Promise.all([
    countOwn(
      q,
      actor,
      own.map((i) => filters[i]!),
    ),
    countFollowed(
      q,
      actor,
      followed.map((i) => filters[i]!),
    ),
  ]);
  const out: number[] = [];
  own.forEach((i, j) => (out[i] = a[j]!));
  followed.forEach((i, j) => (out[i] = b[j]!));
  return out;
}

async function countFollowed(q: Queryable, actor: Actor, filters: ListFilter[]): Promise<number[]> {
  const params: unknown[] = [];
  const by = params.push([...new Set(filters.map((f) => f.followedBy!))]);
  const columns = filters.map(
    (f, i) => `count(*) filter (where ${filterConditions(f, params, actor).join(' and ')})::int as c${i}`,
  );
  const [row] = await q.query<Record<string, number>>(
    `select ${columns.join(', ')} from concerns k join committees c on c.id = k.committee_id
      where k.id = any(array(select e.concern_id from concern_events e
                              where e.from_committee_id = any($${by}::uuid[]) and e.kind in ${handOverKinds}))`,
    params,
  );
  return filters.map((_, i) => row?.[`c${i}`] ?? 0);
}

async function countOwn(q: Queryable, actor: Actor, filters: ListFilter[]): Promise<number[]> {
  if (!filters.length) return [];
  const params: unknown[] = [];
  const from = actor.role === 'member' ? memberConcerns(actor, params) : 'concerns k';
  const base = actor.role === 'member' ? 'true' : visibleTo(actor, params);
  const columns = filters.map((f, i) => {
    const cond = filterConditions(f, params, actor);
    return `count(*) filter (where ${cond.length ? cond.join(' and ') : 'true'})::int as c${i}`;
  });
  const [row] = await q.query<Record<string, number>>(
    `select ${columns.join(', ')} from ${from} join committees c on c.id = k.committee_id where ${base}`,
    params,
  );
  return filters.map((_, i) => row?.[`c${i}`] ?? 0);
}

export async function listConcerns(
  q: Queryable,
  actor: Actor,
  f: ListFilter,
  page: { limit: number; offset: number },
): Promise<ConcernRow[]> {
  const params: unknown[] = [];
  // A member's concerns as two halves (routed to them; to their studios, routed to someone
  // else), each read through its own index (migration 0013). With the visibility as one OR,
  // the planner could walk every overdue concern of the province by due date and filter for
  // the member: 490 ms for the overdue bucket at 1,000,000 (bench:concerns).
  const from = actor.role === 'member' ? memberConcerns(actor, params) : 'concerns k';
  const where = actor.role === 'member' || followedOnly(actor, f) ? ['true'] : [visibleTo(actor, params)];
  where.push(...filterConditions(f, params, actor));
  const order = 'k.due_at asc nulls last, k.submitted_at desc, k.id';
  const matching = `from ${from} join committees c on c.id = k.committee_id where ${where.join(' and ')}`;
  // The page's ids first, on narrow rows; names and texts only for those. Joined before the
  // limit, every matching row carried its text and looked up its person. The total is its own
  // count: as a window (count(*) over ()) beside the page it made the database sort every
  // matching row, 140,000 for a city, where a page needs only the first few (a top-N sort);
  // both read concerns_list_idx (migration 0030) alone, not the table.
  return q.query<ConcernRow>(
    `with page as (
       select k.id ${matching}
        order by ${order}
        limit $${params.push(page.limit)} offset $${params.push(page.offset)}),
     counted as (select count(*)::int as total ${matching})
     ${selectConcern.replace('from concerns k', ', counted.total from page cross join counted join concerns k on k.id = page.id')}
     order by ${order}`,
    params,
  );
}

/**
 * The keyword box: the concern with this tracking code, or those whose text matches in the
 * search index (search/for-concerns.ts). The ids come first as one array, so the rest of the
 * list reads them by primary key instead of testing every concern of the scope.
 */
function keywordWhere(typed: string, actor: Actor, params: unknown[]): string {
  const ids: string[] = [];
  const code = trackingCodeKey(typed);
  if (code) ids.push(`select x.id from concerns x where x.tracking_code = $${params.push(code)}`);
  const text = concernIdsMatchingSql(typed, actor.scope, params);
  if (text) ids.push(text);
  return ids.length ? `k.id = any(array(${ids.join(' union all ')}))` : 'false';
}

/**
 * A member's concerns (the same set as visibleTo, each row once): those routed to them plus
 * those of their studios routed to someone else, so each half reads its own index
 * (concerns_person_status_due_idx / concerns_studio_status_due_idx, migration 0013).
 */
function memberConcerns(actor: Actor, params: unknown[], columns = 'k.*'): string {
  const me = params.push(actor.personId ?? '00000000-0000-0000-0000-000000000000');
  return `(select ${columns} from concerns k where k.person_id = $${me}
          union all
          select ${columns} from concerns k
           where k.studio_id = any(${studiosOfPersonSql(`$${me}`)})
             and k.person_id is distinct from $${me}) k`;
}

export async function inboxCounts(q: Queryable, actor: Actor, now: Date) {
  const params: unknown[] = [];
  const n = params.push(now);
  // Counted over the two halves, each an index-only scan; as one OR over the table every
  // counted row was a heap page.
  const from =
    actor.role === 'member'
      ? memberConcerns(actor, params, 'k.status, k.due_at')
      : `concerns k join committees c on c.id = k.committee_id where ${visibleTo(actor, params)}`;
  const [row] = await q.query<{ new: number; in_progress: number; overdue: number }>(
    `select count(*) filter (where k.status = 'submitted')::int as new,
            count(*) filter (where k.status in ('accepted', 'info_requested', 'reopened', 'return_requested', 'reply_review'))::int as in_progress,
            count(*) filter (where k.status in ${openStatusesSql} and k.due_at < $${n})::int as overdue
       from ${from}`,
    params,
  );
  return { new: row?.new ?? 0, inProgress: row?.in_progress ?? 0, overdue: row?.overdue ?? 0 };
}

export type EventRow = {
  id: string;
  at: Date;
  kind: string;
  actor_kind: 'citizen' | 'member' | 'staff' | 'system';
  actor_label: string | null;
  public_text: string | null;
  note: string | null;
  from_committee_id: string | null;
  to_committee_id: string | null;
  /**
   * Who took the step: a member by their name, staff by their account's (console only: the
   * citizen reads actor_label).
   */
  actor_name: string | null;
  from_committee_name: string | null;
  to_committee_name: string | null;
  /** The studio, member and department a hand-over named (its detail), by name. */
  to_studio_name: string | null;
  to_person_name: string | null;
  to_department_name: string | null;
};

export async function eventsOf(q: Queryable, concernId: string): Promise<EventRow[]> {
  return q.query<EventRow>(
    `select e.id, e.at, e.kind, e.actor_kind, e.actor_label, e.public_text, e.note, e.from_committee_id,
            e.to_committee_id, coalesce(eap.name, ea.display_name) as actor_name, fc.name as from_committee_name,
            tc.name as to_committee_name, ts.name as to_studio_name, tp.name as to_person_name,
            td.name as to_department_name
       from concern_events e
       ${joinAccountName('ea', 'e.actor_account_id')}
       ${joinPersonName('ea.person_id', 'eap')}
       left join committees fc on fc.id = e.from_committee_id
       left join committees tc on tc.id = e.to_committee_id
       ${joinStudioName(`(e.detail->>'studioId')::uuid`, 'ts')}
       ${joinPersonName(`(e.detail->>'personId')::uuid`, 'tp')}
       ${joinDepartment('td', `(e.detail->>'departmentId')::uuid`)}
      where e.concern_id = $1 order by e.at, e.seq`,
    [concernId],
  );
}

export type NewEvent = {
  kind: string;
  actorKind: EventRow['actor_kind'];
  actorAccountId?: string | null;
  actorLabel?: string | null;
  publicText?: string | null;
  note?: string | null;
  fromCommitteeId?: string | null;
  toCommitteeId?: string | null;
  detail?: Record<string, unknown>;
};

export async function insertEvent(q: Queryable, id: string, concernId: string, at: Date, e: NewEvent) {
  await insertEvents(q, concernId, at, [{ id, ...e }]);
}

/** Steps taken in the same instant, in this order (one statement: `seq` follows the rows). */
export async function insertEvents(
  q: Queryable,
  concernId: string,
  at: Date,
  events: (NewEvent & { id: string })[],
) {
  const params: unknown[] = [concernId, at];
  const rows = events.map((e) => {
    const values = [
      e.id,
      e.kind,
      e.actorKind,
      e.actorAccountId ?? null,
      e.actorLabel ?? null,
      e.publicText ?? null,
      e.note ?? null,
      e.fromCommitteeId ?? null,
      e.toCommitteeId ?? null,
      JSON.stringify(e.detail ?? {}),
    ].map((v) => `$${params.push(v)}`);
    return `(${values[0]}::uuid, $1::uuid, $2::timestamptz, ${values.slice(1).join(', ')})`;
  });
  await q.query(
    `insert into concern_events (id, concern_id, at, kind, actor_kind, actor_account_id, actor_label, public_text, note,
       from_committee_id, to_committee_id, detail)
     values ${rows.join(', ')}`,
    params,
  );
}

export type SubmissionLookup = {
  /** Hits counted in the window, this one included. */
  hits: number;
  /** The tracking code of the concern already made with this submit key (a retry). */
  replay: string | null;
  studio: { id: string; committee_id: string; name: string } | null;
  /** A member by public code, with the committee of their lowest active seat. */
  member: { person_id: string; name: string; committee_id: string } | null;
  /** Whether that member serves in that studio. */
  joined: boolean;
  /** Who convenes the studio (they hear of a concern sent to the studio, not to a member). */
  convenors: string[];
  /** With a phone: its latest live one-time code, and its submissions counted in the window. */
  code: LiveCode | null;
  phone_hits: number;
};

/**
 * Everything a submission checks before it writes, in one round trip: it counts the hit
 * (`countHitSql`, on the unlogged rate_limits: no WAL flush), looks for an earlier answer to
 * the same submit key, finds the studio and member the codes name, and, with a phone, reads
 * its latest one-time code and how often it submitted today (counted only once the code
 * proves the phone, in the submission's own write).
 */
export async function submissionLookup(
  q: Queryable,
  p: {
    bucket: string;
    window: Date;
    submitKey: string | null;
    studioCode: string | null;
    memberCode: string | null;
    phone: { hash: string; now: Date; bucket: string; window: Date } | null;
  },
): Promise<SubmissionLookup> {
  const [row] = await q.query<SubmissionLookup>(
    `with hit as (${countHitSql}),
     studio as (${approvedStudioByCodeSql('$4')}),
     member as (${memberByCodeSql('$5')})
     select (select count from hit) as hits,
            (select tracking_code from concerns where submit_key = $3) as replay,
            (select row_to_json(studio) from studio) as studio,
            (select row_to_json(member) from member) as member,
            ${servesInSql('(select id from studio)', '(select person_id from member)')} as joined,
            ${convenorsSql('(select id from studio)')} as convenors,
            (select row_to_json(c) from (${latestCodeSql('$6', '$7')}) c) as code,
            ${countInSql('$8', '$9')} as phone_hits`,
    [
      p.bucket,
      p.window,
      p.submitKey,
      p.studioCode?.toUpperCase() ?? null,
      p.memberCode?.toUpperCase() ?? null,
      p.phone?.hash ?? null,
      p.phone?.now ?? null,
      p.phone?.bucket ?? null,
      p.phone?.window ?? null,
    ],
    { prepare: true },
  );
  return row!;
}

export async function committeeName(q: Queryable, id: string) {
  const [row] = await q.query<{ name: string; path: string }>(
    'select name, path from committees where id = $1',
    [id],
  );
  return row;
}

/** The reply last put to review: who wrote it (account and the label the citizen will read). */
export async function lastDraft(q: Queryable, concernId: string) {
  const [row] = await q.query<{ actor_account_id: string | null; actor_label: string | null }>(
    `select actor_account_id, actor_label from concern_events
      where concern_id = $1 and kind = 'reply_submitted' order by at desc, seq desc limit 1`,
    [concernId],
  );
  return row;
}
