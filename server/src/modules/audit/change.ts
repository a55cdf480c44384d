import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { recordAudit } from './service.ts';
import type { AuditEntry } from './service.ts';
import type { Actor } from '../../http/actor.ts';

// The shape of a write: assert what needs no data → load the resource in the caller's scope →
// in one transaction the change and its audit row → after commit, the fresh answer.
//
// `load` runs on the transaction's connection, so the checks made on what it read hold for the
// writes (lock the row when the change depends on it, as a concern's state does); on PGlite,
// with one connection, anything read inside must go through `q` anyway. Slow work that needs
// no data (hashing a password, resizing a photo) is done before calling change(), so the
// transaction stays short. Side effects outside the database (sending the outbox) belong in
// `reload`, after commit.

/** The audit row without what change() fills in: who, from where, and that it succeeded. */
export type Audited = Omit<AuditEntry, 'actorId' | 'actorName' | 'ip' | 'result' | 'status'>;

export type ChangeSpec<Row, Done, Out> = {
  actor: Pick<Actor, 'accountId' | 'username'>;
  ip: string;
  /** Checks that need no data (the caller's role may do this at all): made before anything is read. */
  assert?: () => void;
  /** The resource in the caller's scope (throwing its not-found error), and checks on it. */
  load: (q: Queryable) => Promise<Row>;
  /** The change itself, with the checks only it can make; returns what audit and reload need. */
  apply: (q: Queryable, row: Row) => Promise<Done>;
  audit: (row: Row, done: Done) => Audited;
  /** After commit: what the caller gets back, read afresh. */
  reload: (row: Row, done: Done) => Promise<Out>;
};

export async function change<Row, Done, Out>(
  deps: Pick<Deps, 'db' | 'clock'>,
  s: ChangeSpec<Row, Done, Out>,
): Promise<Out> {
  s.assert?.();
  const { row, done } = await deps.db.tx(async (q) => {
    const row = await s.load(q);
    const done = await s.apply(q, row);
    await recordAudit(q, deps.clock, {
      ...s.audit(row, done),
      actorId: s.actor.accountId,
      actorName: s.actor.username,
      ip: s.ip,
      result: 'ok',
      status: 200,
    });
    return { row, done };
  });
  return s.reload(row, done);
}
