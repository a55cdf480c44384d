import type { Deps } from '../../deps.ts';
import { concernIdOfTracking } from '../concerns/for-demo.ts';
import type { Actor } from '../../http/actor.ts';
import { placeNewConcerns } from '../common-issues/placing.ts';
import { checkDeadlines } from '../concerns/deadlines.ts';
import { markServiceDeed } from '../concerns/deeds.ts';
import { eraseCitizen } from '../concerns/citizen-data.ts';
import {
  acceptConcern,
  askInfo,
  assignConcern,
  escalateConcern,
  extendConcern,
  replyConcern,
  transferConcern,
} from '../concerns/handling.ts';
import { addInfo, rateConcern, submitConcern } from '../concerns/intake.ts';
import { processPhoto } from '../concerns/photos.ts';
import { recordReception } from '../concerns/reception.ts';
import { requestSmsCode } from '../notify/codes.ts';
import { suggestFor } from '../routing/service.ts';
import { ensurePersonCode } from '../studios/public.ts';
import {
  askTexts,
  concernText,
  infoTexts,
  ratingComments,
  replies,
  topicByKey,
  topics,
} from './concern-texts.ts';
import type { Topic } from './concern-texts.ts';
import { demoPhoto } from './photos.ts';
import type { Rand } from './random.ts';
import { pickOf } from './random.ts';
import type { Cast, DemoStudio } from './studios.ts';
import { actorOfAccount, demoCity, demoCounties } from './studios.ts';

// A year of concerns, lived through in order on the demo's clock: each concern is a plan of
// steps (submitted, accepted, asked, answered, rated, handed up or down…) at times of its own;
// all steps of all concerns run sorted by time, with the recurring jobs (deadline sweep,
// common-issue placement) between them as the job worker would run them. Every step is a
// call of the owning module's service, so the data obeys the same rules as real use.

const day = 86400_000;
/** Concerns come in as through the app: with routing's suggestion (app.ts wires the same). */
const routing = { suggestRouting: suggestFor };

type Outcome =
  | 'new'
  | 'accepted'
  | 'info'
  | 'info_closed'
  | 'answered'
  | 'closed'
  | 'closed_basic'
  | 'reopened'
  | 'reopened_closed'
  | 'withdrawn';
type Route = 'direct' | 'escalate' | 'transfer' | 'assign_down';

type Live = { id?: string; trackingCode?: string; handler?: Actor; failed?: boolean };
type Step = { at: number; seq: number; live?: Live; run: () => Promise<void> };

export type YearResult = { concerns: number; failures: string[] };

/** What happens to a concern submitted `age` days before the end of the year. */
function outcomeFor(rand: Rand, age: number): Outcome {
  const r = rand();
  if (age > 45)
    return r < 0.58
      ? 'closed'
      : r < 0.74
        ? 'closed_basic'
        : r < 0.8
          ? 'reopened_closed'
          : r < 0.86
            ? 'info_closed'
            : r < 0.95
              ? 'answered'
              : r < 0.98
                ? 'withdrawn'
                : 'accepted';
  if (age > 16)
    return r < 0.35
      ? 'closed'
      : r < 0.45
        ? 'answered'
        : r < 0.62
          ? 'accepted'
          : r < 0.72
            ? 'new'
            : r < 0.8
              ? 'info'
              : r < 0.9
                ? 'reopened'
                : 'reopened_closed';
  return r < 0.35 ? 'new' : r < 0.65 ? 'accepted' : r < 0.75 ? 'info' : r < 0.92 ? 'answered' : 'closed';
}

