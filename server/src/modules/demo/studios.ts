import { randomBytes } from 'node:crypto';
import { actorOfAccount as actorOfAccountIn, firstAdminId } from '../auth/for-demo.ts';
import { soleSeatMembers } from '../members/for-demo.ts';
import type { studioKinds } from '../../../../contracts/studios.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { createAccount } from '../auth/accounts.ts';
import {
  addDutyRule,
  addDutySlot,
  addStudioMember,
  createStudio,
  reviewStudio,
  submitStudio,
} from '../studios/service.ts';

// The demo's studios and the accounts that run them, made through the studios and accounts
// services as staff would: created, staffed, submitted, approved, given a duty roster.

export const demoIp = '127.0.0.1';

/** The demo city and the four of its counties the demo lives in. */
export const demoCity = '131100';
export const demoCounties = ['131102', '131103', '131121', '131182'] as const;
/** The county whose staff account and member account are shown at first start. */
export const shownCounty = '131102';

type Kind = (typeof studioKinds)[number];
type StudioSpec = {
  region: string;
  name: string;
  kind: Kind;
  sector?: string;
  address: string;
  lat: number;
  lng: number;
  intro: string;
  services: string;
  openingHours: string;
  /** The studio's public telephone, printed on its poster. */
  hotline?: string;
};

const specs: StudioSpec[] = [
  {
    region: '131102',
    name: '河西街道委员工作室',
    kind: 'regional',
    address: '衡水市桃城区河西街道办事处一楼',
    lat: 37.739,
    lng: 115.67,
    intro: '扎根河西街道的委员之家，委员轮流值守，听取居民对老旧小区、出行和养老的意见。',
    services: '接待群众来访；收集社情民意；协调解决小区急难愁盼问题。',
    openingHours: '每周三 9:00-11:30',
    hotline: '0318-2156801',
  },
  {
    region: '131102',
    name: '桃城区教育界委员工作室',
    kind: 'sector',
    sector: '教育界',
    address: '衡水市桃城区育才街实验小学东侧',
    lat: 37.742,
    lng: 115.688,
    intro: '教育界委员围绕学前教育、课后服务和校园周边安全建言献策。',
    services: '家长接待日；教育政策解读；校园周边问题反映。',
    openingHours: '每月第一个周六 9:00-12:00',
    hotline: '0318-2156802',
  },
  {
    region: '131103',
    name: '衡水湖生态保护特色工作室',
    kind: 'themed',
    address: '衡水市冀州区衡水湖南岸游客服务中心',
    lat: 37.585,
    lng: 115.55,
    intro: '聚焦衡水湖湿地保护与周边村庄人居环境，委员与环保志愿者一起巡湖。',
    services: '生态环境问题收集；巡湖议事；环保政策宣讲。',
    openingHours: '每周五 14:30-17:00',
    hotline: '0318-8221234',
  },
  {
    region: '131103',
    name: '冀州镇委员工作室',
    kind: 'regional',
    address: '衡水市冀州区冀州镇政府大院',
    lat: 37.554,
    lng: 115.579,
    intro: '服务冀州镇及周边村庄的群众，关注农村道路、饮水和养老。',
    services: '接待来访；进村走访；帮办实事。',
    openingHours: '每周二 9:00-11:30',
    hotline: '0318-7213650',
  },
  {
    region: '131121',
    name: '大营皮毛产业链委员工作室',
    kind: 'industry_chain',
    sector: '经济界',
    address: '衡水市枣强县大营镇皮毛交易市场综合楼',
    lat: 37.62,
    lng: 115.86,
    intro: '围绕皮毛产业链上下游，协调企业、商户和村民在环保、用工与销售上的问题。',
    services: '企业诉求直通；产业政策解读；环保整改协调。',
    openingHours: '每周四 9:00-12:00',
    hotline: '0318-5312288',
  },
  {
    region: '131182',
    name: '穆村乡委员工作室',
    kind: 'regional',
    address: '衡水市深州市穆村乡政府一楼',
    lat: 37.96,
    lng: 115.62,
    intro: '深州蜜桃之乡的委员工作室，帮桃农对接销路、技术与冷链。',
    services: '桃农接待日；电商培训对接；农技服务。',
    openingHours: '每月 10 日 9:00-11:30',
    hotline: '0318-6028190',
  },
  {
    region: '131182',
    name: '深州云上议事线上工作室',
    kind: 'online',
    address: '线上（扫码即可反映）',
    lat: 38.0,
    lng: 115.56,
    intro: '群众随时扫码留言，委员在线接单，适合在外务工的深州人反映家乡事。',
    services: '线上诉求受理；定期线上议事会。',
    openingHours: '全天在线，工作日 24 小时内受理',
  },
  {
    region: '131100',
    name: '衡水市医药卫生界委员工作室',
    kind: 'sector',
    sector: '医药卫生界',
    address: '衡水市人民医院门诊楼二楼',
    lat: 37.738,
    lng: 115.69,
    intro: '医药卫生界委员关注看病就医、医保报销和基层卫生室建设。',
    services: '健康咨询；就医难题反映；医保政策解读。',
    openingHours: '每周一 14:30-17:00',
  },
  {
    region: '131100',
    name: '衡水市民生议事线上工作室',
    kind: 'online',
    address: '线上（扫码即可反映）',
    lat: 37.735,
    lng: 115.686,
    intro: '面向全市群众的线上工作室，跨县区的问题由市政协机关统筹交办。',
    services: '线上诉求受理；跨县区问题协调。',
    openingHours: '全天在线',
  },
];

