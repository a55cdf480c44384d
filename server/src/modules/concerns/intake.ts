import { citizenActor, concernWorkflow } from '../../../../contracts/concern-workflow.ts';
import type { ConcernSubmit, PublicConcern } from '../../../../contracts/concerns.ts';
import { assertTransition, refusal } from '../../../../contracts/workflow.ts';
import {
  concernLimits,
  concernStatusLabels,
  eventKindLabels,
  eventKinds,
} from '../../../../contracts/concerns.ts';
import { writeTogether } from '../../db/db.ts';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { publicCode } from '../../lib/clock.ts';
import { GateBusy, gate } from '../../lib/gate.ts';
import type { Gate } from '../../lib/gate.ts';
import { maskPhone } from '../../lib/crypto.ts';
import { personOfAccount } from '../auth/for-concerns.ts';
import { codeAlreadySpent, spendCodeSql, verifySmsCode } from '../notify/codes.ts';
import { createNotice, notifyCommitteeStaff } from '../notify/notices.ts';
import { countHitWithinSql, hitLimits, refuseOver, windowOf } from '../../http/rate-limit.ts';
import { queueConcernForIndex } from '../search/queue.ts';
import { audit, concernSubject, dueFrom, flushOutbox, iso, trackingUrl } from './common.ts';
import { enqueue } from '../notify/outbox.ts';
import { insertPhotos, photosOf } from './photos.ts';
import type { ProcessedPhoto } from './photos.ts';
import type { ConcernsProvided } from './routing-port.ts';
import { concernByTracking, eventsOf, insertEvent, insertEvents, submissionLookup } from './queries.ts';
import type { SubmissionLookup } from './queries.ts';

// The citizen's side: submit through a QR code, follow by tracking code, add information
// when asked, rate the answer. No account: the tracking code is the key, so it is long and
// random, and every write here is rate limited per IP (and per phone).

const ipLimit = (ip: string) => ({ bucket: `concern-submit:ip:${ip}`, max: 10, windowSeconds: 3600 });
// Counted only once the code proved the phone is the sender's, so nobody can use up
// someone else's allowance by typing their number.
const phoneLimit = (phoneHash: string) => ({
  bucket: `concern-submit:phone:${phoneHash}`,
  max: 5,
  windowSeconds: 86400,
});

/** Where a concern goes, from the codes it came through (refused with the field at fault). */
function routeOf(b: ConcernSubmit, found: SubmissionLookup) {
  if (!b.studioCode && !b.memberCode) throw new AppError('concerns.no_route');
  const { studio, member } = found;
  if (b.studioCode && !studio)
    throw new AppError('studios.not_found', { fields: [{ field: 'body.studioCode', problem: 'invalid' }] });
  if (b.memberCode && !member)
    throw new AppError('members.not_found', { fields: [{ field: 'body.memberCode', problem: 'invalid' }] });
  if (studio && member && !found.joined)
    throw new AppError('concerns.bad_target', { fields: [{ field: 'body.memberCode', problem: 'invalid' }] });
  return {
    committeeId: studio?.committee_id ?? member!.committee_id,
    studioId: studio?.id ?? null,
    personId: member?.person_id ?? null,
    label: [studio?.name, member && `${member.name} 委员`].filter(Boolean).join(' · '),
  };
}

/** Postgres' unique violation on the submit key: the same submission arrived twice at once. */
const sameSubmission = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  return e?.code === '23505' && /submit_key/.test(e.constraint ?? e.message ?? '');
};

// A submission is a hot path (every QR code leads here), so it talks to the database as
// little as it can: one round trip to check (rate limit, retry, codes, the phone's code and
// count), the routing suggestion from mostly cached inputs, and one statement that writes
// the concern, its steps, photos, notices and audit row together and queues it for search:
// one commit. A phone's statement also spends its code and counts it, in a transaction
// that rolls back if either has changed since the check.
export async function submitConcern(
  deps: Deps,
  provided: ConcernsProvided,
  b: ConcernSubmit,
  ip: string,
  submitKey?: string,
  photos: ProcessedPhoto[] = [],
): Promise<{ trackingCode: string; status: 'submitted'; replayed: boolean }> {
  const g = gateOf(deps);
  if (!g) return submitNow(deps, provided, b, ip, submitKey, photos);
  try {
    return await g.run(() => submitNow(deps, provided, b, ip, submitKey, photos));
  } catch (err) {
    if (err instanceof GateBusy) throw new AppError('request.busy', { extra: { retryAfterSeconds: 3 } });
    throw err;
  }
}

