import type { Queryable } from '../../db/db.ts';
import { inScope } from '../../db/scope.ts';
import type { Scope } from '../../db/scope.ts';
import { joinPerson } from '../members/for-consultations.ts';
import { joinDepartment } from '../org/for-others.ts';
import { joinStudio } from '../studios/for-consultations.ts';

// The SQL of consultations: every read of a committee-owned row goes through the caller's
// scope (db/scope.ts); a row outside it is never loaded, so it is "not found".

export type PlanRow = {
  id: string;
  committee_id: string;
  committee_name: string;
  year: number;
  title: string;
  status: 'draft' | 'approved' | 'published';
  public_code: string;
  approved_by_name: string | null;
  approved_on: Date | string | null;
  document_ref: string | null;
  published_at: Date | null;
  topic_count: number;
  unanswered_count: number;
};

const selectPlan = `select pl.*, c.name as committee_name,
    (select count(*) from consultation_topics t where t.plan_id = pl.id)::int as topic_count,
    (select count(*) from consultation_topics t where t.plan_id = pl.id and t.status = 'proposed')::int as unanswered_count
  from consultation_plans pl join committees c on c.id = pl.committee_id`;

export async function plansInScope(q: Queryable, scope: Scope, f: { id?: string; committeeId?: string }) {
  const params: unknown[] = [];
  const where = [inScope('c.path', scope, params)];
  if (f.id) where.push(`pl.id = $${params.push(f.id)}`);
  if (f.committeeId) where.push(`pl.committee_id = $${params.push(f.committeeId)}`);
  return q.query<PlanRow>(`${selectPlan} where ${where.join(' and ')} order by pl.year desc, c.path`, params);
}

export async function planByCode(q: Queryable, code: string) {
  const [row] = await q.query<PlanRow>(`${selectPlan} where pl.public_code = $1`, [code]);
  return row;
}

export type ItemRow = {
  id: string;
  plan_id: string;
  topic_id: string;
  topic_title: string;
  topic_source: 'party_government' | 'committee' | 'member' | 'citizen';
  form: 'special' | 'sector' | 'counterpart' | 'proposal_handling' | 'micro' | 'online';
  lead_special_committee_id: string | null;
  lead_text: string | null;
  sector_ids: string[];
  planned_month: number;
  department_ids: string[];
  position: number;
  consultation_id: string | null;
};

export function planItems(q: Queryable, planId: string) {
  return q.query<ItemRow>(
    `select i.*, t.title as topic_title, t.source as topic_source,
        (select k.id from consultations k where k.plan_item_id = i.id order by k.created_at limit 1) as consultation_id
       from consultation_plan_items i join consultation_topics t on t.id = i.topic_id
      where i.plan_id = $1 order by i.planned_month, i.position`,
    [planId],
  );
}

export async function itemInScope(q: Queryable, scope: Scope, itemId: string) {
  const params: unknown[] = [itemId];
  const [row] = await q.query<ItemRow & { committee_id: string }>(
    `select i.*, t.title as topic_title, t.source as topic_source, pl.committee_id, null as consultation_id
       from consultation_plan_items i join consultation_topics t on t.id = i.topic_id
       join consultation_plans pl on pl.id = i.plan_id join committees c on c.id = pl.committee_id
      where i.id = $1 and ${inScope('c.path', scope, params)}`,
    params,
  );
  return row;
}

export type TopicRow = {
  id: string;
  committee_id: string;
  plan_id: string;
  plan_status: 'draft' | 'approved' | 'published';
  title: string;
  background: string | null;
  source: 'party_government' | 'committee' | 'member' | 'citizen';
  set_by: string | null;
  proposer_person_id: string | null;
  proposer_name: string | null;
  reasons: string | null;
  citizen_phone_hash: string | null;
  citizen_name: string | null;
  tracking_code: string | null;
  status: 'proposed' | 'chosen' | 'not_chosen';
  answer: string | null;
  answered_at: Date | null;
  created_at: Date;
};

