import { concernCategoryLabels } from '../../../../contracts/concerns.ts';
import type { Queryable } from '../../db/db.ts';
import type { Keyset } from '../../db/keyset.ts';
import { concernsForSearch } from '../concerns/for-search.ts';
import type { ConcernForSearch } from '../concerns/for-search.ts';
import { seatsForSearch } from '../members/for-search.ts';
import { studiosForSearch } from '../studios/for-search.ts';
import { searchTokens } from '../text/segment.ts';
import { fuzzyKeys, gramsText, maskPersonal, nameTerms } from './keys.ts';

// What each kind of record puts into the index: a read-only copy of what the owners publish
// for search (concerns, studios and members' for-search.ts), refreshed inside the owners' own
// write transactions: one line per write path.
//
// Never indexed: a citizen's phone or name (concerns carry neither outside their text, and
// numbers typed into the text are masked), a member's phone.

export type SearchKind = 'concern' | 'studio' | 'member';

export type SearchDocument = {
  kind: SearchKind;
  refId: string;
  committeeId: string;
  personId?: string | null;
  studioId?: string | null;
  title: string;
  /** The title is the beginning of the body (a concern): indexed once, as body. */
  titleFromBody?: boolean;
  body: string;
  /** Indexed (weight C) but not shown: category, place, sector … */
  extra: string;
  /** Short terms whose typos should still find the document. */
  terms: string[];
  namePinyin?: string | null;
  nameInitials?: string | null;
  updatedAt: Date | string;
};

const words = (t: string) => searchTokens(maskPersonal(t));

/** The row written for a document: segmented text for the 'simple' configuration. */
export function toRow(d: SearchDocument) {
  const body = maskPersonal(d.body);
  const titleWords = d.titleFromBody ? [] : words(d.title);
  const bodyWords = words(body);
  const extraWords = words(d.extra);
  return {
    kind: d.kind,
    ref_id: d.refId,
    committee_id: d.committeeId,
    person_id: d.personId ?? null,
    studio_id: d.studioId ?? null,
    title: maskPersonal(d.title),
    body,
    title_words: titleWords.join(' '),
    body_words: bodyWords.join(' '),
    extra_words: extraWords.join(' '),
    grams: gramsText(maskPersonal(d.titleFromBody ? body : `${d.title} ${body}`)),
    fuzzy: fuzzyKeys([...d.terms, ...titleWords, ...bodyWords, ...extraWords]),
    name_pinyin: d.namePinyin ?? null,
    name_initials: d.nameInitials ?? null,
    updated_at: new Date(d.updatedAt).toISOString(),
  };
}

/**
 * Marks added verbatim to both vectors (array_to_tsvector: no parser, so no text can produce
 * them): '#kind' and '@region' for the committee and each one above it. A query ANDs the
 * marks of its kind and scope into its tsquery, so the GIN index itself intersects words with
 * scope — walking a city's million-row province by date to find its matches took 0.8 s.
 */
export const marks = `array_to_tsvector(array['#' || x.kind] || array(select '@' || r from unnest(string_to_array(c.path, '/')) r))`;

