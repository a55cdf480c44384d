import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { concernStatuses } from './concerns.ts';
import { citizenActor, concernWorkflow } from './concern-workflow.ts';
import type { ConcernStatus, ConcernTransition } from './concern-workflow.ts';
import { dutiesWaivedFor, studioWorkflow } from './studio-workflow.ts';
import {
  TransitionRefused,
  allowedTransitions,
  assertMayAttempt,
  assertTarget,
  assertTransition,
  defineWorkflow,
  refusal,
  transitionNames,
} from './workflow.ts';
import type { WorkflowActor, WorkflowRole } from './workflow.ts';

// A small workflow of its own, to pin the generic rules down apart from any module's.
const review = defineWorkflow({
  name: 'review',
  states: ['draft', 'submitted', 'approved'],
  relations: {
    author: (r: { status: string; authorId: string }, a: WorkflowActor) => r.authorId === a.id,
  },
  transitions: {
    submit: {
      from: ['draft'],
      to: ['submitted'],
      by: [{ roles: ['member'], as: 'author' }],
      audit: 'r.submit',
    },
    approve: {
      from: ['submitted'],
      to: ['approved'],
      by: [{ roles: ['staff', 'admin'], notAs: 'author' }],
      event: 'approved',
      audit: 'r.approve',
    },
    note: { from: ['draft', 'submitted', 'approved'], by: [{ roles: ['staff'] }], audit: 'r.note' },
  },
  refusals: { state: 'studios.bad_state', actor: 'auth.forbidden' },
});

const codeOf = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    assert.ok(e instanceof TransitionRefused);
    return e.code;
  }
};

test('a refusal names the role first, then the state, then the relation', () => {
  const doc = { status: 'submitted', authorId: 'ann' };
  const member: WorkflowActor = { id: 'ann', role: 'member' };
  // A member can never approve: forbidden whatever the state, so a state is not revealed.
  assert.equal(refusal(review, 'approve', { ...doc, status: 'draft' }, member), 'auth.forbidden');
  assert.equal(refusal(review, 'submit', doc, member), 'studios.bad_state');
  assert.equal(
    refusal(review, 'submit', { ...doc, status: 'draft' }, { id: 'bob', role: 'member' }),
    'auth.forbidden',
  );
  assert.equal(refusal(review, 'submit', { ...doc, status: 'draft' }, member), null);
});

test('separation of duties: the author may not approve their own work, another staff may', () => {
  const doc = { status: 'submitted', authorId: 'sam' };
  assert.equal(refusal(review, 'approve', doc, { id: 'sam', role: 'staff' }), 'auth.forbidden');
  assert.equal(refusal(review, 'approve', doc, { id: 'tom', role: 'staff' }), null);
  assert.deepEqual(allowedTransitions(review, doc, { id: 'sam', role: 'staff' }), ['note']);
  assert.deepEqual(allowedTransitions(review, doc, { id: 'tom', role: 'staff' }), ['approve', 'note']);
  assert.deepEqual(allowedTransitions(review, doc, { id: 'tom', role: 'admin' }), ['approve']);
});

test('assertions throw the workflow codes, or the error class the caller passes', () => {
  const doc = { status: 'approved', authorId: 'sam' };
  assert.equal(
    codeOf(() => assertTransition(review, 'approve', doc, { id: 'tom', role: 'staff' })),
    'studios.bad_state',
  );
  assert.equal(
    codeOf(() => assertMayAttempt(review, 'approve', { id: 'x', role: 'citizen' })),
    'auth.forbidden',
  );
  assert.equal(
    codeOf(() => assertMayAttempt(review, 'approve', { id: 'x', role: 'staff' })),
    null,
  );
  class Domain extends Error {}
  assert.throws(() => assertTransition(review, 'note', doc, { id: 'x', role: 'member' }, Domain), Domain);
});

test('a transition leads only where its definition says; without `to` the state stays', () => {
  assertTarget(review, 'approve', 'submitted', 'approved');
  assert.throws(() => assertTarget(review, 'approve', 'submitted', 'draft'), /review\.approve/);
  assertTarget(review, 'note', 'approved', 'approved');
  assert.throws(() => assertTarget(review, 'note', 'draft', 'submitted'));
});