export async function liveYear(
  deps: Deps & { clock: { now(): Date; set(d: Date): void } },
  cast: Cast,
  o: { rand: Rand; end: Date; codes: Map<string, string> },
): Promise<YearResult> {
  const { rand } = o;
  const pick = pickOf(rand);
  const end = o.end.getTime();
  const start = end - 365 * day;
  const steps: Step[] = [];
  let seq = 0;
  const at = (t: number, run: () => Promise<void>, live?: Live) =>
    steps.push({ at: Math.min(t, end - 60_000), seq: seq++, run, ...(live ? { live } : {}) });
  const failures: string[] = [];
  const members = new Map<string, Actor>();
  const memberActor = async (accountId: string) => {
    let a = members.get(accountId);
    if (!a) members.set(accountId, (a = await actorOfAccount(deps, accountId)));
    return a;
  };
  const staffOf = (region: string) => cast.staff.get(region)!;
  const studiosOf = (region: string) => cast.studios.filter((s) => s.region === region);
  let ipSerial = 0;
  const freshIp = () => {
    const n = ++ipSerial;
    return `10.${20 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;
  };
  const phones: string[] = [];
  const freshPhone = () => {
    const prefixes = [
      '150',
      '151',
      '152',
      '155',
      '157',
      '158',
      '159',
      '176',
      '177',
      '180',
      '182',
      '185',
      '187',
      '189',
    ];
    const p = `${pick(prefixes)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    phones.push(p);
    return p;
  };
  const codeOf = async (personId: string) => ensurePersonCode(deps.db, personId);

  // The concerns: where each goes, what it says, and how it ends.
  type Plan = {
    region: string;
    studio: DemoStudio | null;
    personId: string | null;
    topic: Topic;
    at: number;
    outcome: Outcome;
    route: Route;
    reception: boolean;
    phone: string | null;
    photos: number;
  };
  const plans: Plan[] = [];
  const regionWeights: [string, number][] = [
    ['131102', 0.3],
    ['131103', 0.17],
    ['131121', 0.15],
    ['131182', 0.18],
    [demoCity, 0.2],
  ];
  const pickRegion = () => {
    let x = rand();
    for (const [r, w] of regionWeights) if ((x -= w) < 0) return r;
    return demoCity;
  };
  const localTopics = new Map([
    ['peach-sales', '131182'],
    ['fur-sewage', '131121'],
  ]);
  const topicFor = (region: string) => {
    for (;;) {
      const t = pick(topics);
      const only = localTopics.get(t.key);
      if (!only || only === region) return t;
    }
  };
  const addPlan = (region: string, topic: Topic, t: number, forced?: Partial<Plan>) => {
    const age = (end - t) / day;
    const studios = studiosOf(region);
    const viaMember = rand() < 0.12 && cast.loose.get(region)!.length > 0;
    const studio = viaMember ? null : pick(studios);
    const pickedMember = !viaMember && studio && rand() < 0.5 ? studio.convenor.personId : null;
    const outcome = forced?.outcome ?? outcomeFor(rand, age);
    const r = rand();
    const route: Route =
      region === demoCity
        ? r < 0.35 && outcome !== 'withdrawn'
          ? 'assign_down'
          : 'direct'
        : r < 0.08 && !viaMember
          ? 'escalate'
          : r < 0.14 && !viaMember
            ? 'transfer'
            : 'direct';
    const phone = outcome === 'withdrawn' || rand() < 0.4 ? freshPhone() : null;
    plans.push({
      region,
      studio,
      personId: viaMember ? pick(cast.loose.get(region)!) : pickedMember,
      topic,
      at: t,
      outcome,
      route,
      reception: false,
      phone,
      photos: rand() < 0.16 ? 1 + Math.floor(rand() * 2) : 0,
      ...forced,
    });
  };
  // Everyday concerns over the year, more of them lately (the studios became known).
  for (let i = 0; i < 290; i++) {
    const region = pickRegion();
    const t = start + Math.floor(Math.sqrt(rand()) * 364 * day) + Math.floor(rand() * 10 * 3600_000);
    addPlan(region, topicFor(region), t);
  }
  // The same trouble raised by several people in one place within weeks: common issues.
  const clusters: [string, string, number][] = [
    ['131102', 'streetlight', 8],
    ['131102', 'elevator', 6],
    ['131103', 'flooding', 6],
    ['131121', 'fur-sewage', 7],
    ['131182', 'peach-sales', 7],
    [demoCity, 'bus', 6],
  ];
  for (const [region, key, n] of clusters) {
    const from = end - (20 + Math.floor(rand() * 40)) * day;
    for (let i = 0; i < n; i++)
      addPlan(region, topicByKey.get(key)!, from + Math.floor(rand() * 18 * day), {
        route: 'direct',
        ...(rand() < 0.5 ? {} : { outcome: 'new' }),
      });
  }
  // Heard in person on reception days, recorded by the staff for the member on duty.
  for (let i = 0; i < 16; i++) {
    const region = pick(demoCounties);
    const studio = pick(studiosOf(region));
    const t = start + Math.floor(rand() * 360 * day);
    plans.push({
      region,
      studio,
      personId: studio.convenor.personId,
      topic: topicFor(region),
      at: t,
      outcome: pick(['closed', 'closed', 'answered', 'accepted'] as const),
      route: 'direct',
      reception: true,
      phone: rand() < 0.5 ? freshPhone() : null,
      photos: 0,
    });
  }

  for (const p of plans) {
    const live: Live = {};
    const { text, place } = concernText(rand, p.region, p.topic);
    const ip = freshIp();
    const owner = p.studio ? await memberActor(p.studio.convenor.accountId) : staffOf(p.region);
    let t = p.at;
    const next = (minDays: number, spanDays: number) =>
      (t += (minDays + rand() * spanDays) * day * Math.min(1, (end - p.at) / (30 * day)));
    const photoFormats = Array.from(
      { length: p.photos },
      () => (rand() < 0.7 ? 'jpeg' : 'png') as 'jpeg' | 'png',
    );
    const category = p.topic.category;
    // Submitted.
    at(
      t,
      async () => {
        if (p.reception) {
          const staff = staffOf(p.region);
          const r = await recordReception(
            deps,
            routing,
            staff,
            {
              studioId: p.studio!.id,
              personId: p.personId!,
              occurredAt: new Date(deps.clock.now().getTime() - 2 * 3600_000).toISOString(),
              category,
              text,
              place,
              ...(p.phone ? { phone: p.phone } : {}),
              consent: true,
            },
            ip,
          );
          live.id = r.id;
          live.trackingCode = r.trackingCode;
          live.handler = owner;
          return;
        }
        let smsCode: string | undefined;
        if (p.phone) {
          await requestSmsCode(deps, p.phone, ip);
          smsCode = o.codes.get(p.phone);
        }
        const photos = [];
        for (const f of photoFormats) photos.push(await processPhoto(await demoPhoto(rand, f)));
        const r = await submitConcern(
          deps,
          routing,
          {
            ...(p.studio ? { studioCode: p.studio.code } : {}),
            ...(p.personId ? { memberCode: await codeOf(p.personId) } : {}),
            category,
            text,
            place,
            ...(p.phone ? { phone: p.phone, smsCode, consent: true } : {}),
          },
          ip,
          undefined,
          photos,
        );
        live.trackingCode = r.trackingCode;
        live.id = (await concernIdOfTracking(deps.db, r.trackingCode))!;
        live.handler = owner;
      },
      live,
    );
    const handler = () => live.handler!;
    /** The city's staff hand the concern to a studio's convenor, in the city or a county. */
    const assignToStudio = (region: string, to: DemoStudio, reason: string) => async () => {
      await assignConcern(
        deps,
        staffOf(demoCity),
        live.id!,
        {
          committeeId: cast.committees.get(region)!.id,
          studioId: to.id,
          personId: to.convenor.personId,
          reason,
        },
        ip,
      );
      live.handler = await memberActor(to.convenor.accountId);
    };
    // Handed over before anyone works on it.
    if (p.route === 'escalate' && !p.reception) {
      next(0.5, 2);
      at(
        t,
        async () => {
          await escalateConcern(deps, handler(), live.id!, { reason: '涉及跨县区协调，需市政协统筹' }, ip);
          live.handler = staffOf(demoCity);
        },
        live,
      );
      const cityStudio = studiosOf(demoCity)[0]!;
      if (rand() < 0.5) {
        next(0.5, 2);
        at(t, assignToStudio(demoCity, cityStudio, '请市级工作室委员跟进'), live);
      }
    } else if (p.route === 'transfer' && !p.reception) {
      const others = studiosOf(p.region).filter((s) => s.id !== p.studio?.id);
      const to = others.length ? pick(others) : null;
      next(0.3, 1.5);
      at(
        t,
        async () => {
          await transferConcern(
            deps,
            handler(),
            live.id!,
            to
              ? { studioId: to.id, personId: to.convenor.personId, reason: '更适合由该工作室委员办理' }
              : { reason: '超出本工作室职责，退回机关交办' },
            ip,
          );
          live.handler = to ? await memberActor(to.convenor.accountId) : staffOf(p.region);
        },
        live,
      );
    } else if (p.route === 'assign_down') {
      const county = pick(demoCounties);
      const to = pick(studiosOf(county));
      next(0.5, 2);
      at(t, assignToStudio(county, to, '属地问题，交由县区政协办理'), live);
    }
    const out = p.outcome;
    if (out === 'new') continue;
    const act = (fn: (a: Actor) => Promise<unknown>) => async () => {
      await fn(handler());
    };
    const reply = (kind: keyof typeof replies) =>
      at(
        next(2, 8),
        act((a) => replyConcern(deps, a, live.id!, pick(replies[kind]), ip)),
        live,
      );
    const rate = (rating: 'satisfied' | 'basic' | 'unsatisfied') => {
      const comment = pick(ratingComments);
      at(
        next(1, 4),
        async () => {
          await rateConcern(deps, live.trackingCode!, { rating, comment: comment || null }, freshIp());
        },
        live,
      );
    };
    if (!p.reception)
      at(
        next(0.2, 2),
        act((a) => acceptConcern(deps, a, live.id!, ip)),
        live,
      );
    if (out === 'withdrawn') {
      at(
        next(1, 5),
        async () => {
          await eraseCitizen(deps, deps.sealer.hash(p.phone!), freshIp());
        },
        live,
      );
      continue;
    }
    if (out === 'accepted') {
      if (rand() < 0.3)
        at(
          next(5, 5),
          async () => {
            const region = p.route === 'escalate' ? demoCity : p.region;
            await extendConcern(deps, staffOf(region), live.id!, { days: 10, reason: '需多部门会商' }, ip);
          },
          live,
        );
      continue;
    }
    if (out === 'info' || out === 'info_closed') {
      at(
        next(0.5, 2),
        act((a) => askInfo(deps, a, live.id!, pick(askTexts), ip)),
        live,
      );
      if (out === 'info') continue;
      at(
        next(0.5, 3),
        async () => {
          await addInfo(deps, live.trackingCode!, pick(infoTexts), freshIp());
        },
        live,
      );
    }
    reply(rand() < 0.75 ? 'done' : 'explained');
    if (out === 'answered') continue;
    if (out === 'reopened' || out === 'reopened_closed') {
      rate('unsatisfied');
      if (out === 'reopened') continue;
      reply('again');
      rate(rand() < 0.7 ? 'basic' : 'unsatisfied');
      continue;
    }
    rate(out === 'closed_basic' ? 'basic' : 'satisfied');
    if (rand() < 0.1)
      at(
        next(1, 3),
        async () => {
          const region = p.route === 'escalate' ? demoCity : p.route === 'assign_down' ? null : p.region;
          if (!region) return;
          await markServiceDeed(
            deps,
            staffOf(region),
            live.id!,
            { result: '协调主管部门办结，列入本年度帮办实事' },
            ip,
          );
        },
        live,
      );
  }
  // The recurring jobs, at their places in the year: less often than the worker runs them
  // (each placement of a young committee regroups it whole), often enough that reminders,
  // overdue notices and common issues appear when they would have.
  for (let t = start + day; t < end; t += 2 * day)
    at(t + 3 * 3600_000, async () => {
      await deps.db.tx((q) => checkDeadlines(q, deps));
    });
  for (let t = start + 14 * day; t < end; t += 14 * day)
    at(t + 4 * 3600_000, async () => {
      await placeAll(deps);
    });

  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const s of steps) {
    if (s.live?.failed) continue;
    deps.clock.set(new Date(s.at));
    try {
      await s.run();
    } catch (err) {
      if (s.live) s.live.failed = true;
      failures.push(`${new Date(s.at).toISOString()}: ${(err as Error).message}`);
    }
  }
  deps.clock.set(o.end);
  await deps.db.tx((q) => checkDeadlines(q, deps));
  await placeAll(deps);
  return { concerns: plans.length, failures };
}

/** The placement job until it has nothing left (it reads a batch per run). */
async function placeAll(deps: Deps) {
  while ((await deps.db.tx((q) => placeNewConcerns(q, deps))) > 0);
}
