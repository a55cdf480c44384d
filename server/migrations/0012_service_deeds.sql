-- A concern staff mark as a service deed (帮办实事): something members actually got done for
-- people, counted in reports and, later, in members' duty records. The result says what.
alter table concerns add column service_deed boolean not null default false;
alter table concerns add column service_deed_result text;
alter table concerns add column service_deed_at timestamptz;
create index concerns_service_deed_idx on concerns (committee_id) where service_deed;
