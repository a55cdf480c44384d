// Unit tests of the studio and concern pages' pure helpers: `node --test web/src/pages/console-pages.test.ts`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowedActions,
  chinaInstant,
  chinaToday,
  concernFiltersFrom,
  concernQuery,
  daysLeft,
  groupActions,
  isOpen,
  shortTime,
  statusColor,
} from './concerns/concern-rules.ts';
import type { ConcernStatus } from './concerns/concern-rules.ts';
import {
  occurrenceText,
  ruleText,
  slotInstant,
  studioTime,
  studioToday,
  todayAndNext,
} from './studios/duty-format.ts';
import { filterStudios } from './studios/studio-filter.ts';
import { eventSentence } from './concerns/concern-story.ts';
import { reasonsText } from './concerns/routing-text.ts';
import type { Scored } from '../../../contracts/routing.ts';
import { zhCN as zh } from '../i18n/zh-CN.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';

// A t() over the real zh-CN catalogue, enough for {{x}} interpolation.
const t = (key: string, opts: Record<string, unknown> = {}) => {
  let node: unknown = zhCN;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  assert.equal(typeof node, 'string', `missing key ${key}`);
  return (node as string).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(opts[k]));
};

test('studio time is China Standard Time whatever the instant’s offset', () => {
  assert.deepEqual(studioTime('2025-03-14T17:30:00Z'), { date: '2025-03-15', time: '01:30' });
  assert.deepEqual(studioTime('2025-03-15T09:00:00+08:00'), { date: '2025-03-15', time: '09:00' });
  assert.equal(studioToday(new Date('2025-12-31T16:00:00Z')), '2026-01-01');
  assert.equal(slotInstant('2025-03-15', '09:00'), '2025-03-15T09:00:00+08:00');
});

test('duty rules read like office notices', () => {
  assert.equal(
    ruleText({ freq: 'monthly', day: 15, startTime: '09:00', endTime: '11:30' }, t),
    '每月15日 9:00–11:30',
  );
  assert.equal(
    ruleText({ freq: 'weekly', day: 3, startTime: '14:00', endTime: '17:00' }, t),
    '每周三 14:00–17:00',
  );
  assert.equal(
    occurrenceText({ startsAt: '2025-03-15T01:00:00.000Z', endsAt: '2025-03-15T03:30:00.000Z' }),
    '2025-03-15 9:00–11:30',
  );
});

test('today and next duties split on the studio date, in time order, next ones capped', () => {
  const o = (startsAt: string) => ({ startsAt, endsAt: startsAt });
  const list = [
    o('2025-03-20T01:00:00Z'),
    o('2025-03-15T06:00:00Z'),
    o('2025-03-14T17:00:00Z'), // 01:00 on the 15th in studio time
    o('2025-03-14T01:00:00Z'),
    o('2025-03-16T01:00:00Z'),
    o('2025-03-17T01:00:00Z'),
    o('2025-03-18T01:00:00Z'),
  ];
  const r = todayAndNext(list, new Date('2025-03-15T02:00:00Z'));
  assert.deepEqual(
    r.today.map((x) => x.startsAt),
    ['2025-03-14T17:00:00Z', '2025-03-15T06:00:00Z'],
  );
  assert.deepEqual(
    r.upcoming.map((x) => x.startsAt),
    ['2025-03-16T01:00:00Z', '2025-03-17T01:00:00Z', '2025-03-18T01:00:00Z'],
  );
});

test('studio list filters by kind and by name, address or lead, case-insensitively', () => {
  const s = (name: string, kind: 'regional' | 'sector', address: string | null, leadName: string | null) => ({
    name,
    kind,
    address,
    leadName,
  });
  const items = [
    s('桃城区河东街道委员工作室', 'regional', '河东街道 1 号', '张三'),
    s('经济界别工作室', 'sector', null, '李四'),
    s('Green Studio', 'sector', null, null),
  ];
  assert.equal(filterStudios(items, {}).length, 3);
  assert.deepEqual(
    filterStudios(items, { kind: 'sector' }).map((x) => x.name),
    ['经济界别工作室', 'Green Studio'],
  );
  assert.deepEqual(
    filterStudios(items, { q: '李四' }).map((x) => x.name),
    ['经济界别工作室'],
  );
  assert.deepEqual(
    filterStudios(items, { q: ' green ' }).map((x) => x.name),
    ['Green Studio'],
  );
  assert.deepEqual(
    filterStudios(items, { q: '河东', kind: 'sector' }).map((x) => x.name),
    [],
  );
});

