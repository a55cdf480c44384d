import { namerOf } from '../audit/names.ts';

// What concerns publishes for the audit log: a concern is named by its tracking code (查询码),
// the one name it has that carries no citizen's personal data.
export const concernNames = namerOf(
  `select id, tracking_code as name from concerns where id = any($1::uuid[])`,
);

/** A reply template by its title. */
export const replyTemplateNames = namerOf(
  `select id, title as name from reply_templates where id = any($1::uuid[])`,
);