// Submissions take turns (lib/gate.ts): under a burst each runs at full speed instead of all
// sharing the CPU and the pool, so the wait is about the same for every citizen. In
// bench:concerns (50 clients) p99 went from ~3.4× the median to ~2.3×, and throughput up ~15 %.
const gates = new WeakMap<object, Gate>();
function gateOf(deps: Deps): Gate | undefined {
  const atOnce = deps.settings.submissionsAtOnce;
  if (!atOnce) return undefined;
  let g = gates.get(deps.db);
  if (!g) gates.set(deps.db, (g = gate({ atOnce, maxWaiting: 25 * atOnce, maxWaitMs: 10_000 })));
  return g;
}

async function submitNow(
  deps: Deps,
  provided: ConcernsProvided,
  b: ConcernSubmit,
  ip: string,
  submitKey: string | undefined,
  photos: ProcessedPhoto[],
): Promise<{ trackingCode: string; status: 'submitted'; replayed: boolean }> {
  const now = deps.clock.now();
  const limit = ipLimit(ip);
  const phoneHash = b.phone ? deps.sealer.hash(b.phone) : undefined;
  const perPhone = phoneHash ? phoneLimit(phoneHash) : undefined;
  const found = await submissionLookup(deps.db, {
    bucket: limit.bucket,
    window: windowOf(limit, now),
    submitKey: submitKey ?? null,
    studioCode: b.studioCode ?? null,
    memberCode: b.memberCode ?? null,
    phone: perPhone
      ? { hash: phoneHash!, now, bucket: perPhone.bucket, window: windowOf(perPhone, now) }
      : null,
  });
  refuseOver(limit, now, found.hits);
  if (found.replay) return { trackingCode: found.replay, status: 'submitted', replayed: true };
  const route = routeOf(b, found);
  let codeId: string | undefined;
  if (perPhone) {
    if (b.consent !== true)
      throw new AppError('concerns.consent_required', {
        fields: [{ field: 'body.consent', problem: 'consent_needed' }],
      });
    if (!b.smsCode)
      throw new AppError('concerns.sms_code_required', {
        fields: [{ field: 'body.smsCode', problem: 'required' }],
      });
    codeId = await verifySmsCode(deps, phoneHash!, b.smsCode, found.code);
    refuseOver(perPhone, now, found.phone_hits + 1);
  }
  if (photos.length > concernLimits.photos)
    throw new AppError('concerns.photo_limit', { vars: { n: concernLimits.photos } });
  const routing = await provided.suggestRouting(deps, {
    committeeId: route.committeeId,
    category: b.category,
    text: b.text,
    place: b.place,
    studioId: route.studioId,
    personId: route.personId,
  });
  const id = deps.ids.uuid();
  const trackingCode = publicCode(10);
  const ref = { concernId: id, trackingCode };
  const phoneSealed = b.phone ? deps.sealer.seal(b.phone) : null;
  const write = (q: Queryable) =>
    writeTogether(
      q,
      async (w) => {
        // With a phone, first (their counts come back in this order): spend the code, count
        // the phone's submission while under its limit.
        if (codeId && perPhone) {
          await w.query(spendCodeSql, [codeId, now]);
          await w.query(countHitWithinSql, [perPhone.bucket, windowOf(perPhone, now), perPhone.max]);
        }
        await w.query(
          `insert into concerns (id, tracking_code, submit_key, committee_id, studio_id, person_id, category, body, place,
           status, citizen_phone_enc, citizen_phone_hash, citizen_phone_masked, consent, consent_at, due_at,
           submitted_at, updated_at, routing)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted', $10, $11, $12, $13, $14, $15, $16, $16, $17)`,
          [
            id,
            trackingCode,
            submitKey ?? null,
            route.committeeId,
            route.studioId,
            route.personId,
            b.category,
            b.text,
            b.place ?? null,
            phoneSealed,
            phoneHash ?? null,
            b.phone ? maskPhone(b.phone) : null,
            b.consent === true,
            b.consent === true ? now : null,
            dueFrom(now),
            now,
            routing && JSON.stringify(routing),
          ],
        );
        await insertPhotos(w, deps, id, photos);
        await insertEvents(w, id, now, [
          { id: deps.ids.uuid(), kind: 'submitted', actorKind: 'citizen' },
          {
            id: deps.ids.uuid(),
            kind: 'routed',
            actorKind: 'system',
            actorLabel: route.label,
            toCommitteeId: route.committeeId,
            detail: { studioId: route.studioId, personId: route.personId },
          },
        ]);
        await queueConcernForIndex(w, id, now);
        // The citizen who left a phone gets the code and the link at once, so nobody has to
        // copy ten characters off the screen; written with the concern, so it is never lost.
        if (phoneSealed)
          await enqueue(w, deps, {
            channel: 'sms',
            kind: 'concern.submitted',
            phoneSealed,
            text: submittedSms(trackingCode, trackingUrl(deps, trackingCode)),
            ref: { concernId: id },
            committeeId: route.committeeId,
          });
        const notify = route.personId ? [route.personId] : found.convenors;
        for (const personId of notify)
          await createNotice(w, deps, {
            kind: 'concern.routed',
            to: { personId },
            key: 'concern.new_for_member',
            ref,
            committeeId: route.committeeId,
          });
        // A studio without a convenor: nobody would hear of it but the committee's staff.
        if (!notify.length)
          await notifyCommitteeStaff(w, deps, {
            committeeId: route.committeeId,
            kind: 'concern.routed',
            key: 'concern.new_unassigned',
            ref,
          });
        await audit(deps, w, {
          ip,
          action: 'concerns.submit',
          committeeId: route.committeeId,
          targetId: id,
          ...(photos.length ? { detail: { photos: photos.length } } : {}),
        });
      },
      { prepare: true },
    );
  try {
    if (codeId && perPhone)
      // Rolled back if the code was spent meanwhile (the same code posted twice at once) or
      // the phone reached its limit meanwhile.
      await deps.db.tx(async (q) => {
        const [spent, counted] = await write(q);
        if (!spent) throw codeAlreadySpent();
        if (!counted) refuseOver(perPhone, now, perPhone.max + 1);
      });
    else await write(deps.db);
  } catch (err) {
    // The same form posted twice at once: the first one won, the second gets its answer.
    if (submitKey && sameSubmission(err)) return submitNow(deps, provided, b, ip, submitKey, photos);
    throw err;
  }
  // Without a phone a submission writes only in-app notices, which are read, never
  // delivered: only a submission with a phone has an SMS to send now.
  if (phoneSealed) await flushOutbox(deps);
  return { trackingCode, status: 'submitted', replayed: false };
}