test('the concern workflow covers every status and leads only to known statuses', () => {
  assert.deepEqual([...concernWorkflow.states], [...concernStatuses]);
  for (const name of transitionNames(concernWorkflow)) {
    const t = concernWorkflow.transitions[name];
    for (const s of [...t.from, ...(t.to ?? [])]) assert.ok(concernStatuses.includes(s), `${name}: ${s}`);
    assert.ok(t.by.length > 0, name);
  }
});

// Who sees what on a concern, per status: staff (the handler is someone else — they may step
// in), a member who accepted it, a member when another accepted it, a member when nobody did,
// and the citizen by tracking code.
type Row = {
  staff: ConcernTransition[];
  mine: ConcernTransition[];
  others: ConcernTransition[];
  unclaimed: ConcernTransition[];
  citizen: ConcernTransition[];
};
const staffOpen: ConcernTransition[] = [
  'toDepartment',
  'transfer',
  'escalate',
  'assign',
  'extend',
  'deadline',
  'serviceDeed',
  'route',
];
const handling: Row = {
  staff: ['reply', 'askInfo', ...staffOpen],
  mine: ['reply', 'replyForReview', 'askInfo', 'transfer', 'escalate'],
  others: [],
  unclaimed: ['transfer', 'escalate'],
  citizen: ['addPhoto', 'withdraw'],
};
const table: Record<ConcernStatus, Row> = {
  submitted: {
    staff: ['accept', ...staffOpen],
    mine: ['accept', 'transfer', 'escalate'],
    others: ['accept'],
    unclaimed: ['accept', 'transfer', 'escalate'],
    citizen: ['addPhoto', 'withdraw'],
  },
  accepted: handling,
  reopened: handling,
  info_requested: {
    staff: staffOpen,
    mine: ['transfer', 'escalate'],
    others: [],
    unclaimed: ['transfer', 'escalate'],
    citizen: ['addInfo', 'addPhoto', 'withdraw'],
  },
  answered: { staff: ['serviceDeed'], mine: [], others: [], unclaimed: [], citizen: ['rate'] },
  closed: { staff: ['serviceDeed'], mine: [], others: [], unclaimed: [], citizen: [] },
  withdrawn: { staff: [], mine: [], others: [], unclaimed: [], citizen: [] },
  return_requested: {
    staff: ['toDepartment', 'acceptReturn', ...staffOpen.slice(1)],
    mine: ['transfer', 'escalate'],
    others: [],
    unclaimed: ['transfer', 'escalate'],
    citizen: ['addPhoto', 'withdraw'],
  },
  // While staff review a reply, nothing is handed over; the reply is decided first.
  reply_review: {
    staff: ['approveReply', 'sendBackReply', 'extend', 'deadline', 'serviceDeed'],
    mine: [],
    others: [],
    unclaimed: [],
    citizen: ['addPhoto', 'withdraw'],
  },
};

test('concern workflow: a department acts only on what is passed to it, and returns it only in time', () => {
  const dept: WorkflowActor = { id: 'acc-d', role: 'department', departmentId: 'dep-1' };
  const at = (status: ConcernStatus, handlerDepartmentId: string | null, returnOpen: boolean) =>
    allowedTransitions(
      concernWorkflow,
      { status, handlerAccountId: null, handlerDepartmentId, returnOpen },
      dept,
    );
  assert.deepEqual(at('submitted', 'dep-1', true), ['accept', 'askReturn']);
  assert.deepEqual(at('submitted', 'dep-1', false), ['accept']);
  assert.deepEqual(at('accepted', 'dep-1', true), ['reply', 'replyForReview', 'askInfo', 'askReturn']);
  assert.deepEqual(at('accepted', 'dep-1', false), ['reply', 'replyForReview', 'askInfo']);
  assert.deepEqual(at('reopened', 'dep-1', false), ['reply', 'replyForReview', 'askInfo']);
  for (const status of concernStatuses) {
    assert.deepEqual(at(status, 'dep-2', true), [], `${status}: another department's`);
    assert.deepEqual(at(status, null, true), [], `${status}: no department's`);
  }
  for (const status of ['return_requested', 'reply_review', 'answered', 'closed'] as const)
    assert.deepEqual(at(status, 'dep-1', true), [], status);
});

