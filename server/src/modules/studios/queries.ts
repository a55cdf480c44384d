import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { joinPerson, topSeatNameSql } from '../members/for-studios.ts';
import { joinSector } from '../org/for-others.ts';
import type { Rule, Slot } from './duty.ts';

export type StudioRow = {
  id: string;
  committee_id: string;
  committee_name: string;
  committee_path: string;
  name: string;
  kind: 'regional' | 'sector' | 'themed' | 'industry_chain' | 'online';
  sector_id: string | null;
  sector_name: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  lead_person_id: string | null;
  lead_name: string | null;
  intro: string | null;
  services: string | null;
  opening_hours: string | null;
  hotline: string | null;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
  review_reason: string | null;
  submitted_at: Date | null;
  submitted_by: string | null;
  reviewed_at: Date | null;
  /** The studio's committee's setting (committees is the shared scope tree). */
  separate_duties: boolean;
  public_code: string;
  member_count: number;
};

const select = `select st.*, c.name as committee_name, c.path as committee_path, c.separate_duties, s.name as sector_name, p.name as lead_name,
    (select count(*) from studio_members sm where sm.studio_id = st.id)::int as member_count
  from studios st join committees c on c.id = st.committee_id
  ${joinSector('s', 'st.sector_id')} ${joinPerson('p', 'st.lead_person_id')}`;

export async function studiosInScope(
  q: Queryable,
  scope: Scope,
  f: { committeeId?: string; status?: string; id?: string },
) {
  const params: unknown[] = [];
  const where = [inScope('c.path', scope, params)];
  if (f.committeeId) where.push(`st.committee_id = $${params.push(f.committeeId)}`);
  if (f.status) where.push(`st.status = $${params.push(f.status)}`);
  if (f.id) where.push(`st.id = $${params.push(f.id)}`);
  return q.query<StudioRow>(`${select} where ${where.join(' and ')} order by c.path, st.name`, params);
}

export async function studioByCode(q: Queryable, code: string) {
  return (await q.query<StudioRow>(`${select} where st.public_code = $1`, [code]))[0];
}

export type StudioMemberRow = {
  person_id: string;
  name: string;
  role: 'convenor' | 'member';
  public_code: string | null;
  sector_name: string | null;
  committee_name: string | null;
};

// A studio member's sector and committee: their highest-level active seat.
export async function studioMembers(q: Queryable, studioId: string) {
  return q.query<StudioMemberRow>(
    `select sm.person_id, p.name, sm.role, p.public_code,
       ${topSeatNameSql('p.id', 'sector')} as sector_name,
       ${topSeatNameSql('p.id', 'committee')} as committee_name
     from studio_members sm ${joinPerson('p', 'sm.person_id', 'join')}
     where sm.studio_id = $1 order by sm.role, p.name_pinyin`,
    [studioId],
  );
}

export async function standardChecks(q: Queryable, studioId: string, committeeId: string) {
  return q.query<{ standard_id: string; name: string; met: boolean | null; note: string | null }>(
    `select ss.id as standard_id, ss.name, ck.met, ck.note from studio_standards ss
       left join studio_standard_checks ck on ck.standard_id = ss.id and ck.studio_id = $1
      where ss.committee_id = $2 order by ss.sort_order, ss.name`,
    [studioId, committeeId],
  );
}

type RuleDb = {
  id: string;
  freq: 'monthly' | 'weekly';
  day: number;
  start_time: string;
  end_time: string;
  person_ids: string[];
  valid_from: string;
  valid_to: string | null;
  note: string | null;
};
type SlotDb = { id: string; starts_at: Date; ends_at: Date; person_ids: string[]; note: string | null };

export async function dutyOf(
  q: Queryable,
  studioIds: string[],
): Promise<{ rules: (Rule & { studioId: string })[]; slots: (Slot & { studioId: string })[] }> {
  const rules = await q.query<RuleDb & { studio_id: string }>(
    'select * from duty_rules where studio_id = any($1::uuid[]) order by created_at',
    [studioIds],
  );
  const slots = await q.query<SlotDb & { studio_id: string }>(
    'select * from duty_slots where studio_id = any($1::uuid[]) order by starts_at',
    [studioIds],
  );
  return {
    rules: rules.map((r) => ({
      id: r.id,
      studioId: r.studio_id,
      freq: r.freq,
      day: r.day,
      startTime: r.start_time,
      endTime: r.end_time,
      personIds: r.person_ids,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      note: r.note,
    })),
    slots: slots.map((s) => ({
      id: s.id,
      studioId: s.studio_id,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      personIds: s.person_ids,
      note: s.note,
    })),
  };
}

export { personNames } from '../members/for-studios.ts';
