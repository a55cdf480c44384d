-- Per committee: whether members' and departments' replies go to staff review before the
-- citizen sees them (答复审核, off by default); beside separate_duties (0021), on the committee.
alter table committees add column reply_review boolean not null default false;
