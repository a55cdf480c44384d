import { dueSoonDays } from '../../../../contracts/concerns.ts';
import type { ConcernDetail, concernListQuery, inboxQuery } from '../../../../contracts/concerns.ts';
import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { localDate } from '../../lib/local-date.ts';
import { requireCommittee } from '../org/service.ts';
import { iso, isOverdue, returnUntil } from './common.ts';
import { photosOf } from './photos.ts';
import type { ConcernRow, ConcernStatus, ListFilter } from './queries.ts';
import { concernReadable, eventsOf, inboxCounts, lastHandOverBy, listConcerns } from './queries.ts';

// What members and staff see. Lists carry an excerpt and a masked nothing: the phone is
// only in the detail, masked, and in full only through revealPhone.

const excerptLength = 80;

function summaryOf(k: ConcernRow, now: Date) {
  return {
    id: k.id,
    trackingCode: k.tracking_code,
    category: k.category as ConcernDetail['category'],
    excerpt: k.body.length > excerptLength ? `${k.body.slice(0, excerptLength)}…` : k.body,
    status: k.status,
    committeeId: k.committee_id,
    committeeName: k.committee_name,
    studioId: k.studio_id,
    studioName: k.studio_name,
    personId: k.person_id,
    personName: k.person_name,
    submittedAt: iso(k.submitted_at)!,
    dueAt: iso(k.due_at),
    overdue: isOverdue(k.status, k.due_at, now),
    reopenCount: k.reopen_count,
  };
}

const pageOf = (rows: ConcernRow[], now: Date, page: number, pageSize: number) => ({
  items: rows.map((r) => summaryOf(r, now)),
  total: rows[0]?.total ?? 0,
  page,
  pageSize,
});

const buckets: Record<string, ConcernStatus[] | undefined> = {
  new: ['submitted'],
  in_progress: ['accepted', 'info_requested', 'reopened', 'return_requested', 'reply_review'],
};

/** A member's inbox: concerns routed to them or to their studios; a department's: those passed to it. */
export async function memberInbox(deps: Deps, actor: Actor, f: z.infer<typeof inboxQuery>) {
  assertCan(actor, 'concerns.inbox');
  const now = deps.clock.now();
  const rows = await listConcerns(deps.db, actor, inboxFilterOf(f, now), {
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { ...pageOf(rows, now, f.page, f.pageSize), counts: await inboxCounts(deps.db, actor, now) };
}

/** The inbox's tab (and studio) as the query's filter; the workbench counts with the same. */
export const inboxFilterOf = (
  f: Pick<z.infer<typeof inboxQuery>, 'bucket' | 'studioId'>,
  now: Date,
): ListFilter => ({
  statuses: buckets[f.bucket],
  overdueAt: f.bucket === 'overdue' ? now : undefined,
  studioId: f.studioId,
});

/** A day in China time ('2026-11-23') → the instant it starts. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export type ListQuery = Omit<z.infer<typeof concernListQuery>, 'page' | 'pageSize'>;

/** The screen's filters as the query's (the export uses the same). */
export async function listFilterOf(deps: Deps, actor: Actor, f: ListQuery): Promise<ListFilter> {
  const committee = f.committeeId ? await requireCommittee(deps, actor, f.committeeId) : undefined;
  if (f.from && f.to && f.from > f.to)
    throw new AppError('concerns.bad_range', { fields: [{ field: 'to', problem: 'invalid' }] });
  return filterOfQuery(f, { now: deps.clock.now(), committee, ownCommitteeId: actor.scope.committeeId });
}

/** The query as the filter, its committee (in scope) already found: the workbench's counts use it too. */
export function filterOfQuery(
  f: ListQuery,
  o: { now: Date; committee: { id: string; path: string } | undefined; ownCommitteeId: string },
): ListFilter {
  const today = localDate(o.now);
  const followed = f.followed === 'true';
  return {
    status: f.status,
    // Followed: the committee is the one that handed the concerns on, not where they are now.
    committeePath: followed ? undefined : o.committee?.path,
    overdueAt: f.overdue === 'true' ? o.now : undefined,
    studioId: f.studioId,
    category: f.category,
    submittedFrom: f.from ? dayStart(f.from) : undefined,
    submittedBefore: f.to ? new Date(dayStart(f.to).getTime() + 86400_000) : undefined,
    serviceDeed: f.serviceDeed === undefined ? undefined : f.serviceDeed === 'true',
    q: f.q ?? undefined,
    dueSoon:
      f.dueSoon === 'true'
        ? { from: o.now, before: new Date(dayStart(today).getTime() + dueSoonDays * 86400_000) }
        : undefined,
    unassigned: f.unassigned === 'true' || undefined,
    followedBy: followed ? (o.committee?.id ?? o.ownCommitteeId) : undefined,
  };
}

/** Staff: every concern handled in their subtree, or in one committee's subtree of it. */
export async function staffList(deps: Deps, actor: Actor, f: z.infer<typeof concernListQuery>) {
  assertCan(actor, 'concerns.manage');
  const rows = await listConcerns(deps.db, actor, await listFilterOf(deps, actor, f), {
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return pageOf(rows, deps.clock.now(), f.page, f.pageSize);
}

export async function concernDetail(deps: Deps, actor: Actor, id: string): Promise<ConcernDetail> {
  assertCan(actor, 'concerns.handle');
  // Read visibility is wider than write scope: who passed it on follows it, read-only.
  const k = await concernReadable(deps.db, actor, id);
  if (!k) throw new AppError('concerns.not_found');
  const events = await eventsOf(deps.db, id);
  const handedOver = k.writable ? undefined : await lastHandOverBy(deps.db, actor, id);
  return {
    ...summaryOf(k, deps.clock.now()),
    access: k.writable ? 'handle' : 'follow',
    following: handedOver ? { via: handedOver.kind, to: handedOver.to_name } : null,
    handlerName: k.handler_name,
    text: k.body,
    place: k.place,
    phoneMasked: k.citizen_phone_masked,
    handlerAccountId: k.handler_account_id,
    handlerDepartmentId: k.handler_department_id,
    handlerDepartmentName: k.department_name,
    returnUntil: iso(returnUntil(k)),
    // The draft under review is the staff's to judge and its author's to see; a department
    // or member sees only their own concerns anyway (visibleTo).
    reviewReply: k.status === 'reply_review' ? k.review_reply : null,
    rating: k.rating,
    ratingComment: k.rating_comment,
    serviceDeed:
      k.service_deed && k.service_deed_at
        ? { result: k.service_deed_result ?? '', at: new Date(k.service_deed_at).toISOString() }
        : null,
    photos: (await photosOf(deps.db, id)).map((ph) => {
      const url = `/api/concerns/${id}/photos/${ph.id}`;
      return { ...ph, url, thumbUrl: `${url}/thumb` };
    }),
    events: events.map((e) => ({
      id: e.id,
      at: iso(e.at)!,
      kind: e.kind as ConcernDetail['events'][number]['kind'],
      actorKind: e.actor_kind,
      actorLabel: e.actor_label,
      publicText: e.public_text,
      note: e.note,
      fromCommitteeId: e.from_committee_id,
      toCommitteeId: e.to_committee_id,
      actorName: e.actor_name,
      fromCommitteeName: e.from_committee_name,
      toCommitteeName: e.to_committee_name,
      toStudioName: e.to_studio_name,
      toPersonName: e.to_person_name,
      toDepartmentName: e.to_department_name,
    })),
  };
}
