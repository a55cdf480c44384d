import { namerOf } from '../audit/names.ts';

// What members publishes for the audit log: a seat is named by its member's name.
export const membershipNames = namerOf(
  `select m.id, p.name from memberships m join persons p on p.id = m.person_id where m.id = any($1::uuid[])`,
);
