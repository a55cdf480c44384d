import type { Queryable } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { anyConcernSql, concernLiveSql } from '../concerns/for-search.ts';
import { anySeatSql, seatLiveSql } from '../members/for-search.ts';
import { anyStudioSql, studioLiveSql } from '../studios/for-search.ts';
import type { SearchDocument } from './documents.ts';
import { concernDocuments, memberDocuments, studioDocuments, upsertDocuments } from './documents.ts';

// Rebuilds the index from the tables: after the demo seed, for data written before the
// index existed, or after a change to how text is segmented. Batches by id, each in its own
// transaction, so a rebuild of a large database neither holds one huge transaction nor
// leaves the index empty while it runs (documents are replaced, stale ones removed last).

type Source = (q: Queryable, f: { after?: string; limit: number }) => Promise<SearchDocument[]>;

const sources: { kind: SearchDocument['kind']; read: Source; live: string }[] = [
  { kind: 'concern', read: concernDocuments, live: concernLiveSql('d.ref_id') },
  { kind: 'studio', read: studioDocuments, live: studioLiveSql('d.ref_id') },
  { kind: 'member', read: memberDocuments, live: seatLiveSql('d.ref_id') },
];

export async function reindexAll(
  deps: Pick<Deps, 'db'>,
  opts: { batch?: number; log?: (line: string) => void } = {},
): Promise<Record<string, number>> {
  const batch = opts.batch ?? 500;
  const out: Record<string, number> = {};
  for (const s of sources) {
    let after: string | undefined;
    let n = 0;
    for (;;) {
      const docs = await s.read(deps.db, { after, limit: batch });
      if (!docs.length) break;
      await deps.db.tx((q) => upsertDocuments(q, docs));
      n += docs.length;
      after = docs[docs.length - 1]!.refId;
      if (docs.length < batch) break;
    }
    await deps.db.query(`delete from search_documents d where d.kind = $1 and not exists (${s.live})`, [
      s.kind,
    ]);
    out[s.kind] = n;
    opts.log?.(`${s.kind}: ${n} indexed`);
  }
  await deps.db.exec('analyze search_documents');
  return out;
}

/**
 * On start: build the index for data that predates it, or that was indexed before the
 * kind/scope marks existed (documents.ts); nothing to do afterwards.
 */
export async function reindexIfEmpty(deps: Pick<Deps, 'db'>): Promise<Record<string, number> | null> {
  const [indexed] = await deps.db.query<{ marked: boolean }>(
    `select tokens @@ ('#' || kind)::tsquery as marked from search_documents limit 1`,
  );
  if (indexed?.marked) return null;
  if (indexed) return reindexAll(deps);
  const [data] = await deps.db.query(
    `${anyConcernSql} union all ${anyStudioSql} union all ${anySeatSql} limit 1`,
  );
  return data ? reindexAll(deps) : null;
}
