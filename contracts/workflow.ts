import type { Role } from './auth.ts';
import type { ErrorCode } from './messages.ts';

// A workflow: the states a resource moves through and the transitions between them, written
// once here and read by both sides — the server refuses through `assertTransition`, the
// console shows the buttons `allowedTransitions` returns. A module's definition
// (concern-workflow.ts is the first) is a plain object:
//
//   states       every state the resource can be in
//   relations    named predicates between a resource and an actor: "handles it", "wrote it".
//                Committee scope is not one of them: a resource outside the caller's scope is
//                never loaded (not found), so what reaches the workflow is already in scope.
//   transitions  by name, in the order the console lists them:
//     from       the states it may be taken from
//     to         the states it may lead to (several when the input decides, e.g. a rating);
//                absent when the state stays as it is (an extension, a note)
//     by         who may take it: any one grant suffices. A grant names roles and, if needed,
//                a relation that must hold (`as`) and one that must not (`notAs`: separation
//                of duties, "not the person who submitted it")
//     event      the history event kind it writes (none for changes kept only in the audit log)
//     audit      the audit action it writes
//   refusals     the error codes from messages.ts: wrong state, and actor not allowed; and,
//                per relation, the code when that relation is what refuses through `notAs`
//                (e.g. "you submitted it, another account must approve")
//
// A refusal is checked in this order: the actor's role can never take it (so the caller
// learns nothing about a resource it may not act on), then the state, then the relations.

export type WorkflowRole = Role | 'citizen';
/**
 * Who acts: an account (its id and role, and for a handling department's account the
 * department it answers for), or a citizen, who has no account.
 */
export type WorkflowActor = { id: string | null; role: WorkflowRole; departmentId?: string | null };

export type Grant<Rel extends string> = {
  roles: readonly WorkflowRole[];
  as?: Rel;
  notAs?: Rel;
};

export type Transition<S extends string, Rel extends string> = {
  from: readonly S[];
  to?: readonly S[];
  by: readonly Grant<Rel>[];
  event?: string;
  audit: string;
};

export type Workflow<S extends string, Res, Rel extends string, T extends string> = {
  name: string;
  states: readonly S[];
  relations: Record<Rel, (resource: Res, actor: WorkflowActor) => boolean>;
  transitions: Record<T, Transition<S, Rel>>;
  refusals: { state: ErrorCode; actor: ErrorCode; notAs?: Partial<Record<Rel, ErrorCode>> };
};

/** Identity, for inference: the definition keeps its literal state, relation and transition names. */
export function defineWorkflow<S extends string, Res, Rel extends string, T extends string>(
  w: Workflow<S, Res, Rel, T>,
): Workflow<S, Res, Rel, T> {
  return w;
}

type AnyWorkflow<Res> = Workflow<string, Res, string, string>;
type HasState = { status: string };

/** The transition's names, in the order the definition lists them. */
export const transitionNames = <T extends string>(w: { transitions: Record<T, unknown> }): T[] =>
  Object.keys(w.transitions) as T[];

const grants = <Res>(w: AnyWorkflow<Res>, name: string, actor: WorkflowActor) =>
  w.transitions[name]!.by.filter((g) => g.roles.includes(actor.role));

/** May this actor's role take the transition on any resource at all? (Checked before loading one.) */
export function mayAttempt<T extends string>(
  w: Workflow<string, never, string, T>,
  name: T,
  actor: WorkflowActor,
): boolean {
  return grants(w as AnyWorkflow<never>, name, actor).length > 0;
}

/** Why the actor may not take the transition on this resource now, or null when it may. */
export function refusal<Res extends HasState, T extends string>(
  w: Workflow<string, Res, string, T>,
  name: T,
  resource: Res,
  actor: WorkflowActor,
): ErrorCode | null {
  const t = w.transitions[name];
  const mine = grants(w as AnyWorkflow<Res>, name, actor);
  if (!mine.length) return w.refusals.actor;
  if (!t.from.includes(resource.status)) return w.refusals.state;
  const holds = (rel: string | undefined) => rel !== undefined && w.relations[rel]!(resource, actor);
  const ok = mine.some((g) => (g.as === undefined || holds(g.as)) && !holds(g.notAs));
  if (ok) return null;
  // A grant the actor would have but for a relation that must not hold: separation of duties,
  // answered with its own code when the definition names one.
  const separated = mine.find((g) => (g.as === undefined || holds(g.as)) && holds(g.notAs));
  return (separated && w.refusals.notAs?.[separated.notAs!]) || w.refusals.actor;
}

/** The transitions the actor may take on the resource now, in the definition's order. */
export function allowedTransitions<Res extends HasState, T extends string>(
  w: Workflow<string, Res, string, T>,
  resource: Res,
  actor: WorkflowActor,
): T[] {
  return transitionNames(w).filter((name) => refusal(w, name, resource, actor) === null);
}

/** A refused transition, carrying the domain error code it is answered with. */
export class TransitionRefused extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode) {
    super(code);
    this.code = code;
  }
}
/** The error thrown for a refusal: the server passes its own domain error (AppError). */
export type Refuse = new (code: ErrorCode) => Error;

/** Before loading: refuses an actor whose role can never take the transition. */
export function assertMayAttempt<T extends string>(
  w: Workflow<string, never, string, T>,
  name: T,
  actor: WorkflowActor,
  refuse: Refuse = TransitionRefused,
): void {
  if (!mayAttempt(w, name, actor)) throw new refuse(w.refusals.actor);
}

/** Throws the workflow's error code unless the actor may take the transition on the resource now. */
export function assertTransition<Res extends HasState, T extends string>(
  w: Workflow<string, Res, string, T>,
  name: T,
  resource: Res,
  actor: WorkflowActor,
  refuse: Refuse = TransitionRefused,
): void {
  const code = refusal(w, name, resource, actor);
  if (code) throw new refuse(code);
}

/** Throws when the transition may not lead to this state: the definition's `to` is kept true. */
export function assertTarget<S extends string, T extends string>(
  w: Workflow<S, never, string, T>,
  name: T,
  from: S,
  to: S,
): void {
  const targets = w.transitions[name].to;
  if (targets ? !targets.includes(to) : to !== from)
    throw new Error(`${w.name}.${name} may not lead from ${from} to ${to}`);
}