test('concern actions follow the server rules by status, role and handler', () => {
  const member = { id: 'me', role: 'member' as const };
  const staff = { id: 'st', role: 'staff' as const };
  const k = (status: ConcernStatus, handlerAccountId: string | null = null) => ({
    status,
    handlerAccountId,
  });
  assert.deepEqual(allowedActions(k('submitted'), member), ['accept', 'transfer', 'escalate']);
  assert.deepEqual(allowedActions(k('accepted', 'me'), member), ['reply', 'askInfo', 'transfer', 'escalate']);
  assert.deepEqual(allowedActions(k('accepted', 'other'), member), []);
  assert.deepEqual(allowedActions(k('info_requested', 'me'), member), ['transfer', 'escalate']);
  assert.deepEqual(allowedActions(k('answered', 'me'), member), []);
  assert.deepEqual(allowedActions(k('accepted', 'other'), staff), [
    'reply',
    'askInfo',
    'toDepartment',
    'transfer',
    'escalate',
    'assign',
    'extend',
    'deadline',
    'serviceDeed',
  ]);
  assert.deepEqual(allowedActions(k('closed'), staff), ['serviceDeed'], 'a deed is recognised after closing');
  assert.deepEqual(allowedActions({ ...k('closed'), serviceDeed: { result: '修好了', at: '' } }, staff), []);
  assert.deepEqual(allowedActions(k('withdrawn'), staff), []);
  assert.ok(!allowedActions(k('submitted'), member).includes('deadline'), 'members do not set deadlines');

  // A handling department: its own concern only, and the return only while its 3 working days last.
  const dept = { id: 'd', role: 'department' as const, departmentId: 'dep' };
  const now = new Date('2026-11-24T09:00:00+08:00');
  const passed = (status: ConcernStatus, returnUntil: string | null) => ({
    ...k(status),
    handlerDepartmentId: 'dep',
    returnUntil,
  });
  assert.deepEqual(allowedActions(passed('submitted', '2026-11-26T09:00:00+08:00'), dept, now), [
    'accept',
    'askReturn',
  ]);
  assert.deepEqual(allowedActions(passed('accepted', '2026-11-23T09:00:00+08:00'), dept, now), [
    'reply',
    'askInfo',
  ]);
  assert.deepEqual(
    allowedActions({ ...passed('accepted', null), handlerDepartmentId: 'other' }, dept, now),
    [],
  );
  assert.deepEqual(allowedActions(passed('return_requested', null), staff), [
    'toDepartment',
    'acceptReturn',
    'transfer',
    'escalate',
    'assign',
    'extend',
    'deadline',
    'serviceDeed',
  ]);
  assert.deepEqual(allowedActions(k('reply_review'), staff), [
    'approveReply',
    'sendBackReply',
    'extend',
    'deadline',
    'serviceDeed',
  ]);
  assert.equal(statusColor('reply_review'), 'purple');
});

test('staff list filters as the list and export query; deadlines picked in China time', () => {
  assert.deepEqual(concernQuery({ overdue: false, serviceDeed: false }), {
    q: undefined,
    status: undefined,
    committeeId: undefined,
    studioId: undefined,
    category: undefined,
    from: undefined,
    to: undefined,
    overdue: undefined,
    serviceDeed: undefined,
    dueSoon: undefined,
    unassigned: undefined,
    followed: undefined,
  });
  // A workbench link's query opens the list with the same filters, and the list asks with it.
  const link = { committeeId: '5f7d0b1e-0000-4000-8000-000000000001', dueSoon: 'true', status: 'submitted' };
  const opened = concernQuery(concernFiltersFrom(new URLSearchParams(link)));
  assert.deepEqual(Object.fromEntries(Object.entries(opened).filter(([, v]) => v !== undefined)), link);
  const q = concernQuery({
    category: 'transport',
    from: '2026-11-01',
    to: '2026-11-30',
    overdue: true,
    serviceDeed: true,
  });
  assert.equal(q.category, 'transport');
  assert.equal(q.from, '2026-11-01');
  assert.equal(q.to, '2026-11-30');
  assert.equal(q.overdue, 'true');
  assert.equal(q.serviceDeed, 'true');
  assert.equal(chinaInstant('2026-12-31 17:00'), '2026-12-31T17:00:00+08:00');
  assert.throws(() => chinaInstant('31/12/2026'));
  assert.equal(chinaToday(new Date('2026-11-23T16:30:00Z')), '2026-11-24');
  assert.equal(chinaToday(new Date('2026-11-23T15:59:00Z')), '2026-11-23');
});

test('concern display helpers', () => {
  assert.equal(statusColor('closed'), 'green');
  assert.equal(statusColor('withdrawn'), 'default');
  assert.equal(shortTime('2025-03-14T17:05:00Z'), '2025-03-15 01:05');
  assert.equal(shortTime(null), '');
  assert.equal(shortTime('not a date'), '');
  const now = new Date('2025-03-15T00:00:00Z');
  assert.equal(daysLeft('2025-03-17T12:00:00Z', now), 3);
  assert.equal(daysLeft('2025-03-14T12:00:00Z', now), -1);
  assert.equal(daysLeft(null, now), null);
});

test('open statuses are the ones a handler can still act on', () => {
  assert.deepEqual(
    (['submitted', 'accepted', 'info_requested', 'answered', 'reopened', 'closed'] as const).filter(isOpen),
    ['submitted', 'accepted', 'info_requested', 'reopened'],
  );
});

