import { namerOf } from '../audit/names.ts';

// What auth publishes for the audit log: an account is named by its display name and login.
export const accountNames = namerOf(
  `select id, display_name || '（' || username || '）' as name from accounts where id = any($1::uuid[])`,
);