/** Inserts or replaces documents (one statement for any number). */
export async function upsertDocuments(q: Queryable, docs: SearchDocument[]): Promise<void> {
  if (!docs.length) return;
  await q.query(
    `insert into search_documents (kind, ref_id, committee_id, committee_path, person_id, studio_id, title, body,
       tokens, grams, fuzzy, name_pinyin, name_initials, updated_at)
     select x.kind, x.ref_id, x.committee_id, c.path, x.person_id, x.studio_id, x.title, x.body,
            setweight(to_tsvector('simple', x.title_words), 'A') || setweight(to_tsvector('simple', x.body_words), 'B')
              || setweight(to_tsvector('simple', x.extra_words), 'C') || ${marks},
            to_tsvector('simple', x.grams) || ${marks}, x.fuzzy, x.name_pinyin, x.name_initials, x.updated_at
       from jsonb_to_recordset($1::jsonb) as x(kind text, ref_id uuid, committee_id uuid, person_id uuid,
            studio_id uuid, title text, body text, title_words text, body_words text, extra_words text,
            grams text, fuzzy text[], name_pinyin text, name_initials text, updated_at timestamptz)
       join committees c on c.id = x.committee_id
     on conflict (kind, ref_id) do update set committee_id = excluded.committee_id,
       committee_path = excluded.committee_path, person_id = excluded.person_id, studio_id = excluded.studio_id,
       title = excluded.title, body = excluded.body, tokens = excluded.tokens, grams = excluded.grams,
       fuzzy = excluded.fuzzy, name_pinyin = excluded.name_pinyin, name_initials = excluded.name_initials,
       updated_at = excluded.updated_at`,
    [JSON.stringify(docs.map(toRow))],
  );
}

export async function removeDocuments(q: Queryable, kind: SearchKind, refIds: string[]): Promise<void> {
  if (refIds.length)
    await q.query('delete from search_documents where kind = $1 and ref_id = any($2::uuid[])', [
      kind,
      refIds,
    ]);
}

// ---- sources: each owner publishes the rows its documents are made of (for-search.ts); the
// same read serves one record (after a write) and all of them (reindex)

type Filter = Keyset;

/** A concern's title is its first words (the console puts its category before them). */
export const titleLength = 24;
const firstLine = (t: string) => {
  const s = maskPersonal(t).replace(/\s+/g, ' ').trim();
  return [...s].length > titleLength ? `${[...s].slice(0, titleLength).join('')}…` : s;
};

export async function concernDocuments(q: Queryable, f: Filter): Promise<SearchDocument[]> {
  return (await concernsForSearch(q, f)).map(concernDocument);
}

/** A concern's document from its row (or from what its writer is about to insert). */
export function concernDocument(
  k: Omit<ConcernForSearch, 'updated_at'> & { updated_at: Date | string },
): SearchDocument {
  return {
    kind: 'concern',
    refId: k.id,
    committeeId: k.committee_id,
    personId: k.person_id,
    studioId: k.studio_id,
    title: firstLine(k.body),
    titleFromBody: true,
    body: k.body,
    // The tracking code as one word: what a citizen on the phone reads out finds the concern.
    extra: [
      concernCategoryLabels[k.category as keyof typeof concernCategoryLabels] ?? '',
      k.place ?? '',
      k.tracking_code,
    ].join(' '),
    terms: k.place ? searchTokens(k.place) : [],
    updatedAt: k.updated_at,
  };
}

export async function studioDocuments(q: Queryable, f: Filter): Promise<SearchDocument[]> {
  const rows = await studiosForSearch(q, f);
  return rows.map((s) => ({
    kind: 'studio',
    refId: s.id,
    committeeId: s.committee_id,
    title: s.name,
    body: [s.intro, s.services].filter(Boolean).join('\n'),
    extra: [s.address ?? '', s.sector_name ?? ''].join(' '),
    terms: searchTokens(s.name),
    updatedAt: s.updated_at,
  }));
}

/** One document per active seat (the grid lists seats; the drawer opens a seat). */
export async function memberDocuments(
  q: Queryable,
  f: Filter & { personIds?: string[] },
): Promise<SearchDocument[]> {
  const rows = await seatsForSearch(q, f);
  return rows.map((m) => ({
    kind: 'member',
    refId: m.id,
    committeeId: m.committee_id,
    personId: m.person_id,
    title: m.name,
    body: m.work_unit_post,
    extra: [m.sector_name ?? '', m.special_name ?? '', nameTerms(m.name).join(' ')].join(' '),
    terms: nameTerms(m.name),
    namePinyin: m.name_pinyin.replace(/\s+/g, ''),
    nameInitials: m.name_initials,
    updatedAt: m.updated_at,
  }));
}
