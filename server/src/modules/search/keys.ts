import { pinyin } from 'pinyin-pro';
import { trackingCodeKey } from '../../../../contracts/concerns.ts';
import { normalize, searchTokens, segment } from '../text/segment.ts';

// The keys a text is found by, computed in the app so both databases store the very same
// strings (see migrations/0009_search.sql for why not pg_trgm).

const han = /^\p{Script=Han}+$/u;

/** Mobile and ID-card numbers never reach the index, even when a citizen typed them into the text. */
export function maskPersonal(text: string): string {
  return text
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<![\dXx])(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g, '$1********$2');
}

/** Escapes % _ \\ for a LIKE pattern. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// Citizens write with a few thousand words, and pinyin-pro was most of the time spent
// indexing a concern: each word's key is kept once worked out (bounded).
const pinyinKeys = new Map<string, string>();

/** Toneless pinyin of a Chinese term, syllables joined: 路灯 → ludeng. */
export function pinyinKey(term: string): string {
  let key = pinyinKeys.get(term);
  if (key === undefined) {
    key = pinyin(term, { toneType: 'none', type: 'array' }).join('').toLowerCase();
    if (pinyinKeys.size >= 50_000) pinyinKeys.clear();
    pinyinKeys.set(term, key);
  }
  return key;
}

/** Typo keys of one term: its homophone key, and for 3–4 characters each one-blank variant. */
export function termKeys(term: string): string[] {
  const chars = [...term];
  if (!han.test(term) || chars.length < 2 || chars.length > 4) return [];
  const keys = [`~${pinyinKey(term)}`];
  if (chars.length >= 3)
    for (let i = 0; i < chars.length; i++) keys.push(chars.map((c, j) => (i === j ? '_' : c)).join(''));
  return keys;
}

/** Typo keys of a document's short terms (names, places, the words of a text). */
export function fuzzyKeys(terms: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of terms) for (const k of termKeys(t)) out.add(k);
  return [...out];
}

/** A Chinese name is also found by any two of its characters in a row (丽霜 finds 张丽霜). */
export function nameTerms(name: string): string[] {
  const n = normalize(name);
  const chars = [...n];
  const out = new Set([n, ...searchTokens(n)]);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out].filter(Boolean);
}

export type ParsedQuery = {
  /** Normalized query text. */
  text: string;
  /** Words of the query (jieba, precise mode): a document with all of them matches. */
  words: string[];
  /** Bigram lexemes of each space-separated part: a document containing every part matches. */
  chunks: string[][];
  /** ASCII letters only: may be a member's pinyin or initials (zls, zhanglishuang). */
  pinyin: string | null;
  /** One Chinese character: may be a member's surname. */
  surname: string | null;
  /** A short Chinese query (2–4 characters) may carry a typo: its keys, else empty. */
  fuzzy: string[];
  /** Letters and digits only, once spaces and dashes are gone: may be a concern's tracking code (lower case, as indexed). */
  code: string | null;
};

// Lexemes go into to_tsquery quoted; nothing that could end the quote or escape it.
const safe = (t: string) => t.replace(/['\\]/g, '');
const quote = (t: string) => `'${t}'`;

export function parseQuery(q: string): ParsedQuery {
  // Not masked: a phone number typed as a query must find nothing, since the index holds none.
  const text = normalize(q);
  // Single characters cut out of a longer query (路等 → 路, 等) would match nearly anything:
  // the bigram phrase stands for them. A one-character query keeps its character.
  const all = [...new Set(segment(text).map(safe).filter(Boolean))];
  const words = [...text.replace(/\s+/g, '')].length === 1 ? all : all.filter((w) => [...w].length > 1);
  const chunks = text
    .split(' ')
    .map((part) => gramsText(part).split(' ').map(safe).filter(Boolean))
    .filter((c) => c.length > 0);
  const compact = text.replace(/\s+/g, '');
  return {
    text,
    words,
    chunks,
    pinyin: /^[a-z]{2,30}$/.test(compact) ? compact : null,
    surname: [...compact].length === 1 && han.test(compact) ? compact : null,
    fuzzy: termKeys(compact),
    code: trackingCodeKey(q)?.toLowerCase() ?? null,
  };
}

/** to_tsquery('simple', …) text: all words, or any word. */
export const wordsQuery = (words: string[], mode: 'all' | 'any') =>
  words.map(quote).join(mode === 'all' ? ' & ' : ' | ');

/** to_tsquery('simple', …) text: every part as a phrase of its bigrams. */
export const phraseQuery = (chunks: string[][]) =>
  chunks.map((c) => `(${c.map(quote).join(' <-> ')})`).join(' & ');

const hanChar = /\p{Script=Han}/u;
const wordChar = /[\p{L}\p{N}]/u;

/**
 * The text as a stream of overlapping character bigrams for Chinese (路灯不亮 → 路灯 灯不 不亮)
 * and whole runs for letters and digits, in order: matched as a phrase, it finds a query
 * wherever it occurs as a substring, however jieba happened to cut the sentence.
 */
export function gramsText(text: string): string {
  const out: string[] = [];
  let run = '';
  let kind: 'han' | 'word' | null = null;
  const flush = () => {
    if (kind === 'han') {
      const cs = [...run];
      if (cs.length === 1) out.push(run);
      for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i]! + cs[i + 1]!);
    } else if (kind === 'word') out.push(run);
    run = '';
    kind = null;
  };
  for (const ch of normalize(text)) {
    const k = hanChar.test(ch) ? 'han' : wordChar.test(ch) ? 'word' : null;
    if (k !== kind) flush();
    if (k) {
      kind = k;
      run += ch;
    }
  }
  flush();
  return out.join(' ');
}
