import type { Role } from '../../../../contracts/auth.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';

// Who may do what, by role. Scope (which committees) is checked by the services with
// db/scope.ts; this table answers only "may this role do this at all".
export const permissions = {
  'org.read': ['admin', 'staff', 'member'],
  'org.write': ['admin', 'staff'],
  /** A committee's settings (separation of duties): its admin's decision. */
  'org.settings': ['admin'],
  'members.read': ['admin', 'staff'],
  'members.write': ['admin', 'staff'],
  'members.export': ['admin', 'staff'],
  /** Phone numbers in full in a roster export, with a reason (docs/security.md). */
  'members.exportUnmasked': ['admin'],
  'studios.read': ['admin', 'staff', 'member'],
  'studios.write': ['admin', 'staff'],
  'studios.review': ['admin', 'staff'],
  'concerns.handle': ['admin', 'staff', 'member', 'department'],
  'concerns.inbox': ['member', 'department'],
  'concerns.reception': ['admin', 'staff', 'member'],
  'concerns.manage': ['admin', 'staff'],
  'accounts.manage': ['admin'],
  'audit.read': ['admin'],
  'jobs.manage': ['admin'],
  /** SMS/email the outbox gave up on and transports that are down: seen and resent by staff too. */
  'jobs.messages': ['admin', 'staff'],
  'commonIssues.read': ['admin', 'staff'],
  'commonIssues.manage': ['admin', 'staff'],
  'consultations.read': ['admin', 'staff', 'member'],
  /** Topics: staff enter them from any source, members recommend (委员荐题). */
  'consultations.propose': ['admin', 'staff', 'member'],
  'consultations.manage': ['admin', 'staff'],
  /** A studio's micro-consultation: staff, or the studio's convenor (checked by the service). */
  'consultations.micro': ['admin', 'staff', 'member'],
  /** Outcomes: staff follow them, departments answer those addressed to them. */
  'consultations.outcomes': ['admin', 'staff', 'department'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissions;

export function can(actor: Pick<Actor, 'role'>, p: Permission): boolean {
  return (permissions[p] as readonly Role[]).includes(actor.role);
}

export function assertCan(actor: Pick<Actor, 'role'>, p: Permission): void {
  if (!can(actor, p)) throw new AppError('auth.forbidden');
}

/** Roles an actor may hand out: an admin any; nobody else any. */
export function canGrant(actor: Pick<Actor, 'role'>, role: Role): boolean {
  return actor.role === 'admin' && ['admin', 'staff', 'member', 'department'].includes(role);
}