export type DemoStudio = {
  id: string;
  region: string;
  name: string;
  kind: Kind;
  code: string;
  convenor: { personId: string; accountId: string };
  members: string[];
};
export type DemoAccount = {
  username: string;
  password: string;
  role: 'staff' | 'member' | 'department';
  shown: boolean;
  label: string;
};
export type Cast = {
  committees: Map<string, { id: string; path: string }>;
  staff: Map<string, Actor>;
  studios: DemoStudio[];
  accounts: DemoAccount[];
  /** Seated members of each demo committee with no studio (citizens can pick them by QR card). */
  loose: Map<string, string[]>;
};

/** Same rule as the initial admin's: three character classes, shown once. */
const newPassword = () => `${randomBytes(9).toString('base64url')}-7a`;

export async function actorOfAccount(deps: Deps, accountId: string): Promise<Actor> {
  return actorOfAccountIn(deps.db, accountId);
}

/** The admin the first start created: the demo's accounts are made by them. */
async function adminActor(deps: Deps): Promise<Actor> {
  const id = await firstAdminId(deps.db);
  if (!id) throw new Error('the demo needs the initial admin account');
  return actorOfAccount(deps, id);
}

export async function buildCast(deps: Deps): Promise<Cast> {
  // The demo seed wrote the sectors (an allowed exception in modules/module-tables.ts).
  const sectorNames = new Map(
    (await deps.db.query<{ id: string; name: string }>('select id, name from sectors')).map((r) => [
      r.id,
      r.name,
    ]),
  );
  const regions = [demoCity, ...demoCounties];
  const rows = await deps.db.query<{ id: string; path: string; region_code: string }>(
    'select id, path, region_code from committees where region_code = any($1::text[])',
    [regions],
  );
  const committees = new Map(rows.map((r) => [r.region_code.trim(), { id: r.id, path: r.path }]));
  const admin = await adminActor(deps);
  const accounts: DemoAccount[] = [];
  const account = async (o: {
    username: string;
    displayName: string;
    role: 'staff' | 'member';
    region: string;
    personId?: string;
    shown: boolean;
    label: string;
  }) => {
    const password = newPassword();
    const a = await createAccount(
      deps,
      admin,
      {
        username: o.username,
        displayName: o.displayName,
        role: o.role,
        committeeId: committees.get(o.region)!.id,
        personId: o.personId ?? null,
        requireTotp: false,
        password,
      },
      demoIp,
    );
    accounts.push({ username: a.username, password, role: o.role, shown: o.shown, label: o.label });
    return actorOfAccount(deps, a.id);
  };
  const staff = new Map<string, Actor>();
  for (const region of regions) {
    const shown = region === demoCity || region === shownCounty;
    const name = region === demoCity ? '市政协机关' : '区县政协机关';
    staff.set(
      region,
      await account({
        username:
          region === demoCity ? 'demo_city' : region === shownCounty ? 'demo_county' : `demo_staff_${region}`,
        displayName: `${name}演示账号`,
        role: 'staff',
        region,
        shown,
        label: region === demoCity ? 'city staff (衡水市)' : 'county staff (桃城区)',
      }),
    );
  }

  // Members of each committee who sit on no other committee, in a fixed order.
  const seated = new Map<string, { personId: string; name: string; sector: string | null }[]>();
  for (const region of regions) {
    const c = committees.get(region)!;
    seated.set(
      region,
      (await soleSeatMembers(deps.db, c.id)).map((m) => ({
        personId: m.personId,
        name: m.name,
        sector: m.sectorId ? (sectorNames.get(m.sectorId) ?? null) : null,
      })),
    );
  }
  const used = new Set<string>();
  const studios: DemoStudio[] = [];
  let shownMember = false;
  for (const spec of specs) {
    const pool = seated.get(spec.region)!.filter((p) => !used.has(p.personId));
    const ofSector = spec.sector ? pool.filter((p) => p.sector === spec.sector) : [];
    const people = [...ofSector, ...pool.filter((p) => !ofSector.includes(p))].slice(
      0,
      spec.kind === 'online' ? 3 : 4,
    );
    for (const p of people) used.add(p.personId);
    const lead = people[0]!;
    const by = staff.get(spec.region)!;
    const [sector] = spec.sector
      ? await deps.db.query<{ id: string }>(
          'select id from sectors where committee_id is null and name = $1',
          [spec.sector],
        )
      : [];
    const s = await createStudio(
      deps,
      by,
      {
        committeeId: committees.get(spec.region)!.id,
        name: spec.name,
        kind: spec.kind,
        sectorId: sector?.id ?? null,
        address: spec.address,
        lat: spec.lat,
        lng: spec.lng,
        leadPersonId: lead.personId,
        intro: spec.intro,
        services: spec.services,
        openingHours: spec.openingHours,
        hotline: spec.hotline ?? null,
      },
      demoIp,
    );
    for (const p of people.slice(1)) await addStudioMember(deps, by, s.id, p.personId, 'member', demoIp);
    await submitStudio(deps, by, s.id, demoIp);
    // The city reviews its counties' studios; the city's own, which its staff submitted, are
    // reviewed by another account (separation of duties): the province's admin.
    const reviewer = spec.region === demoCity ? admin : staff.get(demoCity)!;
    const approved = await reviewStudio(deps, reviewer, s.id, { decision: 'approve' }, demoIp);
    const start = deps.clock.now();
    const day = start.toISOString().slice(0, 10);
    await addDutyRule(
      deps,
      by,
      s.id,
      {
        freq: spec.openingHours.startsWith('每月') ? 'monthly' : 'weekly',
        day: spec.openingHours.includes('每月') ? 10 : 1 + (studios.length % 5),
        startTime: '09:00',
        endTime: '11:30',
        personIds: [lead.personId, ...(people[1] ? [people[1].personId] : [])],
        validFrom: day,
        validTo: null,
        note: '委员接待日',
      },
      demoIp,
    );
    if (people[2])
      await addDutyRule(
        deps,
        by,
        s.id,
        {
          freq: 'weekly',
          day: 1 + ((studios.length + 2) % 5),
          startTime: '14:30',
          endTime: '17:00',
          personIds: people.slice(2).map((p) => p.personId),
          validFrom: day,
          validTo: null,
          note: null,
        },
        demoIp,
      );
    const slotAt = new Date(start.getTime() + 200 * 86400_000);
    await addDutySlot(
      deps,
      by,
      s.id,
      {
        startsAt: slotAt.toISOString(),
        endsAt: new Date(slotAt.getTime() + 3 * 3600_000).toISOString(),
        personIds: [lead.personId],
        note: '集中接待：进社区走访',
      },
      demoIp,
    );
    const show: boolean = !shownMember && spec.region === shownCounty;
    shownMember ||= show;
    const convenor = await account({
      username: show ? 'demo_member' : `demo_member_${studios.length + 1}`,
      displayName: lead.name,
      role: 'member',
      region: spec.region,
      personId: lead.personId,
      shown: show,
      label: `member ${lead.name} (${spec.name})`,
    });
    studios.push({
      id: s.id,
      region: spec.region,
      name: spec.name,
      kind: spec.kind,
      code: approved.publicCode,
      convenor: { personId: lead.personId, accountId: convenor.accountId },
      members: people.map((p) => p.personId),
    });
  }
  const loose = new Map(
    regions.map((r) => [
      r,
      seated
        .get(r)!
        .filter((p) => !used.has(p.personId))
        .slice(0, 6)
        .map((p) => p.personId),
    ]),
  );
  return { committees, staff, studios, accounts, loose };
}