const selectTopic = `select t.id, t.committee_id, t.plan_id, pl.status as plan_status, t.title, t.background, t.source,
    t.set_by, t.proposer_person_id, p.name as proposer_name, t.reasons, t.citizen_phone_hash, t.citizen_name,
    t.tracking_code, t.status, t.answer, t.answered_at, t.created_at
  from consultation_topics t join consultation_plans pl on pl.id = t.plan_id
  join committees c on c.id = t.committee_id ${joinPerson('p', 't.proposer_person_id')}`;

export async function topicsInScope(
  q: Queryable,
  scope: Scope,
  f: { id?: string; planId?: string; status?: string; source?: string },
) {
  const params: unknown[] = [];
  const where = [inScope('c.path', scope, params)];
  if (f.id) where.push(`t.id = $${params.push(f.id)}`);
  if (f.planId) where.push(`t.plan_id = $${params.push(f.planId)}`);
  if (f.status) where.push(`t.status = $${params.push(f.status)}`);
  if (f.source) where.push(`t.source = $${params.push(f.source)}`);
  return q.query<TopicRow>(`${selectTopic} where ${where.join(' and ')} order by t.created_at, t.id`, params);
}

export async function topicByTracking(q: Queryable, code: string) {
  const [row] = await q.query<TopicRow>(`${selectTopic} where t.tracking_code = $1`, [code]);
  return row;
}

export function topicSeconds(q: Queryable, topicIds: string[]) {
  return q.query<{ topic_id: string; person_id: string; name: string; reason: string | null }>(
    `select s.topic_id, s.person_id, p.name, s.reason from consultation_topic_seconds s
       ${joinPerson('p', 's.person_id', 'join')} where s.topic_id = any($1::uuid[]) order by s.created_at`,
    [topicIds],
  );
}

export function topicEvidence(q: Queryable, topicIds: string[]) {
  return q.query<{ topic_id: string; kind: 'common_issue' | 'concern'; ref_id: string; label: string }>(
    `select topic_id, kind, ref_id, label from consultation_topic_evidence where topic_id = any($1::uuid[])
      order by kind, label`,
    [topicIds],
  );
}

export type ConsultationRow = {
  id: string;
  committee_id: string;
  committee_name: string;
  plan_item_id: string | null;
  topic_id: string | null;
  studio_id: string | null;
  studio_name: string | null;
  title: string;
  kind: ItemRow['form'];
  mode: 'on_site' | 'online' | 'both';
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  host_person_id: string | null;
  host_name: string | null;
  status: 'draft' | 'scheduled' | 'closed';
  door_code: string;
  minutes: string | null;
  minutes_status: 'none' | 'draft' | 'amending' | 'locked';
  amend_until: Date | null;
  attendee_count: number | null;
  contribution_count: number | null;
  citizen_count: number | null;
  citizen_names: string | null;
  consensus: string | null;
  follow_up: string | null;
  closed_at: Date | null;
  signed_in_count: number;
  outcome_count: number;
};

const selectConsultation = `select k.*, c.name as committee_name, st.name as studio_name, i.topic_id,
    coalesce(k.host_name, hp.name) as host_name,
    (select count(*) from consultation_participants x where x.consultation_id = k.id and x.signed_in_at is not null)::int
      as signed_in_count,
    (select count(*) from consultation_outcomes o where o.consultation_id = k.id)::int as outcome_count
  from consultations k join committees c on c.id = k.committee_id
  left join consultation_plan_items i on i.id = k.plan_item_id
  ${joinStudio('st', 'k.studio_id')} ${joinPerson('hp', 'k.host_person_id')}`;

export async function consultationsInScope(
  q: Queryable,
  scope: Scope,
  f: { id?: string; committeeId?: string; kind?: string; status?: string; doorCode?: string },
  lock = false,
  /** A member also reaches the consultations they are invited to (a city's, for a county member). */
  participant: string | null = null,
) {
  const params: unknown[] = [];
  const within = inScope('c.path', scope, params);
  const where = [
    participant
      ? `(${within} or exists (select 1 from consultation_participants px
            where px.consultation_id = k.id and px.person_id = $${params.push(participant)}))`
      : within,
  ];
  if (f.id) where.push(`k.id = $${params.push(f.id)}`);
  if (f.committeeId) where.push(`k.committee_id = $${params.push(f.committeeId)}`);
  if (f.kind) where.push(`k.kind = $${params.push(f.kind)}`);
  if (f.status) where.push(`k.status = $${params.push(f.status)}`);
  if (f.doorCode) where.push(`k.door_code = $${params.push(f.doorCode)}`);
  // Locked when a write depends on the state read (the sign-in, closing): two at once queue.
  const rows = await q.query<ConsultationRow>(
    `${selectConsultation} where ${where.join(' and ')} order by k.starts_at desc, k.id${lock ? ' for update of k' : ''}`,
    params,
  );
  return rows;
}

