import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/db.ts';

// The audit chain (migration 0035): row n's hash is SM3(row n-1's hash, "\n", row n's
// content), computed by a trigger at insert. Verification recomputes every hash here, in
// Node, from the stored values: a superuser who replaced the trigger or its functions cannot
// make verify agree with a rewritten row. Node's OpenSSL has SM3 (GB/T 32905), as the
// database's does; a server without it chains with SHA-256, recorded in audit_chain.

export type ChainHead = { seq: number; hash: string };
export const genesisHash = '0'.repeat(64);

// The same expression as audit_row_content() in 0035, written out so that a changed
// function in the database changes nothing here.
const contentSql = `jsonb_build_array(a.chain_seq, (extract(epoch from a.at) * 1000000)::bigint, a.actor_id, a.actor_name,
    a.committee_id, a.ip, a.action, a.target_type, a.target_id, a.result, a.status, a.detail)::text`;

export function linkHash(algorithm: string, prev: string, content: string): string {
  return createHash(algorithm).update(prev).update('\n').update(content).digest('hex');
}

export async function chainHead(q: Queryable): Promise<ChainHead | null> {
  const [h] = await q.query<{ seq: number; hash: string }>('select seq, hash from audit_chain where id = 1');
  return h ? { seq: Number(h.seq), hash: h.hash } : null;
}

export type ChainProblem = {
  kind: 'edited' | 'deleted' | 'inserted' | 'rewritten';
  /** The audit row concerned (its id), when there is one. */
  auditId?: number;
  /** Its position in the chain. */
  seq?: number;
  message: string;
};

export type ChainReport = {
  rows: number;
  head: ChainHead | null;
  algorithm: string;
  problems: ChainProblem[];
};

type Link = { id: number; chain_seq: number; prev_hash: string | null; hash: string | null; content: string };

/**
 * Walks the chain in order and names what breaks it: a row whose content no longer hashes
 * to its hash (edited), a gap in the positions or a head past the last row (deleted), a row
 * outside the chain or not following its predecessor (inserted), and a head recorded
 * outside the database (a backup's, the log's) that the chain no longer reaches (rewritten).
 */
export async function verifyChain(
  q: Queryable,
  checkpoints: readonly (ChainHead & { from?: string })[] = [],
  batch = 5000,
): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  const [meta] = await q.query<{ seq: number; hash: string; algorithm: string }>(
    'select seq, hash, algorithm from audit_chain where id = 1',
  );
  const algorithm = meta?.algorithm ?? 'sm3';
  const head = meta ? { seq: Number(meta.seq), hash: meta.hash } : null;
  const wanted = new Map(checkpoints.filter((c) => c.seq > 0).map((c) => [c.seq, c]));
  const from = (c: { from?: string }) => c.from ?? 'a recorded head';
  let expected = 1;
  let prev = genesisHash;
  let lastId: number | null = null;
  let count = 0;
  for (;;) {
    const rows = await q.query<Link>(
      `select a.id, a.chain_seq, a.prev_hash, a.hash, ${contentSql} as content
         from audit_log a where a.chain_seq >= $1 order by a.chain_seq limit $2`,
      [expected, batch],
    );
    for (const r of rows) {
      count += 1;
      const seq = Number(r.chain_seq);
      const id = Number(r.id);
      if (seq > expected)
        problems.push({
          kind: 'deleted',
          seq: expected,
          message: `rows at chain positions ${expected}–${seq - 1} are missing (deleted between audit rows ${lastId ?? '(start)'} and ${id})`,
        });
      else if (r.prev_hash !== prev)
        problems.push({
          kind: 'inserted',
          auditId: id,
          seq,
          message: `audit row ${id} (position ${seq}) does not follow the row before it: inserted, or the chain was rewritten here`,
        });
      if (linkHash(algorithm, r.prev_hash ?? '', r.content) !== r.hash)
        problems.push({
          kind: 'edited',
          auditId: id,
          seq,
          message: `audit row ${id} (position ${seq}) was edited: its content no longer matches its hash`,
        });
      const cp = wanted.get(seq);
      if (cp && cp.hash !== r.hash)
        problems.push({
          kind: 'rewritten',
          auditId: id,
          seq,
          message: `the chain at position ${seq} (audit row ${id}) differs from the head recorded in ${from(cp)}: rewritten at or before it`,
        });
      wanted.delete(seq);
      prev = r.hash ?? '';
      expected = seq + 1;
      lastId = id;
    }
    if (rows.length < batch) break;
  }
  if (head && head.seq >= expected)
    problems.push({
      kind: 'deleted',
      seq: expected,
      message: `the chain's head is at position ${head.seq} but its rows end at ${expected - 1}: the last rows were deleted`,
    });
  else if (head && head.seq > 0 && head.hash !== prev)
    problems.push({
      kind: 'rewritten',
      seq: head.seq,
      message: `the chain's head differs from its last row (position ${head.seq})`,
    });
  for (const cp of wanted.values())
    problems.push({
      kind: 'deleted',
      seq: cp.seq,
      message:
        cp.seq < expected
          ? `position ${cp.seq}, recorded in ${from(cp)}, is missing`
          : `${from(cp)} recorded position ${cp.seq}, but the chain ends at ${expected - 1}: rows were deleted`,
    });
  const outside = await q.query<{ id: number }>(
    'select id from audit_log where chain_seq is null order by id limit 20',
  );
  for (const r of outside)
    problems.push({
      kind: 'inserted',
      auditId: Number(r.id),
      message: `audit row ${r.id} is outside the chain: inserted with the chain's trigger disabled`,
    });
  return { rows: count, head, algorithm, problems };
}