test('concern workflow: the actions of every (status, role) pair', () => {
  const me = 'acc-me';
  for (const status of concernStatuses) {
    const row = table[status];
    const at = (handlerAccountId: string | null, actor: WorkflowActor) =>
      allowedTransitions(concernWorkflow, { status, handlerAccountId }, actor);
    for (const role of ['admin', 'staff'] as const)
      assert.deepEqual(at('acc-other', { id: me, role }), row.staff, `${status} / ${role}`);
    assert.deepEqual(at(me, { id: me, role: 'member' }), row.mine, `${status} / member, handler`);
    assert.deepEqual(
      at('acc-other', { id: me, role: 'member' }),
      row.others,
      `${status} / member, not handler`,
    );
    assert.deepEqual(at(null, { id: me, role: 'member' }), row.unclaimed, `${status} / member, unclaimed`);
    assert.deepEqual(at(null, citizenActor), row.citizen, `${status} / citizen`);
  }
});

const roles: WorkflowRole[] = ['admin', 'staff', 'member', 'department', 'citizen'];

test('concern workflow: refused by the server exactly when not among the allowed transitions', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...concernStatuses),
      fc.constantFrom(null, 'a', 'b'),
      fc.constantFrom(...roles),
      fc.constantFrom('a', 'b'),
      fc.constantFrom(...transitionNames(concernWorkflow)),
      fc.constantFrom(null, 'd1', 'd2'),
      fc.boolean(),
      (status, handlerAccountId, role, id, name, handlerDepartmentId, returnOpen) => {
        const k = { status, handlerAccountId, handlerDepartmentId, returnOpen };
        const actor: WorkflowActor = {
          id: role === 'citizen' ? null : id,
          role,
          departmentId: role === 'department' ? 'd1' : null,
        };
        const code = codeOf(() => {
          assertMayAttempt(concernWorkflow, name, actor);
          assertTransition(concernWorkflow, name, k, actor);
        });
        const allowed = allowedTransitions(concernWorkflow, k, actor).includes(name);
        assert.equal(code === null, allowed);
        if (code) assert.ok(code === 'concerns.bad_state' || code === 'auth.forbidden');
        // A wrong state is only told to an actor whose role may take the step at all.
        if (code === 'concerns.bad_state')
          assert.ok(!concernWorkflow.transitions[name].from.includes(status));
      },
    ),
    { numRuns: 2000 },
  );
});

test('studios: the submitter is refused with its own code, unless the committee waived it', () => {
  const s = { status: 'submitted' as const, submittedBy: 'sam', separateDuties: true };
  const sam: WorkflowActor = { id: 'sam', role: 'staff' };
  const tom: WorkflowActor = { id: 'tom', role: 'staff' };
  assert.equal(refusal(studioWorkflow, 'approve', s, sam), 'studios.same_reviewer');
  assert.equal(refusal(studioWorkflow, 'reject', s, sam), 'studios.same_reviewer');
  assert.equal(refusal(studioWorkflow, 'approve', s, { id: 'mia', role: 'member' }), 'auth.forbidden');
  assert.deepEqual(allowedTransitions(studioWorkflow, s, sam), []);
  assert.deepEqual(allowedTransitions(studioWorkflow, s, tom), ['approve', 'reject']);
  const waived = { ...s, separateDuties: false };
  assert.deepEqual(allowedTransitions(studioWorkflow, waived, sam), ['approve', 'reject']);
  assert.equal(dutiesWaivedFor(waived, sam), true);
  assert.equal(dutiesWaivedFor(waived, tom), false);
  assert.equal(dutiesWaivedFor(s, sam), false);
  // A studio submitted before submitters were recorded: anyone may review it.
  assert.equal(refusal(studioWorkflow, 'approve', { ...s, submittedBy: null }, sam), null);
});
