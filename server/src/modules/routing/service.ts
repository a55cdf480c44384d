import type { RouteBody, RoutingSuggestion } from '../../../../contracts/routing.ts';
import { committeeInScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { ttlCache } from '../../lib/ttl-cache.ts';
import type { TtlCache } from '../../lib/ttl-cache.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { occurrencesOf } from '../studios/service.ts';
import { localDate } from '../../lib/local-date.ts';
import { dueFrom } from '../concerns/common.ts';
import { change, concernFor, routeWithin } from '../concerns/handling.ts';
import { setConcernSector, storedRoutingOf } from '../concerns/for-routing.ts';
import { approvedStudioCommittee } from '../studios/for-routing.ts';
import type { RoutingDeps, RoutingInput } from './suggest.ts';
import { suggestRouting } from './suggest.ts';
import { learnedSectorScorer } from './learned.ts';
import { rulesFor } from './rules.ts';
import {
  approvedStudios,
  committeesUnder,
  memberCandidates,
  pickCandidates,
  sectorsFor,
  studioMembersOf,
} from './queries.ts';

// Routing at intake (the suggestion stored with the concern) and by staff (accept or
// override; each decision recorded in routing_decisions for the learner to come).

// A suggestion's inputs change rarely (rules, sectors, committees, studios, their members,
// today's duty, the learned model), and reading them took ~10 round trips per submission;
// they are kept for `routingCacheSeconds` (30 in production) per database; so are the
// candidates' loads (open concerns each), which may then be half a minute old. Saving the
// rules here forgets everything at once.
const caches = new WeakMap<object, TtlCache>();
function cacheOf(deps: Deps): TtlCache {
  let c = caches.get(deps.db);
  if (!c) caches.set(deps.db, (c = ttlCache((deps.settings.routingCacheSeconds ?? 0) * 1000)));
  return c;
}
export const forgetRoutingInputs = (deps: Deps) => cacheOf(deps).clear();

export async function routingDeps(deps: Deps, committeeId: string): Promise<RoutingDeps> {
  const cache = cacheOf(deps);
  const today = localDate(deps.clock.now());
  const sorted = (ids: string[]) => [...new Set(ids)].sort().join(',');
  return {
    rules: await cache.get(`rules:${committeeId}`, async () => (await rulesFor(deps.db, committeeId)).rules),
    sectors: await cache.get(`sectors:${committeeId}`, () => sectorsFor(deps.db, committeeId)),
    committees: await cache.get(`under:${committeeId}`, () => committeesUnder(deps.db, committeeId)),
    extraSectorScores: [
      await cache.get(`learned:${committeeId}`, () => learnedSectorScorer(deps, committeeId)),
    ],
    // Keys stay few (one per committee, studio or person), not one per combination a
    // concern happens to name: with thousands of members' codes, per-combination keys missed
    // on nearly every submission.
    studios: async (targetId, alsoId) => {
      const rows = await cache.get(`studios:${targetId}`, () => approvedStudios(deps.db, [targetId], null));
      if (!alsoId || rows.some((r) => r.id === alsoId)) return rows;
      return [...rows, ...(await cache.get(`studio:${alsoId}`, () => approvedStudios(deps.db, [], alsoId)))];
    },
    studioMembers: async (ids) =>
      (
        await Promise.all(ids.map((id) => cache.get(`members:${id}`, () => studioMembersOf(deps.db, [id]))))
      ).flat(),
    onDuty: (ids) =>
      cache.get(`duty:${today}:${sorted(ids)}`, async () => {
        const out = new Map<string, Set<string>>();
        if (!ids.length) return out;
        for (const o of (await occurrencesOf(deps, ids, today, today)).occurrences) {
          const set = out.get(o.studioId) ?? new Set<string>();
          for (const p of o.people) set.add(p.personId);
          out.set(o.studioId, set);
        }
        return out;
      }),
    candidates: async (targetId, sectorIds, personIds) => {
      const seated = await cache.get(`seated:${targetId}`, () =>
        memberCandidates(deps.db, targetId, 'all', [], null),
      );
      // A named person is nearly always seated in the target committee; only others are read.
      const persons = await Promise.all(
        personIds.map(async (id) => {
          const found = seated.find((m) => m.id === id);
          if (found) return [found];
          return cache.get(`person:${targetId}:${id}`, () =>
            memberCandidates(deps.db, targetId, [], [id], null),
          );
        }),
      );
      return pickCandidates(seated, persons.flat(), sectorIds);
    },
  };
}

/**
 * The suggestion for a new concern. Outside any transaction (it reads several tables and
 * the duty roster); a failure here never stops a citizen's submission.
 */
export async function suggestFor(deps: Deps, input: RoutingInput): Promise<RoutingSuggestion | null> {
  try {
    return await suggestRouting(await routingDeps(deps, input.committeeId), input);
  } catch {
    return null;
  }
}

type Decision = {
  id: string;
  accepted: boolean;
  chosen: { committeeId: string; studioId: string | null; sectorId: string | null; personIds: string[] };
  account_id: string;
  at: Date;
};

async function suggestionOf(deps: Deps, actor: Actor, id: string) {
  assertCan(actor, 'concerns.manage');
  const k = await concernFor(deps.db, actor, id);
  if (!k) throw new AppError('concerns.not_found');
  const suggestion =
    (await storedRoutingOf<RoutingSuggestion>(deps.db, id)) ??
    (await suggestRouting(await routingDeps(deps, k.committee_id), {
      committeeId: k.committee_id,
      category: k.category as RoutingInput['category'],
      text: k.body,
      place: k.place,
      studioId: k.studio_id,
      personId: k.person_id,
    }));
  return { k, suggestion };
}

export async function getConcernRouting(deps: Deps, actor: Actor, id: string) {
  const { suggestion } = await suggestionOf(deps, actor, id);
  const decisions = await deps.db.query<Decision>(
    `select id, accepted, chosen, account_id, at from routing_decisions where concern_id = $1 order by at, seq`,
    [id],
  );
  return {
    concernId: id,
    suggestion,
    decisions: decisions.map((d) => ({
      id: d.id,
      accepted: d.accepted,
      chosen: d.chosen,
      accountId: d.account_id,
      at: new Date(d.at).toISOString(),
    })),
  };
}

const bad = (field: string) =>
  new AppError('concerns.bad_target', { fields: [{ field: `body.${field}`, problem: 'invalid' }] });

/** Accept the suggestion or choose; assigns the concern and records the decision with it. */
export async function routeConcern(deps: Deps, actor: Actor, id: string, b: RouteBody, ip: string) {
  const { k, suggestion } = await suggestionOf(deps, actor, id);
  const topStudio = suggestion.studios[0]?.id ?? null;
  const topSector = suggestion.sectors[0]?.id ?? null;
  const topMembers = suggestion.members.map((m) => m.id!);
  const pick =
    'accept' in b
      ? { committeeId: undefined, studioId: topStudio, sectorId: topSector, personIds: topMembers }
      : {
          committeeId: b.committeeId,
          studioId: b.studioId === undefined ? topStudio : b.studioId,
          sectorId: b.sectorId === undefined ? topSector : b.sectorId,
          personIds: b.personIds,
        };
  return change(deps, actor, id, ip, 'route', async (q) => {
    // The studio decides the committee; else the one chosen; else where the concern is.
    const studioCommittee = pick.studioId ? await approvedStudioCommittee(q, pick.studioId) : undefined;
    if (pick.studioId && !studioCommittee) throw bad('studioId');
    const committeeId = studioCommittee ?? pick.committeeId ?? k.committee_id;
    if (!(await committeeInScope(q, actor.scope, committeeId)))
      throw bad(pick.studioId ? 'studioId' : 'committeeId');
    if (pick.committeeId && studioCommittee && pick.committeeId !== studioCommittee) throw bad('committeeId');
    for (const [i, personId] of pick.personIds.entries())
      await routeWithin(q, committeeId, { personId, studioId: pick.studioId ?? undefined }).catch(() => {
        throw bad(`personIds.${i}`);
      });
    if (pick.sectorId && !(await sectorsFor(q, committeeId)).some((s) => s.id === pick.sectorId))
      throw bad('sectorId');
    const chosen = {
      committeeId,
      studioId: pick.studioId,
      sectorId: pick.sectorId,
      personIds: pick.personIds,
    };
    const accepted =
      'accept' in b ||
      (committeeId === k.committee_id &&
        chosen.studioId === topStudio &&
        chosen.sectorId === topSector &&
        chosen.personIds.join() === topMembers.join());
    const now = deps.clock.now();
    await q.query(
      `insert into routing_decisions (id, concern_id, committee_id, suggested, chosen, accepted, account_id, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        deps.ids.uuid(),
        id,
        k.committee_id,
        JSON.stringify(suggestion),
        JSON.stringify(chosen),
        accepted,
        actor.accountId,
        now,
      ],
    );
    await setConcernSector(q, id, chosen.sectorId);
    const moved = committeeId !== k.committee_id;
    const [lead, ...others] = chosen.personIds;
    const ref = { concernId: id, trackingCode: k.tracking_code };
    return {
      set: {
        status: 'submitted',
        committee_id: committeeId,
        studio_id: chosen.studioId,
        person_id: lead ?? null,
        handler_account_id: null,
        due_at: moved || !k.due_at ? dueFrom(now) : k.due_at,
      },
      events: [
        {
          kind: 'assigned',
          note: ('reason' in b ? b.reason : null) ?? (accepted ? '采纳系统推荐' : null),
          fromCommitteeId: k.committee_id,
          toCommitteeId: committeeId,
          detail: { ...chosen, accepted },
        },
      ],
      notify: [
        ...(lead
          ? [
              {
                channel: 'in_app' as const,
                kind: 'concern.routed',
                to: { personId: lead },
                key: 'concern.assigned_to_member' as const,
                ref,
              },
            ]
          : []),
        ...others.map((personId) => ({
          channel: 'in_app' as const,
          kind: 'concern.routed_co',
          to: { personId },
          key: 'concern.co_handler' as const,
          ref,
        })),
      ],
      staff: moved
        ? { committeeId, kind: 'concern.handed_over', key: 'concern.handed_over' as const, ref }
        : undefined,
      detail: { ...chosen, accepted },
    };
  });
}
