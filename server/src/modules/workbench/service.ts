import type { StaffCounterKey, Workbench } from '../../../../contracts/workbench.ts';
import type { CounterLink } from '../../../../contracts/workbench.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { localDate } from '../../lib/local-date.ts';
import { grownPerCommittee, grownQuery } from '../common-issues/for-workbench.ts';
import { inboxListCounts, staffListCounts } from '../concerns/for-workbench.ts';
import type { ListQuery } from '../concerns/lists.ts';
import { failedWorkCount } from '../jobs/for-workbench.ts';
import { requireCommittee } from '../org/service.ts';
import { addDays } from '../studios/duty.ts';
import { dutyOfMember, studiosOfMember, studiosPerCommittee } from '../studios/for-workbench.ts';
import { childCommittees, committeeOf } from './committees.ts';

// The workbench owns no table: each number comes from the module that owns the rows, counted
// with the conditions of the list the number links to, for the same query.

/** The concern counters and the list query each stands for (the link carries the same query). */
const concernCounters: [StaffCounterKey, ListQuery][] = [
  ['concernsNew', { status: 'submitted' }],
  ['concernsUnassigned', { unassigned: 'true' }],
  ['concernsDueSoon', { dueSoon: 'true' }],
  ['concernsOverdue', { overdue: 'true' }],
  ['concernsFollowed', { followed: 'true' }],
];
const link = (path: CounterLink['path'], query: Record<string, string | null | undefined>): CounterLink => ({
  path,
  query: Object.fromEntries(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
  ),
});

type Committee = { id: string; path: string };

export async function workbenchOf(deps: Deps, actor: Actor, f: { committeeId?: string }): Promise<Workbench> {
  const now = deps.clock.now();
  const today = localDate(now);
  const own = f.committeeId === undefined || f.committeeId === actor.scope.committeeId;
  if (!own && actor.role === 'member') throw new AppError('auth.forbidden');
  const at = own ? actor.scope : await requireCommittee(deps, actor, f.committeeId!);
  const committee = await committeeOf(deps.db, at.path);
  if (!committee) throw new AppError('org.committee_not_found');
  const head = {
    committee: {
      id: committee.id,
      name: committee.name,
      level: committee.level,
      // The top of what the caller sees has no parent for them.
      parentId: own ? null : committee.parent_id,
    },
    today,
    at: now.toISOString(),
  };
  if (actor.role === 'member') return { ...head, staff: null, member: await memberSection(deps, actor) };
  // (A handling department's section joins here with the department role.)
  return { ...head, staff: await staffSection(deps, actor, own ? undefined : committee), member: null };
}

async function staffSection(deps: Deps, actor: Actor, focus: Committee | undefined) {
  const scope = focus ? { committeeId: focus.id, path: focus.path } : actor.scope;
  const children = await childCommittees(deps.db, scope.committeeId);
  // One statement for every concern counter, of the committee and of each child.
  const targets: (Committee | undefined)[] = [focus, ...children];
  const counts = await staffListCounts(
    deps,
    actor,
    targets.flatMap((committee) => concernCounters.map(([, query]) => ({ query, committee }))),
  );
  const studios = await studiosPerCommittee(deps.db, scope, 'submitted');
  const grown = await grownPerCommittee(deps.db, scope);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const failed = actor.role === 'admin' && !focus ? await failedWorkCount(deps, actor) : undefined;

  const countersOf = (i: number, c: Committee | undefined) => {
    // The top row counts the whole subtree; a child's row counts studios and common issues of
    // that committee itself, as the studio list and the board filter by committee.
    const only = c ? { committeeId: c.id } : {};
    const concerns = concernCounters.map(([key, query], j) => ({
      key,
      count: counts[i * concernCounters.length + j] ?? 0,
      link: link('/concerns', { ...only, ...query }),
    }));
    return [
      {
        key: 'studiosPending' as const,
        count: c ? (studios.get(c.id) ?? 0) : sum(studios),
        link: link('/studios', { ...only, status: 'submitted' }),
      },
      ...concerns,
      {
        key: 'commonIssuesGrown' as const,
        count: c ? (grown.get(c.id) ?? 0) : sum(grown),
        link: link('/common-issues', { ...only, ...grownQuery }),
      },
      ...(failed === undefined || i > 0
        ? []
        : [
            { key: 'failedWork' as const, count: failed, link: { path: '/failed-work' as const, query: {} } },
          ]),
    ];
  };
  return {
    counters: countersOf(0, focus),
    children: children.map((c, k) => ({
      committeeId: c.id,
      name: c.name,
      level: c.level,
      hasChildren: c.has_children,
      counters: countersOf(k + 1, c),
    })),
  };
}

async function memberSection(deps: Deps, actor: Actor) {
  const personId = actor.personId;
  const buckets = [
    ['inboxNew', 'new'],
    ['inboxInProgress', 'in_progress'],
    ['inboxOverdue', 'overdue'],
  ] as const;
  const studios = personId ? await studiosOfMember(deps.db, personId) : [];
  const counts = await inboxListCounts(deps, actor, [
    ...buckets.map(([, bucket]) => ({ bucket })),
    ...studios.map((s) => ({ bucket: 'new' as const, studioId: s.id })),
  ]);
  const today = localDate(deps.clock.now());
  const duty = personId ? await dutyOfMember(deps, personId, today, addDays(today, 92)) : [];
  const nextDay = duty.find((o) => localDate(new Date(o.startsAt)) > today);
  return {
    counters: buckets.map(([key, tab], i) => ({ key, count: counts[i] ?? 0, link: link('/inbox', { tab }) })),
    studios: studios.map((s, i) => ({
      studioId: s.id,
      name: s.name,
      waiting: counts[buckets.length + i] ?? 0,
      link: link('/inbox', { tab: 'new', studioId: s.id }),
    })),
    dutyToday: duty.filter((o) => localDate(new Date(o.startsAt)) === today),
    dutyNext: nextDay ?? null,
  };
}
