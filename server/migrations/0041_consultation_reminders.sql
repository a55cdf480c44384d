-- The answer date an overdue notice was sent for: each outcome's department and staff hear
-- of it once per deadline, however often the sweep runs.
alter table consultation_outcomes add column overdue_notified_for date;
create index consultation_outcomes_due_idx on consultation_outcomes (due_on) where status = 'assigned';
