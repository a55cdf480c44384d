import {
  concernCategoryLabels,
  concernStatusLabels,
  eventKindLabels,
} from '../../../../contracts/concerns.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { indexConcerns } from '../search/service.ts';
import { checkSmsCode, consumeSmsCode } from '../notify/codes.ts';
import { redactSmsFor } from '../notify/outbox.ts';
import { hitLimits } from '../../http/rate-limit.ts';
import { isOpen, iso, openStatuses } from './common.ts';
import { insertEvent } from './queries.ts';

// A citizen's own data (个人信息查阅与删除): proven by the SMS one-time code, the citizen sees
// every concern given with that phone, downloads them, and may have the personal data
// erased. Erasure keeps the record's shape (category, dates, committee, counts) for
// statistics and replaces what identifies or was written by the person with a marker.

export const erasedMarker = '（应本人要求，个人信息及内容已删除）';
const sessionMinutes = 15;

/** A short-lived proof that the caller holds the phone: its keyed hash, an expiry, a MAC. */
export function mySessionToken(deps: Deps, phoneHash: string): string {
  const exp = deps.clock.now().getTime() + sessionMinutes * 60_000;
  return `${phoneHash}.${exp}.${deps.sealer.hash(`my-session:${phoneHash}:${exp}`)}`;
}
export function phoneHashOf(deps: Deps, token: string | undefined): string | undefined {
  const [h, exp, mac] = (token ?? '').split('.');
  if (!h || !exp || !mac || Number(exp) < deps.clock.now().getTime()) return undefined;
  return deps.sealer.hash(`my-session:${h}:${exp}`) === mac ? h : undefined;
}

const ipLimit = (ip: string) => ({ bucket: `my-data:ip:${ip}`, max: 30, windowSeconds: 3600 });

/** Spends a one-time code for the phone; returns the session token. */
export async function verifyCitizen(deps: Deps, phone: string, code: string, ip: string) {
  await hitLimits(deps, [{ bucket: `my-verify:ip:${ip}`, max: 20, windowSeconds: 3600 }]);
  const id = await checkSmsCode(deps, phone, code);
  await deps.db.tx((q) => consumeSmsCode(q, deps, id));
  return mySessionToken(deps, deps.sealer.hash(phone));
}

type Row = {
  id: string;
  tracking_code: string;
  category: keyof typeof concernCategoryLabels;
  body: string;
  place: string | null;
  status: keyof typeof concernStatusLabels;
  rating: string | null;
  rating_comment: string | null;
  citizen_phone_masked: string | null;
  citizen_name_enc: string | null;
  submitted_at: Date;
  closed_at: Date | null;
  committee_name: string;
  committee_id: string;
  photos: number;
};

export async function myConcerns(deps: Deps, phoneHash: string, ip: string) {
  await hitLimits(deps, [ipLimit(ip)]);
  const rows = await deps.db.query<Row>(
    `select k.id, k.tracking_code, k.category, k.body, k.place, k.status, k.rating, k.rating_comment,
            k.citizen_phone_masked, k.citizen_name_enc, k.submitted_at, k.closed_at, c.name as committee_name,
            k.committee_id, (select count(*) from concern_photos p where p.concern_id = k.id)::int as photos
       from concerns k join committees c on c.id = k.committee_id
      where k.citizen_phone_hash = $1 order by k.submitted_at desc`,
    [phoneHash],
  );
  const out = [];
  for (const k of rows) {
    const steps = await deps.db.query<{
      at: Date;
      kind: string;
      public_text: string | null;
      actor_label: string | null;
    }>(
      `select at, kind, public_text, actor_label from concern_events
        where concern_id = $1 and kind = any($2::text[]) order by at, seq`,
      [k.id, Object.keys(eventKindLabels)],
    );
    out.push({
      trackingCode: k.tracking_code,
      category: concernCategoryLabels[k.category],
      status: concernStatusLabels[k.status],
      text: k.body,
      place: k.place,
      name: k.citizen_name_enc ? deps.sealer.open(k.citizen_name_enc) : null,
      phone: k.citizen_phone_masked,
      photos: k.photos,
      handledBy: k.committee_name,
      submittedAt: iso(k.submitted_at)!,
      closedAt: iso(k.closed_at),
      rating: k.rating,
      ratingComment: k.rating_comment,
      steps: steps.map((s) => ({
        at: iso(s.at)!,
        step: eventKindLabels[s.kind as keyof typeof eventKindLabels],
        by: s.actor_label,
        text: s.public_text,
      })),
      committeeId: k.committee_id,
    });
  }
  return out;
}

export type MyConcern = Awaited<ReturnType<typeof myConcerns>>[number];

/** The download is a disclosure of personal data: one audit row per committee it touches. */
export async function auditExport(deps: Deps, items: MyConcern[], ip: string, format: 'json' | 'html') {
  for (const committeeId of new Set(items.map((i) => i.committeeId)))
    await recordAudit(deps.db, deps.clock, {
      committeeId,
      ip,
      action: 'concerns.citizen_export',
      targetType: 'citizen',
      result: 'ok',
      status: 200,
      detail: { format, concerns: items.filter((i) => i.committeeId === committeeId).length },
    });
}

/** Withdraws what is open, erases personal data and free text everywhere, in one transaction. */
export async function eraseCitizen(deps: Deps, phoneHash: string, ip: string) {
  await hitLimits(deps, [ipLimit(ip)]);
  return deps.db.tx(async (q) => {
    const rows = await q.query<{ id: string; status: string; committee_id: string }>(
      'select id, status, committee_id from concerns where citizen_phone_hash = $1 for update',
      [phoneHash],
    );
    if (!rows.length) throw new AppError('concerns.not_found');
    const now = deps.clock.now();
    const ids = rows.map((r) => r.id);
    for (const k of rows.filter((r) => isOpen(r.status)))
      await insertEvent(q, deps.ids.uuid(), k.id, now, {
        kind: 'withdrawn',
        actorKind: 'citizen',
        note: '群众要求删除个人信息，诉求撤回',
      });
    await q.query(
      `update concerns set status = case when status = any($3::text[]) then 'withdrawn' else status end,
         closed_at = coalesce(closed_at, $2), body = $4, place = null, rating_comment = null,
         citizen_phone_enc = null, citizen_phone_hash = null, citizen_phone_masked = null, citizen_name_enc = null,
         submit_key = null, erased_at = $2, updated_at = $2
       where id = any($1::uuid[])`,
      [ids, now, openStatuses, erasedMarker],
    );
    // What the citizen wrote later (added information, rating comments) goes too.
    await q.query(
      `update concern_events set public_text = case when public_text is null then null else $2 end
        where concern_id = any($1::uuid[]) and actor_kind = 'citizen'`,
      [ids, erasedMarker],
    );
    await q.query('delete from concern_photos where concern_id = any($1::uuid[])', [ids]);
    await redactSmsFor(q, ids);
    // The search index held the old text: it now holds the marker.
    await indexConcerns(q, ids);
    for (const k of rows)
      await recordAudit(q, deps.clock, {
        committeeId: k.committee_id,
        ip,
        action: 'concerns.citizen_erase',
        targetType: 'concern',
        targetId: k.id,
        result: 'ok',
        status: 200,
        detail: { withdrawn: isOpen(k.status) },
      });
    return { erased: rows.length, withdrawn: rows.filter((r) => isOpen(r.status)).length };
  });
}
