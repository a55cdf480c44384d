-- Per committee: whether members' and departments' replies go to staff review before the
-- citizen sees them (off by default: no row means off).
create table committee_settings (
  committee_id uuid primary key references committees (id),
  reply_review boolean not null default false,
  updated_at timestamptz not null
);
