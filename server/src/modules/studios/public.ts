import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { localDate } from '../../lib/local-date.ts';
import { activeMemberByCode, cardSeat, ensurePersonCode } from '../members/for-studios.ts';
import { addDays } from './duty.ts';
import { studioByCode, studioMembers } from './queries.ts';
import { occurrencesOf } from './service.ts';

// What a citizen sees after scanning: approved studios and members' public cards only,
// never a phone number or anything a member did not put on their card.

export { ensurePersonCode } from '../members/for-studios.ts';

const upcoming = <T extends { startsAt: string; endsAt: string }>(occ: T[], now: Date, n: number) =>
  occ.filter((o) => new Date(o.endsAt) > now).slice(0, n);

export async function publicStudio(deps: Deps, code: string) {
  const s = await studioByCode(deps.db, code);
  if (!s || s.status !== 'approved') throw new AppError('studios.not_found');
  const members = await studioMembers(deps.db, s.id);
  for (const m of members) if (!m.public_code) m.public_code = await ensurePersonCode(deps.db, m.person_id);
  const now = deps.clock.now();
  const today = localDate(now);
  const { occurrences } = await occurrencesOf(deps, [s.id], today, addDays(today, 92));
  const strip = ({ studioId: _s, ...o }: (typeof occurrences)[number]) => o;
  return {
    code: s.public_code,
    name: s.name,
    kind: s.kind,
    committeeName: s.committee_name,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    intro: s.intro,
    services: s.services,
    openingHours: s.opening_hours,
    hotline: s.hotline,
    members: members.map((m) => ({
      code: m.public_code,
      name: m.name,
      sectorName: m.sector_name,
      role: m.role,
    })),
    onDutyToday: occurrences.filter((o) => localDate(new Date(o.startsAt)) === today).map(strip),
    nextDuty: upcoming(
      occurrences.filter((o) => localDate(new Date(o.startsAt)) > today),
      now,
      5,
    ).map(strip),
  };
}

export async function publicMember(deps: Deps, code: string) {
  const p = await activeMemberByCode(deps.db, code);
  if (!p) throw new AppError('members.not_found');
  const seat = await cardSeat(deps.db, p.id);
  const studios = await deps.db.query<{ id: string; name: string; public_code: string }>(
    `select st.id, st.name, st.public_code from studio_members sm join studios st on st.id = sm.studio_id
      where sm.person_id = $1 and st.status = 'approved' order by st.name`,
    [p.id],
  );
  const today = localDate(deps.clock.now());
  const { occurrences } = await occurrencesOf(
    deps,
    studios.map((s) => s.id),
    today,
    addDays(today, 92),
  );
  const mine = occurrences.filter((o) => o.people.some((x) => x.personId === p.id));
  return {
    personId: p.id,
    card: {
      code: p.public_code,
      name: p.name,
      sectorName: seat!.sector_name,
      committeeName: seat!.committee_name,
      workUnitPost: seat!.work_unit_post,
      studios: studios.map((s) => ({ code: s.public_code, name: s.name })),
      nextDuty: upcoming(mine, deps.clock.now(), 5).map(({ people: _p, studioId, ...o }) => ({
        ...o,
        studioName: studios.find((s) => s.id === studioId)!.name,
      })),
    },
  };
}
