import { chinaTime } from '../../../../contracts/china-time.ts';
import { concernWorkflow, isOpen, subjectOf } from '../../../../contracts/concern-workflow.ts';
import type { ConcernTransition } from '../../../../contracts/concern-workflow.ts';
import type { ConcernDetail } from '../../../../contracts/concerns.ts';
import { allowedTransitions } from '../../../../contracts/workflow.ts';
import type { Role } from '../../../../contracts/auth.ts';

// What the console offers on a concern is read from the concern's workflow, the same rules the
// server enforces, so a button is only shown when pressing it can succeed.

export { isOpen };
export type ConcernStatus = ConcernDetail['status'];
/** The steps the concern page has a button for (routing has its own card, citizens their H5 page). */
const consoleActions = [
  'accept',
  'reply',
  'askInfo',
  'transfer',
  'escalate',
  'assign',
  'extend',
  'deadline',
  'serviceDeed',
  'toDepartment',
  'askReturn',
  'acceptReturn',
  'approveReply',
  'sendBackReply',
] as const satisfies readonly ConcernTransition[];
export type ConcernAction = (typeof consoleActions)[number];
const isConsoleAction = (t: ConcernTransition): t is ConcernAction =>
  (consoleActions as readonly string[]).includes(t);

type Viewer = { id: string; role: Role; departmentId?: string | null };
type Subject = Pick<ConcernDetail, 'status' | 'handlerAccountId'> &
  Partial<Pick<ConcernDetail, 'handlerDepartmentId' | 'returnUntil'>> & {
    serviceDeed?: ConcernDetail['serviceDeed'];
  };

export function allowedActions(k: Subject, me: Viewer, now: Date = new Date()): ConcernAction[] {
  const out = allowedTransitions(concernWorkflow, subjectOf(k, now), me).filter(isConsoleAction);
  // Once marked, the page shows the deed: re-marking would overwrite its result, which the
  // server allows but the console does not offer.
  return k.serviceDeed ? out.filter((a) => a !== 'serviceDeed') : out;
}

/**
 * What the concern page offers: the workflow's steps, plus 提交本级政协机关 — a member's
 * transfer that names nobody, handing the concern back to the committee's staff. It is the
 * same step (`transfer`), named apart so that 上报 never means two things.
 */
export type ConcernEntry = ConcernAction | 'toStaff';

/** The next step, in this order of precedence, is the page's one main button. */
const primaries: ConcernAction[] = ['approveReply', 'acceptReturn', 'accept', 'reply'];
/** The rest, in the 更多 menu, in this order. */
const menuOrder: ConcernEntry[] = [
  'reply',
  'askInfo',
  'askReturn',
  'sendBackReply',
  'toStaff',
  'transfer',
  'escalate',
  'assign',
  'toDepartment',
  'extend',
  'deadline',
  'serviceDeed',
  'accept',
  'approveReply',
  'acceptReturn',
];

/**
 * The allowed steps as the page groups them. For staff, a transfer within the committee is
 * one of 交办's targets (their own committee), so it is not offered twice; a member's
 * transfer is two entries, to another member or back to the staff.
 */
export function groupActions(
  allowed: readonly ConcernAction[],
  staff: boolean,
): { primary: ConcernEntry | null; more: ConcernEntry[] } {
  const entries: ConcernEntry[] = allowed.flatMap((a): ConcernEntry[] =>
    a !== 'transfer' ? [a] : staff ? [] : ['transfer', 'toStaff'],
  );
  const primary = primaries.find((a) => entries.includes(a)) ?? null;
  const more = menuOrder.filter((a) => a !== primary && entries.includes(a));
  return { primary, more };
}

/** antd tag colour per status: open work in blue/orange, waiting on the citizen in gold. */
export function statusColor(s: ConcernStatus): string {
  switch (s) {
    case 'submitted':
      return 'orange';
    case 'accepted':
    case 'reopened':
      return 'blue';
    case 'info_requested':
      return 'gold';
    case 'return_requested':
    case 'reply_review':
      // waiting on the committee's staff
      return 'purple';
    case 'answered':
      return 'cyan';
    case 'closed':
      return 'green';
    case 'withdrawn':
      // the citizen asked for erasure: no more work, shown grey
      return 'default';
    default: {
      // A status added to the contract fails the typecheck here until it gets its colour.
      const later: never = s;
      void later;
      return 'default';
    }
  }
}

// Times shown in China Standard Time, as the committee works, whatever the browser's zone.
export const shortTime = (iso: string | null): string => chinaTime(iso, 'minute');

/** Whole days from now to a deadline (negative when past), for "3 天后到期" / "超期 2 天". */
export function daysLeft(dueAt: string | null, now: Date): number | null {
  if (!dueAt) return null;
  const ms = new Date(dueAt).getTime() - now.getTime();
  return ms >= 0 ? Math.ceil(ms / 86_400_000) : -Math.ceil(-ms / 86_400_000);
}

/** Today's date in China ('2026-11-23'), the day the committee's calendar shows. */
export const chinaToday = (now: Date): string => chinaTime(now).slice(0, 10);

/**
 * A wall-clock time picked in the console ('2026-12-31 17:00') read as China time, whatever
 * the browser's zone: the instant the server expects, with its offset.
 */
export function chinaInstant(wallClock: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(wallClock.trim());
  if (!m) throw new Error(`not a date and time: ${wallClock}`);
  return `${m[1]}T${m[2]}:00+08:00`;
}

/** The staff list's filters, as the screen holds them. */
export type ConcernFilters = {
  /** Keyword: a tracking code (as read out) or words of the text. */
  q?: string;
  status?: ConcernStatus;
  committeeId?: string;
  studioId?: string;
  category?: ConcernDetail['category'];
  /** Submitted from / to these China days, inclusive ('2026-11-01'). */
  from?: string;
  to?: string;
  overdue: boolean;
  serviceDeed: boolean;
  /** Open and due within the next days (the server's `dueSoon`). */
  dueSoon?: boolean;
  unassigned?: boolean;
  /** Handed on by the committee filtered by (else the caller's own) and followed. */
  followed?: boolean;
};

const switches = ['overdue', 'serviceDeed', 'dueSoon', 'unassigned', 'followed'] as const;
const choices = ['status', 'committeeId', 'studioId', 'category', 'from', 'to'] as const;

/**
 * The filters a URL carries (the workbench links here with the query it counted by): the
 * list's query parameters, switches as 'true'. Unknown values are left to the server to refuse.
 */
export function concernFiltersFrom(params: URLSearchParams): ConcernFilters {
  const f: ConcernFilters = { overdue: false, serviceDeed: false };
  for (const k of choices) {
    const v = params.get(k);
    if (v) (f as Record<string, unknown>)[k] = v;
  }
  for (const k of switches) if (params.get(k) === 'true') f[k] = true;
  return f;
}

/** The filters as the list's and the export's query (switches off = no filter at all). */
export function concernQuery(f: ConcernFilters): Record<string, string | undefined> {
  return {
    q: f.q,
    status: f.status,
    committeeId: f.committeeId,
    studioId: f.studioId,
    category: f.category,
    from: f.from,
    to: f.to,
    overdue: f.overdue ? 'true' : undefined,
    serviceDeed: f.serviceDeed ? 'true' : undefined,
    dueSoon: f.dueSoon ? 'true' : undefined,
    unassigned: f.unassigned ? 'true' : undefined,
    followed: f.followed ? 'true' : undefined,
  };
}
