import type { ConcernDetail } from '../../../../contracts/concerns.ts';

// A step of a concern's history as a sentence an office reads: who did what, from whom to
// whom ("政协枣强县委员会 张三 交办给 政协武邑县委员会 王五 委员"), from the names the server
// sends with each event. Ids never reach the text, and a committee is named only where the
// step moves the concern to another one.

type Event = ConcernDetail['events'][number];
type T = (key: string, options?: Record<string, unknown>) => string;

/** Who took the step: the committee and the staffer, the member, the department, or the citizen. */
export function whoOf(e: Event, t: T): string {
  switch (e.actorKind) {
    case 'citizen':
      return t('concerns.actorValue.citizen');
    case 'system':
      return t('concerns.actorValue.system');
    case 'member':
      return e.actorName ? t('concerns.story.memberName', { name: e.actorName }) : (e.actorLabel ?? '');
    default:
      // Staff and departments: the office (committee or department) and the person in it.
      return [e.actorLabel, e.actorName].filter(Boolean).join(' ') || t('concerns.actorValue.staff');
  }
}

/** Whom a hand-over named: a committee (when it moves), a studio, a member, or a department. */
export function targetOf(e: Event, t: T): string {
  if (e.kind === 'department_assigned') return e.toDepartmentName ?? '';
  const moved = e.toCommitteeName && (e.kind !== 'transferred' || e.toCommitteeId !== e.fromCommitteeId);
  return [
    moved ? e.toCommitteeName : null,
    e.toStudioName,
    e.toPersonName ? t('concerns.story.memberName', { name: e.toPersonName }) : null,
  ]
    .filter(Boolean)
    .join(' ');
}

const handOvers = new Set(['routed', 'transferred', 'escalated', 'assigned', 'department_assigned']);

/** The step in words. */
export function eventSentence(e: Event, t: T): string {
  const who = whoOf(e, t);
  if (handOvers.has(e.kind)) {
    const to = targetOf(e, t);
    // A transfer naming nobody hands the concern back to the committee's staff.
    if (e.kind === 'transferred' && !to) return t('concerns.story.toStaff', { who });
    if (to) return t(`concerns.story.${e.kind}`, { who, to });
  }
  // A reminder or a deadline passed: the title says what; the line says nobody took it.
  if (e.actorKind === 'system') return t('concerns.story.bySystem');
  return t('concerns.story.other', {
    who,
    what: t(`concerns.eventValue.${e.kind}`, { defaultValue: e.kind }),
  });
}