test('the concern page: one main step, the rest in 更多, names that do not overlap', () => {
  const member = { id: 'me', role: 'member' as const };
  const staff = { id: 'st', role: 'staff' as const };
  const k = (status: ConcernStatus, handlerAccountId: string | null = null) => ({ status, handlerAccountId });
  assert.deepEqual(groupActions(allowedActions(k('submitted'), member), false), {
    primary: 'accept',
    more: ['toStaff', 'transfer', 'escalate'],
  });
  const s = groupActions(allowedActions(k('accepted', 'other'), staff), true);
  assert.equal(s.primary, 'reply');
  assert.ok(!s.more.includes('transfer'), 'staff pass on within the committee through 交办');
  assert.deepEqual(groupActions(allowedActions(k('reply_review'), staff), true).primary, 'approveReply');
  assert.deepEqual(groupActions(allowedActions(k('closed'), staff), true), {
    primary: null,
    more: ['serviceDeed'],
  });
  // Every entry has its own name, in both languages.
  for (const cat of [zh, en]) {
    const names = Object.values(cat.concerns.action);
    assert.equal(new Set(names).size, names.length, 'no two steps share a name');
  }
  assert.equal(zh.concerns.action.escalate, '报送上级政协');
  assert.equal(zh.concerns.action.toStaff, '提交本级政协机关');
});

test('a concern history step reads as a sentence: who did what, from whom to whom', () => {
  const e = (over: Record<string, unknown>) =>
    ({
      id: 'e',
      at: '2026-11-23T01:00:00.000Z',
      kind: 'assigned',
      actorKind: 'staff',
      actorLabel: '政协衡水市委员会',
      actorName: '李四',
      publicText: null,
      note: null,
      fromCommitteeId: 'c1',
      toCommitteeId: 'c2',
      fromCommitteeName: '政协衡水市委员会',
      toCommitteeName: '政协武邑县委员会',
      toStudioName: null,
      toPersonName: '王五',
      toDepartmentName: null,
      ...over,
    }) as Parameters<typeof eventSentence>[0];
  assert.equal(eventSentence(e({}), t), '政协衡水市委员会 李四 交办给 政协武邑县委员会 王五 委员');
  assert.equal(
    eventSentence(
      e({
        kind: 'escalated',
        actorLabel: '政协枣强县委员会',
        actorName: '张三',
        toPersonName: null,
        toCommitteeName: '政协衡水市委员会',
      }),
      t,
    ),
    '政协枣强县委员会 张三 报送上级政协 政协衡水市委员会',
  );
  // Within the committee a transfer names the studio and member, not the committee again.
  assert.equal(
    eventSentence(
      e({
        kind: 'transferred',
        actorKind: 'member',
        actorName: '赵六',
        toCommitteeId: null,
        toCommitteeName: null,
        toStudioName: '交通工作室',
        toPersonName: null,
      }),
      t,
    ),
    '赵六 委员 转交给 交通工作室',
  );
  assert.equal(
    eventSentence(
      e({
        kind: 'transferred',
        actorKind: 'member',
        actorName: '赵六',
        toCommitteeName: null,
        toPersonName: null,
      }),
      t,
    ),
    '赵六 委员 提交本级政协机关分派',
  );
  assert.equal(
    eventSentence(
      e({
        kind: 'routed',
        actorKind: 'system',
        actorName: null,
        toStudioName: '交通工作室',
        toPersonName: null,
      }),
      t,
    ),
    '系统分派给 政协武邑县委员会 交通工作室',
  );
  assert.equal(
    eventSentence(e({ kind: 'accepted', actorKind: 'member', actorName: '王五' }), t),
    '王五 委员 受理',
  );
});

test('routing reasons read whole in either language, with that language’s brackets', () => {
  const tOf =
    (cat: unknown) =>
    (key: string, opts: Record<string, unknown> = {}) => {
      let node: unknown = cat;
      for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
      assert.equal(typeof node, 'string', `missing key ${key}`);
      return (node as string).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(opts[k]));
    };
  const x: Pick<Scored, 'reasons'> = {
    reasons: [
      { kind: 'source' as const, detail: '通过本工作室的二维码反映', why: { code: 'studio_qr' as const } },
      {
        kind: 'category' as const,
        why: { code: 'category_sector' as const, args: { category: 'transport', sector: '经济界' } },
      },
      { kind: 'load' as const, why: { code: 'open_count' as const, args: { n: 2 } } },
      { kind: 'on_duty' as const },
    ],
  };
  assert.equal(
    reasonsText(x, tOf(en)),
    "citizen's choice (through this studio's QR code); category matches (Transport → 经济界); fewer open concerns (2 open); on duty today",
  );
  assert.equal(
    reasonsText(x, tOf(zh)),
    '群众选择（通过本工作室的二维码反映）；类别相符（交通出行 → 经济界）；在办诉求较少（在办 2 件）；今日值班',
  );
  // A reason stored before the codes keeps its words.
  assert.equal(
    reasonsText({ reasons: [{ kind: 'keyword', detail: '关键词: 老人' }] }, tOf(en)),
    'keyword (关键词: 老人)',
  );
});
