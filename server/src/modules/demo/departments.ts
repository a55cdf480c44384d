import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { createAccount } from '../auth/accounts.ts';
import { firstAdminId } from '../auth/for-demo.ts';
import { concernIdOfTracking } from '../concerns/for-demo.ts';
import { acceptConcern, askReturn, replyConcern, toDepartment } from '../concerns/handling.ts';
import { submitConcern } from '../concerns/intake.ts';
import { suggestFor } from '../routing/service.ts';
import { updateCommitteeSettings } from '../org/service.ts';
import { actorOfAccount, demoCity, demoIp } from './studios.ts';
import type { Cast } from './studios.ts';
import type { Actor } from '../../http/actor.ts';

// The last week of the demo's year at the city (衡水市): its staff pass concerns to two
// handling departments (承办单位), each with an account. 住建局 answered one and has a new one
// in its inbox; 交通运输局 asked to return one (not theirs) and answered another after the
// city switched reply review on, so that answer waits for the staff.

const day = 86400_000;
const hour = 3600_000;

const departments = [
  { name: '衡水市住房和城乡建设局', username: 'demo_dept_zjj', label: 'department 衡水市住房和城乡建设局' },
  { name: '衡水市交通运输局', username: 'demo_dept_jtj', label: 'department 衡水市交通运输局' },
] as const;

const concerns = [
  { category: 'livelihood', text: '桃城区幸福小区二号楼电梯停运两周，老人上下楼困难，物业一直说等配件。' },
  { category: 'livelihood', text: '老旧小区改造后雨水管没有接通，下雨时单元门口积水很深。' },
  { category: 'transport', text: '人民路和育才街路口的信号灯时间太短，老人过马路走不完。' },
  { category: 'transport', text: '市区3路公交车晚上八点就停运，下夜班的工人回家很不方便。' },
] as const;

export async function departmentsWeek(
  deps: Deps & { clock: { now(): Date; set(d: Date): void } },
  cast: Cast,
  o: { end: Date },
): Promise<{ concerns: number; failures: string[]; departments: { id: string; actor: Actor }[] }> {
  const failures: string[] = [];
  const city = cast.committees.get(demoCity)!;
  const staff = cast.staff.get(demoCity)!;
  const studio = cast.studios.find((s) => s.region === demoCity)!;
  const adminId = await firstAdminId(deps.db);
  const admin = await actorOfAccount(deps, adminId!);
  // The demo seed wrote the departments (an allowed exception in modules/module-tables.ts).
  const rows = await deps.db.query<{ id: string; name: string }>(
    'select id, name from departments where committee_id = $1 and name = any($2::text[])',
    [city.id, departments.map((d) => d.name)],
  );
  const idOf = (name: string) => rows.find((r) => r.name === name)!.id;
  const dept = [];
  for (const d of departments) {
    const password = `${randomBytes(9).toString('base64url')}-7a`;
    const a = await createAccount(
      deps,
      admin,
      {
        username: d.username,
        displayName: `${d.name}演示账号`,
        role: 'department',
        committeeId: city.id,
        departmentId: idOf(d.name),
        requireTotp: false,
        password,
      },
      demoIp,
    );
    cast.accounts.push({ username: a.username, password, role: 'department', shown: true, label: d.label });
    dept.push({ id: idOf(d.name), actor: await actorOfAccount(deps, a.id) });
  }
  const [zjj, jtj] = dept as [(typeof dept)[number], (typeof dept)[number]];
  const end = o.end.getTime();
  const at = async (t: number, what: string, run: () => Promise<unknown>) => {
    deps.clock.set(new Date(t));
    try {
      await run();
    } catch (err) {
      failures.push(`${new Date(t).toISOString()} ${what}: ${(err as Error).message}`);
    }
  };
  // Concerns come in as through the app: with routing's suggestion (app.ts wires the same).
  const routing = { suggestRouting: suggestFor };
  const ids: string[] = [];
  for (const [i, c] of concerns.entries())
    await at(end - 6 * day + i * hour, 'submit', async () => {
      const r = await submitConcern(deps, routing, { studioCode: studio.code, ...c }, `10.90.0.${i + 1}`);
      ids.push((await concernIdOfTracking(deps.db, r.trackingCode))!);
    });
  const [a, b, c, d] = ids as [string, string, string, string];
  const pass = (id: string, to: string, note: string) => () =>
    toDepartment(deps, staff, id, { departmentId: to, note }, demoIp);

  await at(end - 5 * day, 'pass A', pass(a, zjj.id, '请督促物业尽快修复电梯，答复群众。'));
  await at(end - 5 * day + 2 * hour, 'accept A', () => acceptConcern(deps, zjj.actor, a, demoIp));
  await at(end - 4 * day, 'reply A', () =>
    replyConcern(
      deps,
      zjj.actor,
      a,
      '已约谈物业公司，电梯配件已到货，12月1日前恢复运行；我局将跟踪回访。',
      demoIp,
    ),
  );
  await at(end - 4 * day + hour, 'pass D', pass(d, jtj.id, '请研究延长夜间公交运营时间。'));
  await at(end - 3 * day, 'accept D', () => acceptConcern(deps, jtj.actor, d, demoIp));
  await at(end - 3 * day + hour, 'pass C', pass(c, jtj.id, '请核实路口信号灯配时。'));
  await at(end - 2 * day, 'return C', () =>
    askReturn(deps, jtj.actor, c, '信号灯配时属公安交警部门职责，请改派市公安局。', demoIp),
  );
  await at(end - day, 'review on', () =>
    updateCommitteeSettings(deps, staff, city.id, { replyReview: true }, demoIp),
  );
  await at(end - 20 * hour, 'reply D', () =>
    replyConcern(
      deps,
      jtj.actor,
      d,
      '已将3路公交夜间延时运营纳入明年线网优化方案，先行试点延长至21:30。',
      demoIp,
    ),
  );
  await at(end - 12 * hour, 'pass B', pass(b, zjj.id, '请核实改造工程雨水管接驳情况。'));
  deps.clock.set(o.end);
  return { concerns: concerns.length, failures, departments: dept };
}
