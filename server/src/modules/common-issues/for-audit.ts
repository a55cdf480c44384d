import { namerOf } from '../audit/names.ts';

// What common issues publish for the audit log: an issue by its title.
export const commonIssueNames = namerOf(
  `select id, coalesce(staff_title, title) as name from common_issues where id = any($1::text[])`,
);
