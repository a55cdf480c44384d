// What a concern says, as terms a model can weigh: the words of its topic, the character
// bigrams of its Chinese text and the places it names. Grouping, routing, the CLIs and the
// benchmark all take their terms from here, so a text is read the same way everywhere.
import { readFileSync } from 'node:fs';
import { placeKey, placeParts, placesFromTagged } from './places.ts';
import { isContentWord, normalize, tagWords } from './segment.ts';

/** The terms of one text, before weighting. Words and places are already canonical forms. */
export interface TextTerms {
  words: string[];
  bigrams: string[];
  places: string[];
}

function readPairs(file: string): string[][] {
  return readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(/\s+/));
}

// typos.txt: "wrong right" fixed in the text before it is cut (路等 → 路灯), longest first so a
// long misspelling wins over a short one inside it.
const typos = readPairs('./typos.txt')
  .filter((p) => p.length >= 2)
  .map(([wrong, ...right]) => [wrong ?? '', right.join(' ')] as const)
  .sort((a, b) => b[0].length - a[0].length);
const typoPattern = new RegExp(typos.map(([w]) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
const typoFix = new Map(typos);

// synonyms.txt: "canonical variant…" applied to the cut words (暖气/供热/采暖 → 供暖; 娃 → 孩子).
const synonyms = new Map<string, string>();
for (const [canonical, ...variants] of readPairs('./synonyms.txt')) {
  if (!canonical) continue;
  for (const v of variants) synonyms.set(v, canonical);
}

/** The normalized text with known misspellings fixed. */
export function cleanText(text: string): string {
  const normalized = normalize(text);
  return typos.length ? normalized.replace(typoPattern, (w) => typoFix.get(w) ?? w) : normalized;
}

/** A cut word in its canonical form (dialect and synonyms mapped to one word). */
export function canonicalWord(word: string): string {
  return synonyms.get(word) ?? word;
}

const digits = /[0-9]/u;
const hanRun = /\p{Script=Han}+/gu;

/**
 * Terms of a text and its optional place field. Place names (from the field and from the text)
 * are cut out of the text before its words and bigrams are taken, so they count only as places.
 */
export function textTerms(text: string, place?: string): TextTerms {
  let body = cleanText(text);
  const fieldParts = place ? placeParts(normalize(place)) : [];
  // One tagging pass gives both the place names and the words (jieba is the costly step).
  const tagged = tagWords(body);
  const named = placesFromTagged(tagged);
  const placeText = [...named, ...fieldParts.filter((p) => p.length >= 3)];
  // Longest first so 锦绣华府小区 goes before 锦绣华府 leaves 小区 behind.
  for (const p of [...placeText].sort((a, b) => b.length - a.length)) body = body.split(p).join('，');
  const words: string[] = [];
  for (const { word } of tagged) {
    if (!isContentWord(word) || digits.test(word)) continue;
    if (word.length >= 2 && placeText.some((p) => p.includes(word))) continue;
    words.push(canonicalWord(word));
  }
  const bigrams: string[] = [];
  for (const run of body.match(hanRun) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) bigrams.push(run.slice(i, i + 2));
  }
  const places = [...new Set([...fieldParts, ...named.flatMap((n) => placeParts(n)).map(placeKey)])];
  return { words, bigrams, places };
}
