import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { enqueue as enqueueJob } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/service.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { evidenceOf } from '../concerns/for-grouping.ts';
import { requireCommittee } from '../org/service.ts';
import type { Decision } from '../text/decisions.ts';
import type { GroupIndex } from '../text/grouping.ts';
import { confirm, detach, merge, split } from '../text/staff-actions.ts';
import { chinaTime } from '../../../../contracts/china-time.ts';
import { forget, indexOf, remember } from './engine.ts';
import { mergePlaces } from './place-tally.ts';
import { saveGroup } from './persist.ts';
import type { IssueRow } from './queries.ts';
import {
  createReportDraft,
  issueInScope,
  listIssues,
  memberIds,
  nameIssue,
  placeConcern,
  refreshCounts,
  saveDecision,
  setStatus,
} from './queries.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function summaryOf(r: IssueRow) {
  return {
    id: r.id,
    committeeId: r.committee_id,
    committeeName: r.committee_name,
    title: r.title,
    named: r.named,
    keyTerms: r.key_terms,
    concernCount: r.concern_count,
    studioCount: r.studio_count,
    status: r.status,
    reportDraftId: r.report_draft_id,
    createdAt: iso(r.created_at)!,
    lastAt: iso(r.last_at),
  };
}

export async function listCommonIssues(
  deps: Deps,
  actor: Actor,
  f: {
    committeeId?: string;
    status?: string;
    minCount: number;
    grown?: 'true' | 'false';
    page: number;
    pageSize: number;
  },
) {
  assertCan(actor, 'commonIssues.read');
  if (f.committeeId) await requireCommittee(deps, actor, f.committeeId);
  const { rows, total } = await listIssues(deps.db, actor.scope, {
    ...f,
    grown: f.grown === 'true',
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: rows.map(summaryOf), total, page: f.page, pageSize: f.pageSize };
}

async function requireIssue(q: Queryable, actor: Actor, id: string) {
  const row = await issueInScope(q, actor.scope, id);
  if (!row) throw new AppError('commonIssues.not_found');
  return row;
}

const excerpt = (s: string, n = 160) => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

/** A common issue with its evidence: every concern, counts by place and by day, typical texts. */
export async function commonIssueDetail(deps: Deps, actor: Actor, id: string) {
  assertCan(actor, 'commonIssues.read');
  const row = await requireIssue(deps.db, actor, id);
  const ids = (await memberIds(deps.db, id)).map((r) => r.concern_id);
  const evidence = await evidenceOf(deps.db, ids);
  const tally = (key: (e: (typeof evidence)[number]) => string) => {
    const m = new Map<string, number>();
    for (const e of evidence) m.set(key(e), (m.get(key(e)) ?? 0) + 1);
    return [...m].map(([label, count]) => ({ label, count }));
  };
  const byPlace = mergePlaces(tally((e) => e.place?.trim() || e.studioName || e.committeeName));
  // Counted by the committee's day: a concern of 07:00 Beijing time on 12-03 is one of 12-03.
  const byDay = tally((e) => chinaTime(e.submittedAt).slice(0, 10)).sort((a, b) =>
    a.label.localeCompare(b.label),
  );
  const concerns = evidence.map((e) => ({
    id: e.id,
    trackingCode: e.trackingCode,
    status: e.status,
    category: e.category,
    excerpt: excerpt(e.body),
    place: e.place,
    studioName: e.studioName,
    committeeName: e.committeeName,
    submittedAt: iso(e.submittedAt)!,
  }));
  return {
    ...summaryOf(row),
    representatives: row.representative_ids
      .map((rid) => concerns.find((c) => c.id === rid))
      .filter((c) => c !== undefined),
    concerns,
    byPlace,
    byDay,
  };
}

export type IssueAction =
  | { kind: 'confirm' }
  | { kind: 'detach'; concernId: string }
  | { kind: 'split'; concernIds: string[] }
  | { kind: 'merge'; otherId: string };

/**
 * A staff decision: applied to the committee's live index, stored in the decision log that
 * every later run replays, and the changed placements written — all in one transaction.
 */
export async function decide(deps: Deps, actor: Actor, id: string, action: IssueAction, ip: string) {
  assertCan(actor, 'commonIssues.manage');
  return deps.db.tx(async (q) => {
    const row = await requireIssue(q, actor, id);
    const committeeId = row.committee_id;
    const now = deps.clock.now();
    const index = await indexOf(q, committeeId, now);
    if (!index.groups.has(id)) throw new AppError('commonIssues.outside_window');
    try {
      const before = new Map([...index.concerns].map(([cid, c]) => [cid, c.group]));
      const decision = await applyAction(q, actor, index, row, action);
      await saveDecision(q, {
        id: deps.ids.uuid(),
        committeeId,
        decision,
        accountId: actor.accountId,
        at: now,
      });
      // Write what moved: the groups it left and joined, and each moved concern.
      const moved = [...index.concerns].filter(([cid, c]) => before.get(cid) !== c.group);
      // Every concern that moved came from a group in `before`: its old and new groups changed.
      const touched = new Set([id, ...moved.flatMap(([cid, c]) => [c.group, before.get(cid) ?? id])]);
      for (const gid of touched) await saveGroup(q, index, committeeId, gid, now);
      for (const [cid, c] of moved)
        await placeConcern(q, {
          concernId: cid,
          issueId: c.group,
          committeeId,
          studioId: c.studio ?? null,
          at: now,
        });
      await refreshCounts(q, [...touched]);
      if (action.kind === 'confirm') await setStatus(q, id, 'confirmed', now);
      await recordAudit(q, deps.clock, {
        actorId: actor.accountId,
        actorName: actor.username,
        committeeId,
        ip,
        action: `commonIssues.${action.kind}`,
        targetType: 'common_issue',
        targetId: id,
        result: 'ok',
        status: 200,
        detail: { ...action, moved: moved.length },
      });
      await remember(q, committeeId, index);
    } catch (err) {
      forget(committeeId);
      throw err;
    }
    return { ok: true as const };
  });
}

async function applyAction(
  q: Queryable,
  actor: Actor,
  index: GroupIndex,
  row: IssueRow,
  action: IssueAction,
): Promise<Decision> {
  const id = row.id;
  const members = index.groups.get(id)?.members ?? [];
  switch (action.kind) {
    case 'confirm':
      return confirm(index, id);
    case 'detach':
      if (!members.includes(action.concernId)) throw fieldError('concernId');
      return detach(index, action.concernId);
    case 'split': {
      const chosen = [...new Set(action.concernIds)];
      if (!chosen.length || chosen.some((c) => !members.includes(c)) || chosen.length >= members.length)
        throw fieldError('concernIds');
      return split(index, id, chosen);
    }
    case 'merge': {
      const other = await issueInScope(q, actor.scope, action.otherId);
      // Issues of different committees live in different indexes: they cannot be one.
      if (!other || other.id === id || other.committee_id !== row.committee_id || !index.groups.has(other.id))
        throw fieldError('otherId');
      return merge(index, id, other.id);
    }
  }
}

const fieldError = (field: string) =>
  new AppError('commonIssues.invalid_choice', { fields: [{ field, problem: 'invalid' }] });

/** Staff name the issue (an empty name gives the engine's title back); audited. */
export async function renameIssue(deps: Deps, actor: Actor, id: string, title: string, ip: string) {
  assertCan(actor, 'commonIssues.manage');
  return deps.db.tx(async (q) => {
    const row = await requireIssue(q, actor, id);
    const name = title.trim() || null;
    await nameIssue(q, { id, title: name, accountId: actor.accountId, at: deps.clock.now() });
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: row.committee_id,
      ip,
      action: 'commonIssues.rename',
      targetType: 'common_issue',
      targetId: id,
      result: 'ok',
      status: 200,
      detail: { from: row.title, to: name },
    });
    return summaryOf((await issueInScope(q, actor.scope, id))!);
  });
}