/** The confirmation a citizen's phone receives: the tracking code and the link to follow it. */
export const submittedSms = (code: string, url: string) =>
  `【连心】已收到您反映的诉求。查询码 ${code}，凭它查看办理进度：${url}`;

const publicKinds = new Set<string>(eventKinds);

export async function trackConcern(deps: Deps, trackingCode: string): Promise<PublicConcern> {
  const k = await concernByTracking(deps.db, trackingCode);
  if (!k) throw new AppError('concerns.not_found');
  const events = await eventsOf(deps.db, k.id);
  return {
    trackingCode: k.tracking_code,
    category: k.category as PublicConcern['category'],
    text: k.body,
    place: k.place,
    status: k.status,
    statusLabel: concernStatusLabels[k.status],
    routedTo: [k.committee_name, k.studio_name, k.person_name && `${k.person_name} 委员`]
      .filter(Boolean)
      .join(' · '),
    submittedAt: iso(k.submitted_at)!,
    dueAt: iso(k.due_at),
    rating: k.rating,
    canRate: refusal(concernWorkflow, 'rate', concernSubject(k), citizenActor) === null,
    canAddInfo: refusal(concernWorkflow, 'addInfo', concernSubject(k), citizenActor) === null,
    hasPhone: k.citizen_phone_enc !== null,
    photos: (await photosOf(deps.db, k.id)).map((ph) => {
      const url = `/api/public/concerns/${k.tracking_code}/photos/${ph.seq}`;
      return { seq: ph.seq, width: ph.width, height: ph.height, url, thumbUrl: `${url}/thumb` };
    }),
    // Internal notes (reasons for transfers, extensions) stay inside; the citizen sees
    // each step, when, by whom, and what was said to them.
    steps: events
      .filter((e) => publicKinds.has(e.kind))
      .map((e) => ({
        at: iso(e.at)!,
        kind: e.kind as PublicConcern['steps'][number]['kind'],
        label: eventKindLabels[e.kind as keyof typeof eventKindLabels],
        actor: e.actor_label,
        text: e.public_text,
      })),
  };
}

