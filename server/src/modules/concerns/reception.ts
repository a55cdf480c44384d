import type { ReceptionBody } from '../../../../contracts/concerns.ts';
import { committeeInScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { publicCode } from '../../lib/clock.ts';
import { maskPhone } from '../../lib/crypto.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { createNotice } from '../notify/notices.ts';
import { enqueue } from '../notify/outbox.ts';
import { indexConcern } from '../search/service.ts';
import { audit, dueFrom, flushOutbox, trackingUrl } from './common.ts';
import { memberAccountOf } from '../auth/for-concerns.ts';
import { personName } from '../members/for-concerns.ts';
import { isStudioMember, studioById } from '../studios/for-concerns.ts';
import { insertEvent } from './queries.ts';
import type { ConcernsProvided } from './routing-port.ts';

// A concern heard in person — at a reception day (委员接待日) or on a visit — recorded by the
// member who heard it (or by staff for them), with the citizen's consent. It starts accepted
// in that member's inbox; a citizen who gave a phone gets the tracking code by SMS.

const field = (f: string, problem: 'required' | 'invalid' | 'too_big') => ({ field: `body.${f}`, problem });
/** A little slack for a phone's clock; a reception cannot be recorded before it happened. */
const futureSlackMs = 10 * 60_000;

export async function recordReception(
  deps: Deps,
  provided: ConcernsProvided,
  actor: Actor,
  b: ReceptionBody,
  ip: string,
) {
  assertCan(actor, 'concerns.reception');
  if (b.consent !== true)
    throw new AppError('concerns.reception_consent', { fields: [field('consent', 'required')] });
  const now = deps.clock.now();
  const occurredAt = new Date(b.occurredAt);
  if (occurredAt.getTime() > now.getTime() + futureSlackMs)
    throw new AppError('request.invalid', { fields: [field('occurredAt', 'invalid')] });

  const studio = await studioById(deps.db, b.studioId);
  const personId = actor.role === 'member' ? actor.personId : b.personId;
  if (actor.role === 'member') {
    if (!studio || !personId || !(await isStudioMember(deps.db, studio.id, personId)))
      throw new AppError('concerns.not_on_studio', { fields: [field('studioId', 'invalid')] });
  } else {
    if (!studio || !(await committeeInScope(deps.db, actor.scope, studio.committee_id)))
      throw new AppError('studios.not_found', { fields: [field('studioId', 'invalid')] });
    if (!personId) throw new AppError('request.invalid', { fields: [field('personId', 'required')] });
    if (!(await isStudioMember(deps.db, studio.id, personId)))
      throw new AppError('concerns.bad_target', { fields: [field('personId', 'invalid')] });
  }
  const member = { name: await personName(deps.db, personId) };
  const routing = await provided.suggestRouting(deps, {
    committeeId: studio.committee_id,
    category: b.category,
    text: b.text,
    place: b.place,
    studioId: studio.id,
    personId,
  });
  const id = deps.ids.uuid();
  const trackingCode = publicCode(10);
  const label = `${studio.name} · ${member.name} 委员`;
  // The member who heard it handles it: their own account, or (recorded by staff) theirs if any.
  const handler = actor.role === 'member' ? actor.accountId : await memberAccountOf(deps.db, personId);
  await deps.db.tx(async (q) => {
    await q.query(
      `insert into concerns (id, tracking_code, committee_id, studio_id, person_id, handler_account_id, category, body,
         place, status, citizen_phone_enc, citizen_phone_hash, citizen_phone_masked, citizen_name_enc, consent,
         consent_at, due_at, submitted_at, updated_at, channel, occurred_at, recorded_by, routing)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'accepted', $10, $11, $12, $13, true, $14, $15, $14, $14,
         'reception', $16, $17, $18)`,
      [
        id,
        trackingCode,
        studio.committee_id,
        studio.id,
        personId,
        handler,
        b.category,
        b.text,
        b.place ?? null,
        b.phone ? deps.sealer.seal(b.phone) : null,
        b.phone ? deps.sealer.hash(b.phone) : null,
        b.phone ? maskPhone(b.phone) : null,
        b.citizenName ? deps.sealer.seal(b.citizenName) : null,
        now,
        dueFrom(now),
        occurredAt,
        actor.accountId,
        routing && JSON.stringify(routing),
      ],
    );
    const by = {
      actorKind: actor.role === 'member' ? ('member' as const) : ('staff' as const),
      actorAccountId: actor.accountId,
    };
    await insertEvent(q, deps.ids.uuid(), id, now, {
      ...by,
      kind: 'submitted',
      actorLabel: label,
      detail: { channel: 'reception', occurredAt: occurredAt.toISOString() },
    });
    await insertEvent(q, deps.ids.uuid(), id, now, { ...by, kind: 'accepted', actorLabel: label });
    await indexConcern(q, id);
    if (b.phone)
      await enqueue(q, deps, {
        channel: 'sms',
        kind: 'concern.recorded',
        phoneSealed: deps.sealer.seal(b.phone),
        text: `【连心】您向${member.name}委员反映的问题已登记，查询码 ${trackingCode}，详见 ${trackingUrl(deps, trackingCode)}`,
        ref: { concernId: id },
        committeeId: studio.committee_id,
      });
    if (actor.role !== 'member')
      await createNotice(q, deps, {
        kind: 'concern.recorded',
        to: { personId: personId! },
        key: 'concern.recorded_for_member',
        ref: { concernId: id, trackingCode },
        committeeId: studio.committee_id,
      });
    await audit(deps, q, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: studio.committee_id,
      ip,
      action: 'concerns.reception',
      targetId: id,
      detail: {
        studioId: studio.id,
        personId,
        withPhone: Boolean(b.phone),
        withName: Boolean(b.citizenName),
      },
    });
  });
  await flushOutbox(deps);
  return { id, trackingCode, status: 'accepted' as const };
}
