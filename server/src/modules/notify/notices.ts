import type { Lang } from '../../../../contracts/messages.ts';
import type { NoticeMessage, NoticeParamValue } from '../../../../contracts/notice-texts.ts';
import { noticeText } from '../../../../contracts/notice-texts.ts';
import type { Notice } from '../../../../contracts/notify.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { staffEmailsOf } from '../auth/accounts.ts';
import type { NoticeTo } from './outbox.ts';
import { enqueue } from './outbox.ts';

// In-app notices are outbox rows of the in_app channel, addressed to a person (a member),
// an account, or the staff of a committee. What an account sees: its person's notices (a
// member account), its own, and — for staff and admins — its committee's staff notices.
// Read marks are per account, so one committee notice is read by each staff member alone.

const noPerson = '00000000-0000-0000-0000-000000000000';

function visible(actor: Actor, params: unknown[]): string {
  const p = params.push(actor.personId ?? noPerson);
  const a = params.push(actor.accountId);
  const staff = actor.role === 'admin' || actor.role === 'staff';
  const c = staff ? params.push(actor.scope.committeeId) : 0;
  return `o.channel = 'in_app' and ((o.audience = 'person' and o.recipient = $${p}::text)
    or (o.audience = 'account' and o.recipient = $${a}::text)${
      staff ? ` or (o.audience = 'committee_staff' and o.recipient = $${c}::text)` : ''
    })`;
}

type Row = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  message_key: string | null;
  message_params: Record<string, NoticeParamValue> | null;
  created_at: Date;
  read_at: Date | null;
};

// From its key in the reader's language; a row written before keys, or with a key this
// version does not know, shows the title it was stored with.
const toNotice =
  (lang: Lang) =>
  (r: Row): Notice => {
    const { title, text: _t, subject: _s, ...rest } = r.payload;
    const ref: Record<string, string> = {};
    for (const [k, v] of Object.entries(rest)) if (typeof v === 'string') ref[k] = v;
    const params = r.message_params ?? {};
    const text = r.message_key ? noticeText(r.message_key, params, lang) : undefined;
    return {
      id: r.id,
      kind: r.kind,
      key: r.message_key,
      params,
      title: text ?? String(title ?? ''),
      ref,
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    };
  };

export async function listNotices(
  deps: Deps,
  actor: Actor,
  f: { unread?: string; page: number; pageSize: number },
  lang: Lang,
) {
  const params: unknown[] = [];
  const where = visible(actor, params);
  const me = params.push(actor.accountId);
  const onlyUnread = f.unread === '1' || f.unread === 'true';
  const from = `from outbox o left join notice_reads r on r.outbox_id = o.id and r.account_id = $${me}
    where ${where}`;
  const [counts] = await deps.db.query<{ total: number; unread: number }>(
    `select count(*)::int as total, count(*) filter (where r.read_at is null)::int as unread ${from}`,
    params,
  );
  const rows = await deps.db.query<Row>(
    `select o.id, o.kind, o.payload, o.message_key, o.message_params, o.created_at, r.read_at ${from}${onlyUnread ? ' and r.read_at is null' : ''}
      order by o.created_at desc, o.id
      limit $${params.push(f.pageSize)} offset $${params.push((f.page - 1) * f.pageSize)}`,
    params,
  );
  const unread = counts?.unread ?? 0;
  return {
    items: rows.map(toNotice(lang)),
    unread,
    total: onlyUnread ? unread : (counts?.total ?? 0),
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** Marking a notice read is not audited: it changes nothing but the reader's own view. */
export async function markNoticeRead(deps: Deps, actor: Actor, id: string) {
  const params: unknown[] = [id];
  const where = visible(actor, params);
  const [o] = await deps.db.query<{ id: string }>(
    `select o.id from outbox o where o.id = $1 and ${where}`,
    params,
  );
  if (!o) throw new AppError('notify.notice_not_found');
  const now = deps.clock.now();
  await deps.db.query(
    `insert into notice_reads (outbox_id, account_id, read_at) values ($1, $2, $3)
     on conflict (account_id, outbox_id) do nothing`,
    [id, actor.accountId, now],
  );
  const [r] = await deps.db.query<{ read_at: Date }>(
    'select read_at from notice_reads where outbox_id = $1 and account_id = $2',
    [id, actor.accountId],
  );
  return { id, readAt: new Date(r!.read_at).toISOString() };
}

export async function markAllNoticesRead(deps: Deps, actor: Actor) {
  const params: unknown[] = [];
  const where = visible(actor, params);
  const me = params.push(actor.accountId);
  const now = params.push(deps.clock.now());
  const rows = await deps.db.query(
    `insert into notice_reads (outbox_id, account_id, read_at)
     select o.id, $${me}, $${now} from outbox o where ${where}
        and not exists (select 1 from notice_reads r where r.outbox_id = o.id and r.account_id = $${me})
     on conflict (account_id, outbox_id) do nothing returning outbox_id`,
    params,
  );
  return { marked: rows.length };
}

export type NewNotice = NoticeMessage & {
  to: NoticeTo;
  kind: string;
  /** What it is about: concernId, trackingCode … (the bell links to the concern). */
  ref?: Record<string, string>;
  committeeId?: string | null;
};

/** An in-app notice, written in the caller's transaction (with the change it tells of). */
export async function createNotice(q: Queryable, deps: Deps, n: NewNotice): Promise<void> {
  await enqueue(q, deps, { channel: 'in_app', ...n });
}

/**
 * Tells the staff of a committee, in the caller's transaction: one in-app notice they each
 * read, and — for notices that matter (escalations, overdue concerns) — an email to every
 * staff account of that committee that has an address.
 */
export async function notifyCommitteeStaff(
  q: Queryable,
  deps: Deps,
  n: NoticeMessage & {
    committeeId: string;
    kind: string;
    ref?: Record<string, string>;
    email?: { subject: string; text: string };
  },
): Promise<void> {
  const { committeeId, email, ...notice } = n;
  await createNotice(q, deps, { ...notice, to: { committeeStaff: committeeId }, committeeId });
  if (!email) return;
  for (const to of await staffEmailsOf(q, committeeId))
    await enqueue(q, deps, {
      channel: 'email',
      kind: n.kind,
      to,
      subject: email.subject,
      text: email.text,
      ref: n.ref,
      committeeId,
    });
}
