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

// opencc converts phrase by phrase, which costs ~50 µs for a letter-length text; most texts have
// no traditional character at all. A character seen once is remembered as "changes or not", and
// only a text with a changing character goes through the converter (phrases included).
const changes = new Map<string, boolean>();
function simplified(text: string): string {
  for (const ch of text) {
    let changed = changes.get(ch);
    if (changed === undefined) {
      changed = toSimplified(ch) !== ch;
      if (changes.size < 100_000) changes.set(ch, changed);
    }
    if (changed) return toSimplified(text);
  }
  return text;
}

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
  return simplified(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A cut word that can say what a text is about: not punctuation, not a stopword. */
export function isContentWord(word: string): boolean {
  return wordLike.test(word) && !stopwords.has(word);
}

/** Words of a text for grouping and routing: normalized, cut, punctuation and stopwords dropped. */
export function segment(text: string): string[] {
  return jieba.cut(normalize(text), true).filter((w) => wordLike.test(w) && !stopwords.has(w));
}

const hanWord = /^\p{Script=Han}+$/u;

/**
 * Short forms of compounds a text spells out: a noun followed by a noun compound of three or
 * more characters also stands as the noun plus that compound's last character, the head Chinese
 * keeps when it abbreviates (垃圾 + 中转站 → 垃圾站, 污水 + 处理厂 → 污水厂). A query for the
 * short form then finds the long one, and only where the two words stand together.
 */
export function compoundHeads(tagged: { word: string; tag: string }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tagged.length; i++) {
    const a = tagged[i]!;
    const b = tagged[i + 1]!;
    const chars = [...b.word];
    const head = chars[chars.length - 1]!;
    if (
      chars.length >= 3 &&
      [...a.word].length >= 2 &&
      a.tag.startsWith('n') &&
      b.tag.startsWith('n') &&
      hanWord.test(a.word) &&
      hanWord.test(b.word) &&
      !a.word.endsWith(head)
    )
      out.push(a.word + head);
  }
  return out;
}

/**
 * Words for a search index: jieba's search mode also emits the shorter words inside long
 * ones (委员工作室 → 委员, 工作室, 委员工作室), so a query for 工作室 finds it; and the short
 * forms of compounds (compoundHeads), so a query for 垃圾站 finds 垃圾中转站.
 */
export function searchTokens(text: string): string[] {
  const n = normalize(text);
  const keep = (w: string) => wordLike.test(w) && !stopwords.has(w);
  const parts = jieba.cutForSearch(n, true).filter(keep);
  const heads = compoundHeads(jieba.tag(n, true).filter((t) => keep(t.word)));
  return heads.length ? [...parts, ...heads.filter((h) => !parts.includes(h))] : parts;
}

/** Space-joined search tokens: what is stored for PostgreSQL's 'simple' text search config. */
export function segmentedForSearch(text: string): string {
  return searchTokens(text).join(' ');
}

/** Words with jieba's part-of-speech tags (ns place, nr person name, n noun, v verb, t time…). */
export function tagWords(normalized: string): { word: string; tag: string }[] {
  return jieba.tag(normalized, true);
}