export function agendaOf(q: Queryable, id: string) {
  return q.query<{ title: string; duration_minutes: number; speaker: string | null }>(
    'select title, duration_minutes, speaker from consultation_agenda_items where consultation_id = $1 order by position',
    [id],
  );
}

export type ParticipantRow = {
  id: string;
  consultation_id: string;
  role: 'member' | 'expert' | 'department_leader' | 'citizen_rep';
  person_id: string | null;
  department_id: string | null;
  name: string;
  via_studio_name: string | null;
  reply: 'pending' | 'accepted' | 'declined';
  decline_reason: string | null;
  replied_at: Date | null;
  signed_in_at: Date | null;
  sign_in_method: 'door_code' | 'staff' | null;
};

export function participantsOf(q: Queryable, id: string) {
  return q.query<ParticipantRow>(
    `select x.*, st.name as via_studio_name from consultation_participants x ${joinStudio('st', 'x.via_studio_id')}
      where x.consultation_id = $1 order by x.invited_at, x.name`,
    [id],
  );
}

export function amendmentsOf(q: Queryable, id: string) {
  return q.query<{
    field: string;
    before_value: string | null;
    after_value: string | null;
    reason: string;
    at: Date;
  }>(
    'select field, before_value, after_value, reason, at from consultation_amendments where consultation_id = $1 order by at',
    [id],
  );
}

export type OutcomeRow = {
  id: string;
  consultation_id: string;
  consultation_title: string;
  committee_id: string;
  position: number;
  text: string;
  department_id: string;
  department_name: string;
  due_on: Date | string;
  status: 'assigned' | 'answered' | 'in_progress' | 'done' | 'not_done';
  answer_result: 'adopted' | 'partly' | 'not_adopted' | null;
  answer_text: string | null;
  answer_plan: string | null;
  answer_by_date: Date | string | null;
  answered_at: Date | null;
  progress: number;
};

const selectOutcome = `select o.*, k.title as consultation_title, d.name as department_name
  from consultation_outcomes o join consultations k on k.id = o.consultation_id
  join committees c on c.id = o.committee_id ${joinDepartment('d', 'o.department_id')}`;

/** Outcomes in scope; a department's account reaches only those addressed to it. */
export async function outcomesInScope(
  q: Queryable,
  scope: Scope,
  f: { id?: string; consultationId?: string; status?: string; departmentId?: string | null },
  lock = false,
) {
  const params: unknown[] = [];
  const where = [inScope('c.path', scope, params)];
  if (f.id) where.push(`o.id = $${params.push(f.id)}`);
  if (f.consultationId) where.push(`o.consultation_id = $${params.push(f.consultationId)}`);
  if (f.status) where.push(`o.status = $${params.push(f.status)}`);
  if (f.departmentId) where.push(`o.department_id = $${params.push(f.departmentId)}`);
  return q.query<OutcomeRow>(
    `${selectOutcome} where ${where.join(' and ')} order by o.due_on, o.consultation_id, o.position${lock ? ' for update of o' : ''}`,
    params,
  );
}

export function outcomeHistory(q: Queryable, ids: string[]) {
  return q.query<{ outcome_id: string; status: string; progress: number; note: string; at: Date }>(
    `select outcome_id, status, progress, note, at from consultation_outcome_progress
      where outcome_id = any($1::uuid[]) order by at`,
    [ids],
  );
}

export function endorsementsOf(q: Queryable, ids: string[]) {
  return q.query<{
    outcome_id: string;
    level: string;
    leader_name: string;
    endorsed_on: Date | string;
    text: string;
  }>(
    `select outcome_id, level, leader_name, endorsed_on, text from consultation_endorsements
      where outcome_id = any($1::uuid[]) order by endorsed_on, at`,
    [ids],
  );
}
