import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { invite, schedule, signInAtDoor, signInByStaff } from '../consultations/attendance.ts';
import {
  closeConsultation,
  createConsultation,
  getConsultation,
  recordMicro,
} from '../consultations/meetings.ts';
import { amendMinutes, draftMinutes, lockMinutes, openAmending } from '../consultations/minutes.ts';
import { addOutcome, answerOutcome, endorseOutcome, reportProgress } from '../consultations/outcomes.ts';
import { addPlanItem, approvePlan, createPlan, publishPlan } from '../consultations/plans.ts';
import { createTopic, declineTopic, secondTopic } from '../consultations/topics.ts';
import { actorOfAccount, demoCity, demoIp } from './studios.ts';
import type { Cast } from './studios.ts';

// A year of consultations at the city (衡水市): last Q4's call for topics from every source,
// the plan approved and published, consultations of each kind held on it with their
// invitations, sign-ins, minutes and outcomes — answered, in progress, done, not done and one
// overdue — micro-consultations recorded by studio convenors, and this Q4's call for next year.

const day = 86400_000;
const hour = 3600_000;
type Clocked = Deps & { clock: { now(): Date; set(d: Date): void } };

const iso = (t: number) => new Date(t).toISOString();
const date = (t: number) => new Date(t + 8 * hour).toISOString().slice(0, 10);

