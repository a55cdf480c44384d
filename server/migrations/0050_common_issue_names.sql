-- Staff can name a common issue (issue 11): the engine's title is the first concern cut off.
-- The name staff give is kept beside the engine's (which the engine keeps rewriting as the group
-- changes); what people see is the staff's name when there is one.
alter table common_issues add column staff_title text;
alter table common_issues add column named_by uuid references accounts (id);
alter table common_issues add column named_at timestamptz;
