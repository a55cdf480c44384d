import type { FastifyBaseLogger } from 'fastify';
import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { every } from '../../lib/every.ts';
import { indexConcerns } from './service.ts';

// New concerns are indexed a second after they arrive, in batches, by this loop (in the job
// thread on PostgreSQL): the citizen's submission only queues its concern, in the same
// statement that writes it. Other writes (hand-overs, edits, erasure) still index at once,
// inside their own transactions: they are rare, and their staff expect the change at once.

/** Queues a concern for indexing: a write of the concern's own statement or transaction. */
export function queueConcernForIndex(q: Queryable, concernId: string, at: Date): Promise<unknown> {
  return q.query(`insert into search_queue (kind, ref_id, queued_at) values ('concern', $1, $2)`, [
    concernId,
    at,
  ]);
}

/**
 * Indexes up to `batch` queued concerns in one transaction: taken from the queue (skip
 * locked: two loops never take the same rows), read, written into the index. A concern
 * erased meanwhile leaves the index. Returns how many were taken.
 */
export async function indexQueued(deps: Pick<Deps, 'db'>, batch = 250): Promise<number> {
  return deps.db.tx(async (q) => {
    const taken = await q.query<{ ref_id: string }>(
      `delete from search_queue where (kind, ref_id) in
         (select kind, ref_id from search_queue where kind = 'concern' limit $1 for update skip locked)
       returning ref_id`,
      [batch],
    );
    await indexConcerns(
      q,
      taken.map((r) => r.ref_id),
    );
    return taken.length;
  });
}

/** Everything queued now, batch after batch (tests, and the loop below). */
export async function indexAllQueued(deps: Pick<Deps, 'db'>, batch = 250): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await indexQueued(deps, batch);
    total += n;
    if (n < batch) return total;
  }
}

export function startSearchIndexer(deps: Pick<Deps, 'db'>, log: FastifyBaseLogger, intervalMs = 1000) {
  return every(
    intervalMs,
    async () => void (await indexAllQueued(deps)),
    (err) => log.error({ err }, 'search indexing failed'),
  );
}
