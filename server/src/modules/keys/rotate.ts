import type { Db, Queryable } from '../../db/db.ts';
import { keyFingerprint, makeSealer } from '../../lib/crypto.ts';
import type { SealAlgorithm, Sealer } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/service.ts';
import { sealedSets } from './sealed-sets.ts';
import type { SealedSet } from './sealed-sets.ts';

// Key rotation: every sealed column re-sealed with the new key (and the lookup hashes that
// follow the key recomputed), one batch per transaction. Each batch commits with the
// progress it made, so a crash loses at most the batch in flight and a second run resumes
// where the first stopped. While it runs the app refuses to start (fingerprint.ts); at the
// end the database's fingerprint becomes the new key's, in one transaction.

export class RotationError extends Error {
  override name = 'RotationError';
}

export type RotateOptions = {
  oldKey: Buffer;
  newKey: Buffer;
  /** Move to another algorithm at the same time (unset: keep the installed one). */
  algorithm?: SealAlgorithm | undefined;
  batch?: number;
  /** Stop after this many batches, as a crash would (tests, or a rotation spread over nights). */
  stopAfter?: number | undefined;
  now: Date;
  log?: (line: string) => void;
};

export type RotateResult = { finished: boolean; batches: number; rows: number; fingerprint: string };

const done = '*';
type Progress = Record<string, string>;

export async function rotateKey(db: Db, o: RotateOptions): Promise<RotateResult> {
  const batch = o.batch ?? 500;
  const oldFp = keyFingerprint(o.oldKey);
  const newFp = keyFingerprint(o.newKey);
  const state = await db.tx(async (q) => {
    const [row] = await q.query<{
      fingerprint: string;
      algorithm: SealAlgorithm;
      rotating_to: string | null;
      rotating_algorithm: SealAlgorithm | null;
      rotation_progress: Progress;
    }>('select * from sealing_key where id = 1 for update');
    if (!row)
      throw new RotationError('No key fingerprint is recorded: start Lianxin once before rotating its key.');
    if (row.fingerprint !== oldFp)
      throw new RotationError(
        `The current key (fingerprint ${oldFp}) is not the database's (${row.fingerprint}): set SECRET_KEY or DATA_DIR to the key the data is sealed with.`,
      );
    if (row.rotating_to && row.rotating_to !== newFp)
      throw new RotationError(
        `A rotation to the key of fingerprint ${row.rotating_to} is in progress: resume it with that key, not ${newFp}.`,
      );
    if (!row.rotating_to) {
      if (newFp === oldFp) throw new RotationError('The new key is the current key.');
      const algorithm = o.algorithm ?? row.algorithm;
      await q.query(
        `update sealing_key set rotating_to = $1, rotating_algorithm = $2, rotation_progress = '{}', rotation_started_at = $3 where id = 1`,
        [newFp, algorithm, o.now],
      );
      return { from: row.algorithm, to: algorithm, progress: {} as Progress };
    }
    if (o.algorithm && o.algorithm !== row.rotating_algorithm)
      throw new RotationError(
        `The rotation in progress moves to ${row.rotating_algorithm}, not ${o.algorithm}.`,
      );
    return {
      from: row.algorithm,
      to: row.rotating_algorithm ?? row.algorithm,
      progress: row.rotation_progress,
    };
  });
  const from = makeSealer(o.oldKey, state.from);
  const to = makeSealer(o.newKey, state.to);
  let batches = 0;
  let rows = 0;
  for (const set of sealedSets) {
    let last = state.progress[set.name];
    while (last !== done) {
      const n = await db.tx(async (q) => {
        const got = await resealBatch(q, set, last, batch, from, to);
        last = got.rows < batch ? done : got.last;
        await q.query(
          `update sealing_key set rotation_progress = rotation_progress || jsonb_build_object($1::text, $2::text) where id = 1`,
          [set.name, last],
        );
        return got.rows;
      });
      rows += n;
      batches += 1;
      o.log?.(`${set.name}: ${n} rows re-sealed${last === done ? ', done' : ''}`);
      if (
        o.stopAfter !== undefined &&
        batches >= o.stopAfter &&
        !(last === done && set === sealedSets.at(-1))
      )
        return { finished: false, batches, rows, fingerprint: oldFp };
    }
  }
  await db.tx(async (q) => {
    await q.query(
      `update sealing_key set fingerprint = $1, algorithm = $2, recorded_at = $3, rotating_to = null,
         rotating_algorithm = null, rotation_progress = '{}', rotation_started_at = null where id = 1`,
      [newFp, state.to, o.now],
    );
    await recordAudit(
      q,
      { now: () => o.now },
      {
        actorName: 'npm run key:rotate',
        action: 'keys.rotate',
        result: 'ok',
        detail: { from: oldFp, to: newFp, algorithm: state.to, previousAlgorithm: state.from },
      },
    );
  });
  return { finished: true, batches, rows, fingerprint: newFp };
}

/** One batch of a set's rows after `after` (in key order), re-sealed and written back. */
async function resealBatch(
  q: Queryable,
  set: SealedSet,
  after: string | undefined,
  batch: number,
  from: Sealer,
  to: Sealer,
): Promise<{ rows: number; last: string }> {
  const where = [
    `(${set.sealed.map((c) => `${c} is not null`).join(' or ')})`,
    ...(set.where ? [set.where] : []),
    ...(after === undefined ? [] : [`${set.keyColumn} > $2`]),
  ];
  const hashes = (set.lookupHashes ?? []).map((h) => h.column);
  const cols = [set.keyColumn, ...set.sealed, ...hashes].join(', ');
  const found = await q.query<Record<string, string | null>>(
    `select ${cols} from ${set.table} where ${where.join(' and ')}
      order by ${set.keyColumn} limit $1 for update`,
    after === undefined ? [batch] : [batch, after],
  );
  const targets = [...set.sealed, ...hashes];
  const assign = targets.map((c, i) => `${c} = $${i + 2}`).join(', ');
  for (const r of found) {
    const key = String(r[set.keyColumn]);
    const plain = new Map<string, string>();
    const values: (string | null)[] = set.sealed.map((c) => {
      const v = r[c];
      if (v === null || v === undefined) return null;
      const p = openEither(v, from, to, `${set.table}.${c} of ${key}`);
      plain.set(c, p);
      return to.seal(p);
    });
    for (const h of set.lookupHashes ?? []) {
      // Without the plain text (none sealed beside it) the hash is kept as it is.
      const p = plain.get(h.of);
      values.push(p === undefined ? (r[h.column] ?? null) : to.hash(p));
    }
    await q.query(`update ${set.table} set ${assign} where ${set.keyColumn} = $1`, [
      r[set.keyColumn],
      ...values,
    ]);
  }
  return { rows: found.length, last: found.length ? String(found.at(-1)![set.keyColumn]) : (after ?? '') };
}

/** The old key's value; one the new key already opens is kept as it is (idempotent). */
function openEither(v: string, from: Sealer, to: Sealer, what: string): string {
  try {
    return from.open(v);
  } catch {
    try {
      return to.open(v);
    } catch {
      throw new RotationError(
        `${what} opens with neither the old nor the new key: stopped, nothing of this batch written.`,
      );
    }
  }
}
