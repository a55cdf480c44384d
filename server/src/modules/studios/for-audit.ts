import { namerOf } from '../audit/names.ts';

// What studios publishes for the audit log: studios and standards by name.
export const studioNames = namerOf(`select id, name from studios where id = any($1::uuid[])`);
export const studioStandardNames = namerOf(
  `select id, name from studio_standards where id = any($1::uuid[])`,
);
