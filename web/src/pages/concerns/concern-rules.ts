import type { ConcernDetail } from '../../../../contracts/concerns.ts';

// What the console offers on a concern mirrors the server's rules (concerns/handling.ts), so
// a button is only shown when pressing it can succeed; the server still decides.

export type ConcernStatus = ConcernDetail['status'];
export type ConcernAction = 'accept' | 'reply' | 'askInfo' | 'transfer' | 'escalate' | 'assign' | 'extend';

const open: ConcernStatus[] = ['submitted', 'accepted', 'info_requested', 'reopened'];
export const isOpen = (s: ConcernStatus): boolean => open.includes(s);

type Viewer = { id: string; role: 'admin' | 'staff' | 'member' };
type Subject = Pick<ConcernDetail, 'status' | 'handlerAccountId'>;

export function allowedActions(k: Subject, me: Viewer): ConcernAction[] {
  const staff = me.role !== 'member';
  const mine = k.handlerAccountId === me.id;
  const out: ConcernAction[] = [];
  if (k.status === 'submitted') out.push('accept');
  if ((k.status === 'accepted' || k.status === 'reopened') && (staff || mine)) out.push('reply', 'askInfo');
  if (isOpen(k.status) && (staff || !k.handlerAccountId || mine)) out.push('transfer', 'escalate');
  if (isOpen(k.status) && staff) out.push('assign', 'extend');
  return out;
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
    case 'answered':
      return 'cyan';
    case 'closed':
      return 'green';
    default:
      // withdrawn (the citizen asked for erasure), and any state added later
      return 'default';
  }
}

// Times shown in China Standard Time, as the committee works, whatever the browser's zone.
const offsetMs = 8 * 3600_000;
export function shortTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + offsetMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** Whole days from now to a deadline (negative when past), for "3 天后到期" / "超期 2 天". */
export function daysLeft(dueAt: string | null, now: Date): number | null {
  if (!dueAt) return null;
  const ms = new Date(dueAt).getTime() - now.getTime();
  return ms >= 0 ? Math.ceil(ms / 86_400_000) : -Math.ceil(-ms / 86_400_000);
}
