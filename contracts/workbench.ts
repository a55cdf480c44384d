import { z } from 'zod';
import { id, isoDate, isoDateTime } from './common.ts';
import { levels } from './org.ts';

// The workbench (工作台): what waits for the caller today, per role. Every counter carries the
// list it counts (console path and query), and the list given that query shows the same total.

export const staffCounterKeys = [
  'studiosPending',
  'concernsNew',
  'concernsUnassigned',
  'concernsDueSoon',
  'concernsOverdue',
  'concernsFollowed',
  'commonIssuesGrown',
  'failedWork',
] as const;
export const memberCounterKeys = ['inboxNew', 'inboxInProgress', 'inboxOverdue'] as const;
export type StaffCounterKey = (typeof staffCounterKeys)[number];
export type MemberCounterKey = (typeof memberCounterKeys)[number];

/** Where a number leads: a console page and its query (absent when the console has no such list). */
export const counterLink = z.object({
  path: z.enum(['/studios', '/concerns', '/common-issues', '/inbox', '/failed-work']),
  query: z.record(z.string(), z.string()),
});
export type CounterLink = z.infer<typeof counterLink>;

const staffCounter = z.object({
  key: z.enum(staffCounterKeys),
  count: z.number().int(),
  link: counterLink.nullable(),
});
const memberCounter = z.object({
  key: z.enum(memberCounterKeys),
  count: z.number().int(),
  link: counterLink,
});

export const workbenchQuery = z.strictObject({
  /** A committee of the caller's subtree to look at (drill-down); the caller's own by default. */
  committeeId: id.optional(),
});

const dutyOccurrence = z.object({
  studioId: id,
  studioName: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  note: z.string().nullable(),
});

export const workbench = z.object({
  committee: z.object({ id, name: z.string(), level: z.enum(levels), parentId: id.nullable() }),
  /** Today in China time: what "today" and "due soon" count from. */
  today: isoDate,
  at: isoDateTime,
  /** Staff and admins: their committee's counters, and the same per committee one level below. */
  staff: z
    .object({
      counters: z.array(staffCounter),
      children: z.array(
        z.object({
          committeeId: id,
          name: z.string(),
          level: z.enum(levels),
          /** Whether it has committees below it (its own workbench then drills further). */
          hasChildren: z.boolean(),
          counters: z.array(staffCounter),
        }),
      ),
    })
    .nullable(),
  /** Members: their inbox by state, their studios' new concerns, their duty today and next. */
  member: z
    .object({
      counters: z.array(memberCounter),
      studios: z.array(
        z.object({ studioId: id, name: z.string(), waiting: z.number().int(), link: counterLink }),
      ),
      dutyToday: z.array(dutyOccurrence),
      dutyNext: dutyOccurrence.nullable(),
    })
    .nullable(),
  // A handling department's section (承办单位: what is assigned to it, by deadline) goes here
  // with the department role, as `department`.
});
export type Workbench = z.infer<typeof workbench>;
