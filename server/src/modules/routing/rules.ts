import type { RoutingRules } from '../../../../contracts/routing.ts';
import { routingRules } from '../../../../contracts/routing.ts';
import type { Queryable } from '../../db/db.ts';
import { committeeInScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { sectorsFor } from './queries.ts';

// The routing tables are committee settings: a committee edits its own, its subtree
// inherits them, and the root without any falls back to this default.

export const defaultRoutingRules: RoutingRules = {
  categorySectors: {
    livelihood: ['社会福利和社会保障界', '中华全国妇女联合会'],
    education: ['教育界'],
    health: ['医药卫生界'],
    employment: ['中华全国总工会', '经济界'],
    environment: ['环境资源界'],
    transport: ['经济界'],
    agriculture: ['农业界'],
    business: ['中华全国工商业联合会', '经济界'],
    governance: ['社会福利和社会保障界'],
  },
  keywords: [
    ...['学校', '幼儿园', '老师', '学生', '上学', '课后'].map((keyword) => ({ keyword, sector: '教育界' })),
    ...['医院', '看病', '医保', '药品', '诊所', '卫生院'].map((keyword) => ({
      keyword,
      sector: '医药卫生界',
    })),
    ...['养老', '低保', '残疾', '救助', '社保', '老人'].map((keyword) => ({
      keyword,
      sector: '社会福利和社会保障界',
    })),
    ...['污染', '垃圾', '河道', '噪音', '排污', '扬尘'].map((keyword) => ({ keyword, sector: '环境资源界' })),
    ...['种植', '农田', '化肥', '养殖', '灌溉', '农机'].map((keyword) => ({ keyword, sector: '农业界' })),
    ...['企业', '营商', '审批', '融资', '个体户'].map((keyword) => ({
      keyword,
      sector: '中华全国工商业联合会',
    })),
    ...['工资', '欠薪', '就业', '招聘', '劳动'].map((keyword) => ({ keyword, sector: '中华全国总工会' })),
    ...['妇女', '儿童', '家暴', '托育'].map((keyword) => ({ keyword, sector: '中华全国妇女联合会' })),
    ...['路灯', '道路', '公交', '停车', '桥'].map((keyword) => ({ keyword, sector: '经济界' })),
  ],
};

/** The rules in force for a committee: its own, else the nearest ancestor's, else the default. */
export async function rulesFor(q: Queryable, committeeId: string) {
  const [row] = await q.query<{ committee_id: string; rules: RoutingRules; updated_at: Date }>(
    `select r.committee_id, r.rules, r.updated_at from routing_rules r
       join committees c on c.id = r.committee_id
       join committees me on me.id = $1
      where me.path = c.path or me.path like c.path || '/%'
      order by length(c.path) desc limit 1`,
    [committeeId],
  );
  return row
    ? {
        sourceCommitteeId: row.committee_id,
        rules: row.rules,
        updatedAt: new Date(row.updated_at).toISOString(),
      }
    : { sourceCommitteeId: null, rules: defaultRoutingRules, updatedAt: null };
}

async function requireInScope(deps: Deps, actor: Actor, committeeId: string) {
  const c = await committeeInScope(deps.db, actor.scope, committeeId);
  if (!c)
    throw new AppError('org.committee_not_found', { fields: [{ field: 'committeeId', problem: 'invalid' }] });
  return c;
}

export async function getRoutingRules(deps: Deps, actor: Actor, committeeId = actor.scope.committeeId) {
  assertCan(actor, 'concerns.manage');
  await requireInScope(deps, actor, committeeId);
  const r = await rulesFor(deps.db, committeeId);
  return { committeeId, ...r, isDefault: r.sourceCommitteeId === null };
}

export async function putRoutingRules(
  deps: Deps,
  actor: Actor,
  b: { committeeId: string; rules: RoutingRules },
  ip: string,
) {
  assertCan(actor, 'concerns.manage');
  await requireInScope(deps, actor, b.committeeId);
  const rules = routingRules.parse(b.rules);
  // Every sector named must be one this committee has (the national list or its own).
  const known = new Set((await sectorsFor(deps.db, b.committeeId)).map((s) => s.name));
  const unknown = (field: string) =>
    new AppError('routing.unknown_sector', { fields: [{ field, problem: 'invalid' }] });
  for (const [cat, names] of Object.entries(rules.categorySectors))
    names?.forEach((n, i) => {
      if (!known.has(n)) throw unknown(`body.rules.categorySectors.${cat}.${i}`);
    });
  rules.keywords.forEach((k, i) => {
    if (!known.has(k.sector)) throw unknown(`body.rules.keywords.${i}.sector`);
  });
  await deps.db.tx(async (q) => {
    await q.query(
      `insert into routing_rules (committee_id, rules, updated_by, updated_at) values ($1, $2, $3, $4)
       on conflict (committee_id) do update set rules = $2, updated_by = $3, updated_at = $4`,
      [b.committeeId, JSON.stringify(rules), actor.accountId, deps.clock.now()],
    );
    await recordAudit(q, deps.clock, {
      actorId: actor.accountId,
      actorName: actor.username,
      committeeId: b.committeeId,
      ip,
      action: 'routing.rules_update',
      targetType: 'committee',
      targetId: b.committeeId,
      result: 'ok',
      status: 200,
      detail: { categories: Object.keys(rules.categorySectors).length, keywords: rules.keywords.length },
    });
  });
  return getRoutingRules(deps, actor, b.committeeId);
}
