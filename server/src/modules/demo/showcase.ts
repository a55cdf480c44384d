import type { Deps } from '../../deps.ts';
import { manualClock } from '../../lib/clock.ts';
import { forgetAll } from '../common-issues/engine.ts';
import type { MailTransport } from '../../lib/mail.ts';
import type { SmsGateway } from '../../lib/sms.ts';
import { forgetRoutingInputs } from '../routing/service.ts';
import { prng, seededIds } from './random.ts';
import { buildCast } from './studios.ts';
import type { DemoAccount } from './studios.ts';
import { consultationsYear } from './consultations.ts';
import { departmentsWeek } from './departments.ts';
import { liveYear } from './year.ts';

// The demo beyond the roster: studios of every kind in one city and four of its counties,
// the accounts that run them, and a year of concerns ending at `end` (the first start), with
// the common issues and notices that year leaves behind. Needs the initial admin (who
// creates the accounts) and the seeded roster.

export type ShowcaseOptions = { end: Date; seed?: number };
export type Showcase = {
  studios: number;
  concerns: number;
  consultations: number;
  accounts: DemoAccount[];
  /** Steps the services refused (none expected: a non-empty list is a bug in the demo). */
  failures: string[];
};

export async function buildShowcase(deps: Deps, o: ShowcaseOptions): Promise<Showcase> {
  const seed = o.seed ?? 20261123;
  const clock = manualClock(new Date(o.end.getTime() - 365 * 86400_000));
  // The codes citizens are texted are read here, as a citizen reads them; nothing else the
  // year sends (answers, reminders) reaches any phone or mailbox.
  const codes = new Map<string, string>();
  // In the last month one citizen's number went out of service: the gateway refuses every
  // message to it, the outbox retries it for a day and gives up, and the failed-work page
  // shows a message for staff to look at (and resend once the citizen gives a new number).
  const lastMonth = o.end.getTime() - 30 * 86400_000;
  let outOfService: string | undefined;
  const sms: SmsGateway = {
    async send(to, text) {
      const code = /验证码是 (\d{6})/.exec(text)?.[1];
      if (code) codes.set(to, code);
      else if (!outOfService && clock.now().getTime() > lastMonth) outOfService = to;
      if (!code && to === outOfService) throw new Error('短信网关拒收：号码不存在或已停机（错误码 1002）');
    },
  };
  const mail: MailTransport = { async send() {} };
  const year = {
    ...deps,
    clock,
    ids: seededIds(seed + 1),
    sms,
    mail,
    settings: { ...deps.settings, submissionsAtOnce: 0 },
  };
  // Caches keyed by the database would otherwise carry inputs across builds in one process.
  forgetAll();
  forgetRoutingInputs(deps);
  const cast = await buildCast(year);
  const lived = await liveYear(year, cast, { rand: prng(seed + 2), end: o.end, codes });
  const passed = await departmentsWeek(year, cast, { end: o.end });
  const consulted = await consultationsYear(year, cast, { end: o.end, departments: passed.departments });
  forgetAll();
  forgetRoutingInputs(deps);
  return {
    studios: cast.studios.length,
    concerns: lived.concerns + passed.concerns,
    accounts: cast.accounts,
    consultations: consulted.consultations,
    failures: [...lived.failures, ...passed.failures, ...consulted.failures],
  };
}
