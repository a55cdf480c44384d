-- Consultations (协商): the loop 党政点题 — 群众出题 — 委员荐题 — 协商解题 — 政府答题.
-- Topics (议题) are collected for a committee's annual plan (年度协商计划); a consultation
-- is held on a planned topic (or on its own, a studio's micro-consultation); its outcomes
-- (协商成果) go to handling departments, which answer them and report progress.

-- The annual plan, also the year's call for topics: its public code is the QR code a citizen
-- scans to propose a topic for that year (群众出题).
create table consultation_plans (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  year int not null check (year between 2000 and 2100),
  title text not null,
  status text not null default 'draft' check (status in ('draft', 'approved', 'published')),
  public_code text not null unique,
  approved_by_name text,                             -- e.g. 主席会议 / 党组会议
  approved_on date,
  document_ref text,                                 -- 文号 of the approving document
  approved_by uuid references accounts (id),         -- the account that recorded the approval
  published_at timestamptz,
  created_by uuid references accounts (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (committee_id, year)
);

create table consultation_topics (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  plan_id uuid not null references consultation_plans (id),
  title text not null,
  background text,
  source text not null check (source in ('party_government', 'committee', 'member', 'citizen')),
  set_by text,                                       -- 党政点题: who set it (市委、市政府…)
  proposer_person_id uuid references persons (id),   -- 委员荐题: the recommending member
  reasons text,                                      -- 委员荐题 / 群众出题: why
  citizen_phone_enc text,                            -- 群众出题: sealed like a concern's
  citizen_phone_hash text,
  citizen_name text,
  tracking_code text unique,                         -- the citizen follows the answer by it
  submit_key text unique,                            -- a retried H5 post is the same topic
  status text not null default 'proposed' check (status in ('proposed', 'chosen', 'not_chosen')),
  answer text,                                       -- to the proposer: why not chosen
  answered_at timestamptz,
  created_by uuid references accounts (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index consultation_topics_plan_idx on consultation_topics (plan_id, status);

-- Other members seconding a member's topic (附议).
create table consultation_topic_seconds (
  topic_id uuid not null references consultation_topics (id),
  person_id uuid not null references persons (id),
  reason text,
  created_at timestamptz not null,
  primary key (topic_id, person_id)
);

-- The evidence a topic was raised from: common issues or concerns, kept by id with the
-- label read from their owner when linked.
create table consultation_topic_evidence (
  topic_id uuid not null references consultation_topics (id),
  kind text not null check (kind in ('common_issue', 'concern')),
  ref_id uuid not null,
  label text not null,
  primary key (topic_id, kind, ref_id)
);

create table consultation_plan_items (
  id uuid primary key,
  plan_id uuid not null references consultation_plans (id),
  topic_id uuid not null unique references consultation_topics (id),
  form text not null check (form in ('special', 'sector', 'counterpart', 'proposal_handling', 'micro', 'online')),
  lead_special_committee_id uuid references special_committees (id),
  lead_text text,
  sector_ids uuid[] not null default '{}',
  planned_month int not null check (planned_month between 1 and 12),
  department_ids uuid[] not null default '{}',
  position int not null
);
create index consultation_plan_items_plan_idx on consultation_plan_items (plan_id, position);

create table consultations (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  plan_item_id uuid references consultation_plan_items (id),
  studio_id uuid references studios (id),            -- a studio's micro-consultation
  title text not null,
  kind text not null check (kind in ('special', 'sector', 'counterpart', 'proposal_handling', 'micro', 'online')),
  mode text not null check (mode in ('on_site', 'online', 'both')),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  place text,
  host_person_id uuid references persons (id),
  host_name text,
  status text not null default 'draft' check (status in ('draft', 'scheduled', 'closed')),
  door_code text not null unique,                    -- in the QR code at the door (sign-in)
  minutes text,
  minutes_status text not null default 'none' check (minutes_status in ('none', 'draft', 'amending', 'locked')),
  amend_until timestamptz,
  attendee_count int check (attendee_count >= 0),
  contribution_count int check (contribution_count >= 0),
  -- a micro-consultation's record (one short form)
  citizen_count int check (citizen_count >= 0),
  citizen_names text,
  consensus text,
  follow_up text,
  closed_at timestamptz,
  closed_by uuid references accounts (id),
  created_by uuid references accounts (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index consultations_committee_idx on consultations (committee_id, starts_at desc);

create table consultation_agenda_items (
  id uuid primary key,
  consultation_id uuid not null references consultations (id),
  position int not null,
  title text not null,
  duration_minutes int not null check (duration_minutes between 1 and 600),
  speaker text
);
create index consultation_agenda_idx on consultation_agenda_items (consultation_id, position);

create table consultation_participants (
  id uuid primary key,
  consultation_id uuid not null references consultations (id),
  role text not null check (role in ('member', 'expert', 'department_leader', 'citizen_rep')),
  person_id uuid references persons (id),
  department_id uuid references departments (id),
  name text not null,
  via_studio_id uuid references studios (id),        -- invited with their studio
  reply text not null default 'pending' check (reply in ('pending', 'accepted', 'declined')),
  decline_reason text,
  replied_at timestamptz,
  signed_in_at timestamptz,
  signed_in_by uuid references accounts (id),
  sign_in_method text check (sign_in_method in ('door_code', 'staff')),
  invited_at timestamptz not null
);
create unique index consultation_participants_person_idx
  on consultation_participants (consultation_id, person_id) where person_id is not null;
create index consultation_participants_idx on consultation_participants (consultation_id);

-- A change to a closed consultation's record: only this way, and kept.
create table consultation_amendments (
  id uuid primary key,
  consultation_id uuid not null references consultations (id),
  field text not null,
  before_value text,
  after_value text,
  reason text not null,
  by_account uuid not null references accounts (id),
  at timestamptz not null
);
create index consultation_amendments_idx on consultation_amendments (consultation_id, at);

create table consultation_outcomes (
  id uuid primary key,
  consultation_id uuid not null references consultations (id),
  committee_id uuid not null references committees (id),
  position int not null,
  text text not null,
  department_id uuid not null references departments (id),
  due_on date not null,
  status text not null default 'assigned'
    check (status in ('assigned', 'answered', 'in_progress', 'done', 'not_done')),
  answer_result text check (answer_result in ('adopted', 'partly', 'not_adopted')),
  answer_text text,
  answer_plan text,                                  -- what will be done
  answer_by_date date,                               -- and by when
  answered_at timestamptz,
  answered_by uuid references accounts (id),
  progress int not null default 0 check (progress between 0 and 100),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index consultation_outcomes_dept_idx on consultation_outcomes (department_id, status, due_on);
create index consultation_outcomes_idx on consultation_outcomes (consultation_id, position);

create table consultation_outcome_progress (
  id uuid primary key,
  outcome_id uuid not null references consultation_outcomes (id),
  status text not null,
  progress int not null,
  note text not null,
  by_account uuid not null references accounts (id),
  at timestamptz not null
);
create index consultation_outcome_progress_idx on consultation_outcome_progress (outcome_id, at);

create table consultation_endorsements (
  id uuid primary key,
  outcome_id uuid not null references consultation_outcomes (id),
  level text not null,                               -- e.g. 市委书记 / 市长 / 分管副市长
  leader_name text not null,
  endorsed_on date not null,
  text text not null,
  recorded_by uuid not null references accounts (id),
  at timestamptz not null
);
create index consultation_endorsements_idx on consultation_endorsements (outcome_id);
