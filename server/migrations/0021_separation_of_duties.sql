-- Separation of duties (issue 13): whoever submitted a studio for approval may not review it.
-- The submitter is kept on the studio; a committee may waive the rule for a very small office
-- (default on). Studios submitted before this have no submitter recorded: any staff may review.
alter table committees add column separate_duties boolean not null default true;
alter table studios add column submitted_by uuid references accounts (id);
