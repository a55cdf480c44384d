import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js/t2cn';

// One segmenter for the whole app (server, CLI, benchmarks), so a text is cut the same way
// when it is indexed, searched, grouped and routed. jieba's own dictionary plus ours:
// CPPCC and local-government terms jieba would split (委员工作室, 帮办实事, 老旧小区…).
const jieba = Jieba.withDict(dict);
jieba.loadDict(readFileSync(new URL('./dictionary.txt', import.meta.url)));

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

const stopwords = new Set(
  readFileSync(new URL('./stopwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
);

const wordLike = /[\p{L}\p{N}]/u;

/**
 * The form every text is compared in: traditional characters made simplified, full-width
 * letters and digits made ASCII (NFKC), lower case, control characters and runs of space
 * collapsed. Citizens write 路燈 and 路灯, ＡＢＣ and abc: they mean the same.
 */
export function normalize(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a text for grouping and routing: normalized, cut, punctuation and stopwords dropped. */
export function segment(text: string): string[] {
  return jieba.cut(normalize(text), true).filter((w) => wordLike.test(w) && !stopwords.has(w));
}

/**
 * Words for a search index: jieba's search mode also emits the shorter words inside long
 * ones (委员工作室 → 委员, 工作室, 委员工作室), so a query for 工作室 finds it.
 */
export function searchTokens(text: string): string[] {
  return jieba.cutForSearch(normalize(text), true).filter((w) => wordLike.test(w) && !stopwords.has(w));
}

/** Space-joined search tokens: what is stored for PostgreSQL's 'simple' text search config. */
export function segmentedForSearch(text: string): string {
  return searchTokens(text).join(' ');
}

/** Words with jieba's part-of-speech tags (ns place, nr person name, n noun, v verb, t time…). */
export function tagWords(normalized: string): { word: string; tag: string }[] {
  return jieba.tag(normalized, true);
}
