import { namerOf } from '../audit/names.ts';

// What consultations publishes for the audit log: consultations, topics, plans and outcomes by name.
export const consultationNames = namerOf(
  `select id, title as name from consultations where id = any($1::uuid[])`,
);
export const topicNames = namerOf(
  `select id, title as name from consultation_topics where id = any($1::uuid[])`,
);
export const planNames = namerOf(
  `select id, title as name from consultation_plans where id = any($1::uuid[])`,
);
export const outcomeNames = namerOf(
  `select id, left(text, 40) as name from consultation_outcomes where id = any($1::uuid[])`,
);
