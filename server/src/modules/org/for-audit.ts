import { namerOf } from '../audit/names.ts';

// What org publishes for the audit log: committees and their departments, sectors and
// special committees, by name.
export const committeeNames = namerOf(`select id, name from committees where id = any($1::uuid[])`);
export const departmentNames = namerOf(`select id, name from departments where id = any($1::uuid[])`);
export const sectorNames = namerOf(`select id, name from sectors where id = any($1::uuid[])`);
export const specialCommitteeNames = namerOf(
  `select id, name from special_committees where id = any($1::uuid[])`,
);
