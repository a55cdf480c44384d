import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { localDate } from '../../lib/local-date.ts';
import { dutyCalendar } from './ical.ts';
import { describeRule, dutySpan, posterPdf } from './poster.ts';
import { dutyOf, personNames, studioByCode } from './queries.ts';
import type { StudioRow } from './queries.ts';
import { memberUrl, requireStudio, studioUrl } from './service.ts';
import { studioKindLabels } from '../../../../contracts/studios.ts';

// Printable and calendar files of studios (posters, .ics) and a member's duty calendar across
// their studios; a member's QR code and poster are built by members/card.ts.

export async function studioPoster(deps: Deps, s: StudioRow) {
  const { rules, slots } = await dutyOf(deps.db, [s.id]);
  const today = localDate(deps.clock.now());
  const upcoming = slots.filter((x) => localDate(new Date(x.startsAt)) >= today).slice(0, 3);
  const names = await personNames(deps.db, [...new Set([...rules, ...upcoming].flatMap((x) => x.personIds))]);
  const who = (ids: string[]) => {
    const n = ids.map((i) => names.get(i)).filter(Boolean);
    return n.length ? `\u3000${n.join('、')}` : '';
  };
  // Who is on duty when: the recurring reception days first, then the next one-off slots.
  const duty = [
    ...rules.map((r) => `${describeRule(r)}${who(r.personIds)}`),
    ...upcoming.map((x) => `${dutySpan(x.startsAt, x.endsAt)}${who(x.personIds)}`),
  ];
  const text = (heading: string, v: string | null) => (v ? [{ heading, lines: [v] }] : []);
  return posterPdf({
    title: s.name,
    subtitle: `${s.committee_name} · ${studioKindLabels[s.kind]}`,
    url: studioUrl(deps, s.public_code),
    call: '扫码找委员 · 码上反映',
    howTo: ['微信扫一扫左边的二维码', '写下问题并提交，凭查询码查看办理进度'],
    hotline: s.hotline,
    sections: [
      { heading: '委员值班', lines: duty.length ? duty : ['值班安排见扫码后的工作室页面'] },
      ...text('地址', s.address),
      ...text('开放时间', s.opening_hours),
      ...text('可以帮您', s.services),
    ],
  });
}

export async function studioCalendar(deps: Deps, s: StudioRow) {
  const { rules, slots } = await dutyOf(deps.db, [s.id]);
  const names = await personNames(deps.db, [...new Set([...rules, ...slots].flatMap((x) => x.personIds))]);
  return dutyCalendar({
    name: `${s.name} 值班表`,
    url: studioUrl(deps, s.public_code),
    now: deps.clock.now(),
    rules,
    slots,
    studio: () => ({ name: s.name, address: s.address }),
    people: (ids) =>
      ids
        .map((i) => names.get(i) ?? '')
        .filter(Boolean)
        .join('、'),
  });
}

/** A member's own duty calendar across all their approved studios. */
export async function memberCalendar(deps: Deps, personId: string, code: string, name: string) {
  const studios = await deps.db.query<{ id: string; name: string; address: string | null }>(
    `select st.id, st.name, st.address from studio_members sm join studios st on st.id = sm.studio_id
      where sm.person_id = $1 and st.status = 'approved'`,
    [personId],
  );
  const { rules, slots } = await dutyOf(
    deps.db,
    studios.map((s) => s.id),
  );
  const mine = <T extends { personIds: string[] }>(xs: T[]) =>
    xs.filter((x) => x.personIds.includes(personId));
  const names = await personNames(deps.db, [...new Set([...rules, ...slots].flatMap((x) => x.personIds))]);
  return dutyCalendar({
    name: `${name} 委员值班`,
    url: memberUrl(deps, code),
    now: deps.clock.now(),
    rules: mine(rules),
    slots: mine(slots),
    studio: (id) => studios.find((s) => s.id === id)!,
    people: (ids) =>
      ids
        .map((i) => names.get(i) ?? '')
        .filter(Boolean)
        .join('、'),
  });
}

// Each file comes with the studio's name: a download is named after what it holds
// (枣强县肖张镇委员工作室-海报.pdf), so a folder of them stays readable.
export async function studioPosterFor(deps: Deps, actor: Actor, id: string) {
  assertCan(actor, 'studios.read');
  const s = await requireStudio(deps, actor, id);
  return { name: s.name, body: await studioPoster(deps, s) };
}

export async function studioCalendarFor(deps: Deps, actor: Actor, id: string) {
  assertCan(actor, 'studios.read');
  const s = await requireStudio(deps, actor, id);
  return { name: s.name, body: await studioCalendar(deps, s) };
}

export async function publicStudioCalendar(deps: Deps, code: string) {
  const s = await studioByCode(deps.db, code);
  if (!s || s.status !== 'approved') throw new AppError('studios.not_found');
  return { name: s.name, body: await studioCalendar(deps, s) };
}