export async function consultationsYear(
  deps: Clocked,
  cast: Cast,
  o: { end: Date; departments: { id: string; actor: Actor }[] },
): Promise<{ consultations: number; failures: string[] }> {
  const failures: string[] = [];
  const city = cast.committees.get(demoCity)!;
  const staff = cast.staff.get(demoCity)!;
  const end = o.end.getTime();
  const start = end - 365 * day;
  const at = async <T>(t: number, what: string, run: () => Promise<T>): Promise<T | undefined> => {
    deps.clock.set(new Date(t));
    try {
      return await run();
    } catch (err) {
      failures.push(`${new Date(t).toISOString()} ${what}: ${(err as Error).message}`);
      return undefined;
    }
  };
  // The demo seed wrote the org tables (an allowed exception in modules/module-tables.ts).
  const deptRows = await deps.db.query<{ id: string; name: string }>(
    'select id, name from departments where committee_id = $1 order by name',
    [city.id],
  );
  const dept = (suffix: string) => deptRows.find((d) => d.name.endsWith(suffix))!.id;
  const [economy] = await deps.db.query<{ id: string }>(
    `select id from special_committees where committee_id = $1 and name = '经济委员会'`,
    [city.id],
  );
  const convenors = await Promise.all(
    cast.studios
      .filter((s) => s.region === demoCity)
      .map(async (s) => ({
        studio: s,
        actor: await actorOfAccount(deps, s.convenor.accountId),
      })),
  );
  const [c1, c2] = convenors as [(typeof convenors)[number], (typeof convenors)[number]];
  const year = new Date(start + 8 * hour).getUTCFullYear() + 1;

  // --- Q4: the call for next year's topics, from every source ---
  const plan = await at(start + 2 * day, 'plan', () =>
    createPlan(deps, staff, { committeeId: city.id, year, title: `衡水市政协${year}年度协商计划` }, demoIp),
  );
  if (!plan) return { consultations: 0, failures };
  const topic = (t: number, who: Actor, b: Parameters<typeof createTopic>[2]) =>
    at(t, `topic ${b.title}`, () => createTopic(deps, who, b, demoIp));
  const planId = plan.id;
  const t1 = await topic(start + 5 * day, staff, {
    planId,
    title: '优化营商环境、激发民营经济活力',
    source: 'party_government',
    setBy: '中共衡水市委',
    background: '市委年度重点工作',
  });
  const t2 = await topic(start + 6 * day, staff, {
    planId,
    title: '衡水湖生态保护与周边乡村振兴',
    source: 'party_government',
    setBy: '衡水市人民政府',
  });
  const t3 = await topic(start + 8 * day, c1.actor, {
    planId,
    title: '城区老旧小区加装电梯',
    source: 'member',
    reasons: '工作室接待日群众反映集中，老人上下楼困难，资金分摊和审批流程需要协商。',
  });
  if (t3)
    await at(start + 9 * day, 'second', () =>
      secondTopic(deps, c2.actor, t3.id, { reason: '同意，所在社区同样突出' }, demoIp),
    );
  const t4 = await topic(start + 10 * day, staff, {
    planId,
    title: '推进政协提案办理质量提升',
    source: 'committee',
  });
  const t5 = await topic(start + 11 * day, c2.actor, {
    planId,
    title: '中小学课后服务提质',
    source: 'member',
    reasons: '家长普遍反映课后服务内容单一。',
  });
  const t6 = await topic(start + 12 * day, staff, {
    planId,
    title: '建设城市智慧停车系统',
    source: 'committee',
    background: '与市公安局年度重点工作重叠',
  });
  const item = async (
    t: number,
    topicId: string | undefined,
    b: Omit<Parameters<typeof addPlanItem>[3], 'topicId'>,
  ) =>
    topicId
      ? at(t, 'plan item', () => addPlanItem(deps, staff, planId, { ...b, topicId }, demoIp))
      : undefined;
  const items: Record<string, string> = {};
  const keep = (k: string, p: Awaited<ReturnType<typeof addPlanItem>> | undefined, topicId?: string) => {
    const i = p?.items.find((x) => x.topicId === topicId);
    if (i) items[k] = i.id;
  };
  keep(
    'special',
    await item(start + 20 * day, t1?.id, {
      form: 'special',
      leadSpecialCommitteeId: economy?.id ?? null,
      sectorIds: [],
      plannedMonth: 4,
      departmentIds: [dept('发展和改革委员会'), dept('商务局')],
    }),
    t1?.id,
  );
  keep(
    'sector',
    await item(start + 20 * day, t2?.id, {
      form: 'sector',
      leadText: '人口资源环境委员会',
      sectorIds: [],
      plannedMonth: 6,
      departmentIds: [dept('生态环境局'), dept('农业农村局')],
    }),
    t2?.id,
  );
  keep(
    'counterpart',
    await item(start + 21 * day, t3?.id, {
      form: 'counterpart',
      leadText: '社会和法制委员会',
      sectorIds: [],
      plannedMonth: 8,
      departmentIds: [dept('住房和城乡建设局')],
    }),
    t3?.id,
  );
  keep(
    'proposal',
    await item(start + 21 * day, t4?.id, {
      form: 'proposal_handling',
      leadText: '提案委员会',
      sectorIds: [],
      plannedMonth: 12,
      departmentIds: [],
    }),
    t4?.id,
  );
  keep(
    'online',
    await item(start + 22 * day, t5?.id, {
      form: 'online',
      leadText: '教科卫体委员会',
      sectorIds: [],
      plannedMonth: 12,
      departmentIds: [dept('教育局')],
    }),
    t5?.id,
  );
  if (t6)
    await at(start + 23 * day, 'decline', () =>
      declineTopic(
        deps,
        staff,
        t6.id,
        { reason: '已列入市公安局年度重点工作，建议以提案形式跟进。' },
        demoIp,
      ),
    );
  await at(start + 27 * day, 'approve', () =>
    approvePlan(
      deps,
      staff,
      planId,
      {
        approvedByName: '市政协十届主席会议',
        approvedOn: date(start + 27 * day),
        documentRef: `衡政协〔${year - 1}〕31号`,
      },
      demoIp,
    ),
  );
  await at(start + 40 * day, 'publish', () => publishPlan(deps, staff, planId, demoIp));

  // --- Consultations held on the plan ---
  let held = 0;
  type Outcome = {
    text: string;
    dept: string;
    due: number;
    then?: 'answered' | 'in_progress' | 'done' | 'not_done';
  };
  const hold = async (
    k: string,
    when: number,
    b: {
      title: string;
      kind: 'special' | 'sector' | 'counterpart' | 'proposal_handling' | 'online';
      place: string;
      host: string;
    },
    outcomes: Outcome[],
    close: boolean,
  ) => {
    const created = await at(when - 14 * day, `create ${b.title}`, () =>
      createConsultation(
        deps,
        staff,
        {
          committeeId: city.id,
          planItemId: items[k] ?? null,
          title: b.title,
          kind: b.kind,
          mode: b.kind === 'online' ? 'online' : 'both',
          startsAt: iso(when),
          endsAt: iso(when + 2.5 * hour),
          place: b.place,
          hostName: b.host,
          agenda: [
            { title: '主持人说明协商议题', durationMinutes: 10, speaker: b.host },
            { title: '有关部门通报情况（部门答）', durationMinutes: 30 },
            { title: '委员、专家和群众代表发言（市民评）', durationMinutes: 90 },
            { title: '协商互动、形成共识', durationMinutes: 20 },
          ],
        },
        demoIp,
      ),
    );
    if (!created) return;
    held++;
    const id = created.id;
    await at(when - 13 * day, 'invite', () =>
      invite(
        deps,
        staff,
        id,
        {
          participants: [
            { role: 'expert', name: '河北工业大学 刘教授' },
            { role: 'citizen_rep', name: '社区居民代表 张大妈' },
          ],
          studioIds: [c1.studio.id, c2.studio.id],
        },
        demoIp,
      ),
    );
    if (!close && when > end) return;
    await at(when - 12 * day, 'schedule', () => schedule(deps, staff, id, demoIp));
    if (!close) return;
    const k1 = await at(when - 30 * 60_000, 'sign in c1', () => getConsultation(deps, staff, id));
    await at(when - 20 * 60_000, 'door c1', () => signInAtDoor(deps, c1.actor, k1!.doorCode!, demoIp));
    await at(when - 10 * 60_000, 'door c2', () => signInAtDoor(deps, c2.actor, k1!.doorCode!, demoIp));
    for (const p of k1?.participants.filter((x) => x.role !== 'member') ?? [])
      await at(when - 5 * 60_000, 'staff sign-in', () => signInByStaff(deps, staff, id, p.id, demoIp));
    await at(when + 2 * hour, 'minutes', () =>
      draftMinutes(
        deps,
        staff,
        id,
        { text: `${b.title}会议纪要（草稿）：与会委员围绕议题深入协商，提出意见建议。` },
        demoIp,
      ),
    );
    await at(when + 3 * hour, 'open', () => openAmending(deps, staff, id, { amendHours: 48 }, demoIp));
    await at(when + day, 'amend', () =>
      amendMinutes(
        deps,
        c1.actor,
        id,
        { text: `${b.title}会议纪要：与会委员围绕议题深入协商，提出意见建议；补充了工作室收集的群众意见。` },
        demoIp,
      ),
    );
    await at(when + 3 * day, 'lock', () => lockMinutes(deps, staff, id, demoIp));
    const ids: string[] = [];
    for (const x of outcomes) {
      const r = await at(when + 4 * day, 'outcome', () =>
        addOutcome(deps, staff, id, { text: x.text, departmentId: x.dept, dueOn: date(x.due) }, demoIp),
      );
      const last = r?.outcomes.at(-1);
      if (last) ids.push(last.id);
    }
    await at(when + 5 * day, 'close', () =>
      closeConsultation(deps, staff, id, { attendeeCount: 18, contributionCount: 11 }, demoIp),
    );
    // The departments with accounts answer their own; the others' answers stay due.
    for (const [i, x] of outcomes.entries()) {
      const who = o.departments.find((d) => d.id === x.dept);
      const oid = ids[i];
      if (!who || !oid || !x.then) continue;
      await at(x.due - 5 * day, 'answer', () =>
        answerOutcome(
          deps,
          who.actor,
          oid,
          x.then === 'not_done'
            ? {
                result: 'not_adopted',
                text: '受资金和规划限制，本年度暂不具备实施条件，已纳入下一轮规划研究。',
              }
            : {
                result: 'partly',
                text: '基本采纳，先行试点。',
                plan: '选取两个社区试点，年内完成。',
                byDate: date(x.due + 120 * day),
              },
          demoIp,
        ),
      );
      if (x.then === 'answered') continue;
      await at(x.due + 20 * day, 'progress', () =>
        reportProgress(
          deps,
          who.actor,
          oid,
          x.then === 'done'
            ? { status: 'done', progress: 100, note: '试点已完成并验收，群众满意。' }
            : x.then === 'not_done'
              ? { status: 'not_done', progress: 0, note: '资金未落实，转入下一年度。' }
              : { status: 'in_progress', progress: 45, note: '两个试点社区已开工。' },
          demoIp,
        ),
      );
    }
    if (ids[0])
      await at(when + 10 * day, 'endorse', () =>
        endorseOutcome(
          deps,
          staff,
          ids[0]!,
          {
            level: '市长',
            leaderName: '王市长',
            endorsedOn: date(when + 10 * day),
            text: '请住建局牵头认真研究落实。',
          },
          demoIp,
        ),
      );
  };
  const zjj = o.departments[0]?.id ?? dept('住房和城乡建设局');
  const jtj = o.departments[1]?.id ?? dept('交通运输局');
  await hold(
    'special',
    start + 150 * day,
    {
      title: '优化营商环境专题协商会',
      kind: 'special',
      place: '市政协机关三楼会议室',
      host: '市政协副主席 李明',
    },
    [
      {
        text: '建议推行工程建设项目审批“一窗受理”，压减审批时限。',
        dept: zjj,
        due: start + 185 * day,
        then: 'done',
      },
      {
        text: '建议完善夜间公交线网，方便园区企业职工通勤。',
        dept: jtj,
        due: start + 185 * day,
        then: 'in_progress',
      },
    ],
    true,
  );
  await hold(
    'sector',
    start + 210 * day,
    {
      title: '衡水湖生态保护界别协商',
      kind: 'sector',
      place: '衡水湖管委会会议室',
      host: '农业和农村界召集人',
    },
    [
      { text: '建议环湖村庄污水管网与城区管网接驳。', dept: zjj, due: start + 250 * day, then: 'not_done' },
      { text: '建议开通景区至城区的旅游公交。', dept: jtj, due: start + 250 * day, then: 'answered' },
    ],
    true,
  );
  await hold(
    'counterpart',
    start + 270 * day,
    {
      title: '老旧小区加装电梯对口协商',
      kind: 'counterpart',
      place: '市住建局会议室',
      host: '社会和法制委员会主任',
    },
    [
      { text: '建议出台加装电梯资金分摊指导意见。', dept: zjj, due: start + 330 * day, then: 'in_progress' },
      // Still unanswered past its deadline: the follow-up shows it overdue.
      { text: '建议简化加装电梯规划审批。', dept: dept('自然资源和规划局'), due: start + 340 * day },
    ],
    true,
  );
  await hold(
    'proposal',
    end + 10 * day,
    {
      title: '重点提案办理协商会',
      kind: 'proposal_handling',
      place: '市政协机关一楼会议室',
      host: '提案委员会主任',
    },
    [],
    false,
  );
  await hold(
    'online',
    end + 20 * day,
    { title: '中小学课后服务网络议政', kind: 'online', place: '线上', host: '教科卫体委员会主任' },
    [],
    false,
  );

  // --- Micro-consultations recorded by convenors on the spot ---
  for (const [i, c] of convenors.slice(0, 2).entries())
    await at(start + (120 + i * 90) * day, 'micro', () =>
      recordMicro(
        deps,
        c.actor,
        {
          studioId: c.studio.id,
          title: i === 0 ? '小区连廊冬季结冰防滑' : '菜市场周边早市占道',
          heldAt: iso(start + (120 + i * 90) * day - 2 * hour),
          place: i === 0 ? '幸福社区居委会' : '人民路菜市场',
          memberIds: c.studio.members.slice(0, 3),
          citizenCount: 12 + i * 6,
          consensus:
            i === 0
              ? '物业每日清晨除冰，社区在连廊增设防滑垫和扶手。'
              : '划定早市临时摊位区，七点半前收摊，城管与社区联合值守。',
          followUp: i === 0 ? '一周后工作室回访居民。' : '一个月后由工作室组织回头看。',
        },
        demoIp,
      ),
    );
  if (convenors.length) held += 2;

  // --- This Q4: next year's call is open ---
  const next = await at(end - 30 * day, 'next plan', () =>
    createPlan(
      deps,
      staff,
      { committeeId: city.id, year: year + 1, title: `衡水市政协${year + 1}年度协商计划` },
      demoIp,
    ),
  );
  if (next) {
    await topic(end - 20 * day, staff, {
      planId: next.id,
      title: '推进城乡居民养老服务体系建设',
      source: 'party_government',
      setBy: '中共衡水市委',
    });
    await topic(end - 10 * day, c1.actor, {
      planId: next.id,
      title: '学校周边早晚高峰交通拥堵治理',
      source: 'member',
      reasons: '工作室收集到家长意见二十余条。',
    });
  }
  deps.clock.set(o.end);
  return { consultations: held, failures };
}