/** Start an opinion-report draft from a common issue (the report itself is a later capability). */
export async function startReportDraft(deps: Deps, actor: Actor, id: string, ip: string) {
  assertCan(actor, 'commonIssues.manage');
  return deps.db.tx(async (q) => {
    const row = await requireIssue(q, actor, id);
    if (row.report_draft_id) return { reportDraftId: row.report_draft_id };
    const draftId = deps.ids.uuid();
    const now = deps.clock.now();
    await createReportDraft(q, {
      id: draftId,
      committeeId: row.committee_id,
      title: `关于${row.title.replace(/…$/, '')}的社情民意信息`,
      issueId: id,
      accountId: actor.accountId,
      at: now,
    });
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: row.committee_id,
      ip,
      action: 'commonIssues.report_draft',
      targetType: 'common_issue',
      targetId: id,
      result: 'ok',
      status: 200,
      detail: { reportDraftId: draftId },
    });
    return { reportDraftId: draftId };
  });
}

/** Rebuild from scratch, for a committee and everything below it, as a background job. */
export async function requestRebuild(deps: Deps, actor: Actor, committeeId: string, ip: string) {
  assertCan(actor, 'commonIssues.manage');
  const c = await requireCommittee(deps, actor, committeeId);
  return deps.db.tx(async (q) => {
    const job = await enqueueJob(q, deps.clock, {
      kind: 'common_issues.rebuild',
      payload: { committeePath: c.path },
      committeeId,
      key: `common_issues.rebuild:${committeeId}:${deps.clock.now().toISOString()}`,
    });
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId,
      ip,
      action: 'commonIssues.rebuild',
      targetType: 'committee',
      targetId: committeeId,
      result: 'ok',
      status: 202,
      detail: { jobId: job.id },
    });
    return { jobId: job.id };
  });
}