const citizenLimits = (ip: string) => [{ bucket: `concern-citizen:ip:${ip}`, max: 30, windowSeconds: 3600 }];

/** Whoever handled it (or the member it is routed to) hears about the citizen's move. */
async function notifyHandler(
  q: Queryable,
  deps: Deps,
  k: { id: string; person_id: string | null; handler_account_id: string | null },
  kind: string,
  key: 'concern.reopened' | 'concern.info_added',
) {
  const handler = k.handler_account_id ? await personOfAccount(q, k.handler_account_id) : null;
  const personId = handler ?? k.person_id;
  if (personId) await createNotice(q, deps, { kind, to: { personId }, key, ref: { concernId: k.id } });
}

export async function rateConcern(
  deps: Deps,
  trackingCode: string,
  b: { rating: 'satisfied' | 'basic' | 'unsatisfied'; comment?: string | null },
  ip: string,
) {
  await hitLimits(deps, citizenLimits(ip));
  const out = await deps.db.tx(async (q) => {
    const k = await concernByTracking(q, trackingCode, true);
    if (!k) throw new AppError('concerns.not_found');
    assertTransition(concernWorkflow, 'rate', concernSubject(k), citizenActor, AppError);
    const now = deps.clock.now();
    // "Not satisfied" sends it back to the handler once; the second answer is final.
    const reopen = b.rating === 'unsatisfied' && k.reopen_count === 0;
    await q.query(
      `update concerns set rating = $2, rating_comment = $3, status = $4, reopen_count = reopen_count + $5,
         closed_at = $6, due_at = $7, updated_at = $8 where id = $1`,
      [
        k.id,
        b.rating,
        b.comment ?? null,
        reopen ? 'reopened' : 'closed',
        reopen ? 1 : 0,
        reopen ? null : now,
        reopen ? dueFrom(now) : k.due_at,
        now,
      ],
    );
    await insertEvent(q, deps.ids.uuid(), k.id, now, {
      kind: 'rated',
      actorKind: 'citizen',
      publicText: b.comment ?? null,
      detail: { rating: b.rating },
    });
    await insertEvent(q, deps.ids.uuid(), k.id, now, {
      kind: reopen ? 'reopened' : 'closed',
      actorKind: 'system',
    });
    if (reopen) await notifyHandler(q, deps, k, 'concern.reopened', 'concern.reopened');
    await audit(deps, q, {
      ip,
      action: 'concerns.rate',
      committeeId: k.committee_id,
      targetId: k.id,
      detail: { rating: b.rating, reopened: reopen },
    });
    return { trackingCode: k.tracking_code, status: reopen ? ('reopened' as const) : ('closed' as const) };
  });
  await flushOutbox(deps);
  return out;
}

export async function addInfo(deps: Deps, trackingCode: string, text: string, ip: string) {
  await hitLimits(deps, citizenLimits(ip));
  const out = await deps.db.tx(async (q) => {
    const k = await concernByTracking(q, trackingCode, true);
    if (!k) throw new AppError('concerns.not_found');
    assertTransition(concernWorkflow, 'addInfo', concernSubject(k), citizenActor, AppError);
    const now = deps.clock.now();
    const status = k.reopen_count > 0 ? ('reopened' as const) : ('accepted' as const);
    await q.query('update concerns set status = $2, updated_at = $3 where id = $1', [k.id, status, now]);
    await insertEvent(q, deps.ids.uuid(), k.id, now, {
      kind: 'info_added',
      actorKind: 'citizen',
      publicText: text,
    });
    await notifyHandler(q, deps, k, 'concern.info_added', 'concern.info_added');
    await audit(deps, q, { ip, action: 'concerns.add_info', committeeId: k.committee_id, targetId: k.id });
    return { trackingCode: k.tracking_code, status };
  });
  await flushOutbox(deps);
  return out;
}
