-- A concern passed to a handling department (交办承办单位): the department answers it, or asks
-- within 3 working days to return it (return_requested) when it is not theirs. When the
-- committee reviews replies, an answer waits in reply_review (its text in review_reply) until
-- staff approve it for the citizen or send it back.
alter table concerns add column handler_department_id uuid references departments (id);
alter table concerns add column department_assigned_at timestamptz;
alter table concerns add column review_reply text;
alter table concerns drop constraint concerns_status_check;
alter table concerns add constraint concerns_status_check
  check (status in ('submitted', 'accepted', 'info_requested', 'answered', 'reopened', 'closed', 'withdrawn',
                    'return_requested', 'reply_review'));
-- A department's inbox: its concerns by deadline.
create index concerns_department_status_due_idx on concerns (handler_department_id, status, due_at)
  where handler_department_id is not null;
