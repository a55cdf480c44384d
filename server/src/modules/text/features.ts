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
  /** Concepts the text names (concepts.txt): what it is about and what is wrong. */
  concepts: string[];
  /** Words that are pieces of a place name written in the text (also in `words`). */
  placeWords?: string[];
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

// concepts.txt: "concept pattern…"; a pattern found anywhere in the cleaned text names the
// concept. Patterns are looked up by their first character, so the cost grows with the text.
const conceptsByStart = new Map<string, [string, string][]>();
const problems = new Set<string>();
const objects = new Set<string>();
let section = '';
for (const [concept, ...patterns] of readPairs('./concepts.txt')) {
  if (!concept) continue;
  if (concept.startsWith('[')) {
    section = concept;
    continue;
  }
  if (section === '[problem]') problems.add(concept);
  if (section === '[object]') objects.add(concept);
  for (const pattern of patterns) {
    const key = pattern.charAt(0);
    conceptsByStart.set(key, [...(conceptsByStart.get(key) ?? []), [pattern, concept]]);
  }
}

/** Is this concept what is wrong (噪音, 拖欠) rather than what it is about (工地, 电梯)? */
export function isProblemConcept(concept: string): boolean {
  return problems.has(concept);
}

/** Is this concept what a concern is about (工地, 电梯)? General ones are neither. */
export function isObjectConcept(concept: string): boolean {
  return objects.has(concept);
}

/** Is this an object-and-problem pair (工地+噪音) rather than one concept? */
export function isConceptPair(concept: string): boolean {
  return concept.includes('+');
}

/** The concepts a cleaned text names, in order of first appearance, each once. */
export function conceptsOf(cleaned: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < cleaned.length; i++) {
    const list = conceptsByStart.get(cleaned.charAt(i));
    if (!list) continue;
    for (const [pattern, concept] of list)
      if (!found.includes(concept) && cleaned.startsWith(pattern, i)) found.push(concept);
  }
  return found;
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
 * `known` finds names the caller knows as places in the text: they only mark `placeWords`.
 */
export function textTerms(text: string, place?: string, known?: (text: string) => string[]): TextTerms {
  const cleaned = cleanText(text);
  let body = cleaned;
  const fieldParts = place ? placeParts(normalize(place)) : [];
  // One tagging pass gives both the place names and the words (jieba is the costly step).
  const tagged = tagWords(body);
  const namedPlaces = placesFromTagged(tagged);
  // The place field's estate is keyed without 小区/社区 (和谐小区 → 和谐); the text writes it whole.
  const placeText = [...namedPlaces, ...fieldParts.filter((p) => p.length >= 3)];
  const fieldForms = fieldParts.flatMap((p) => [`${p}小区`, `${p}社区`]).filter((p) => body.includes(p));
  // Names the scope knows as places (other concerns' place fields) mark pieces too, in a text
  // whose own place field is empty or wider (冀州 for a concern about 朝阳后街).
  const inPlace = placeSpans(body, [...placeText, ...fieldForms, ...(known?.(body) ?? [])]);
  // Longest first so 锦绣华府小区 goes before 锦绣华府 leaves 小区 behind.
  for (const p of [...placeText].sort((a, b) => b.length - a.length)) body = body.split(p).join('，');
  const words: string[] = [];
  const placeWords: string[] = [];
  let at = 0;
  for (const { word } of tagged) {
    const start = cleaned.indexOf(word, at);
    if (start >= 0) at = start + word.length;
    if (!isContentWord(word) || digits.test(word)) continue;
    if (word.length >= 2 && placeText.some((p) => p.includes(word))) continue;
    // A word jieba cut out of a place name (和谐小区 → 和谐 / 小区, 育英路 → 育英 / 路) is kept as
    // a word (texts of one problem at one place are alike through it), but noted: judged by its
    // own words, a text must not resemble its place's other problems through its place's name.
    if (start >= 0 && covered(inPlace, start, word.length)) placeWords.push(canonicalWord(word));
    words.push(canonicalWord(word));
  }
  const bigrams: string[] = [];
  for (const run of body.match(hanRun) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) bigrams.push(run.slice(i, i + 2));
  }
  const places = [...new Set([...fieldParts, ...namedPlaces.flatMap((n) => placeParts(n)).map(placeKey)])];
  const named = conceptsOf(cleaned);
  // An object with what is wrong with it (工地+噪音) is what one problem has in common however it
  // is worded; either alone is shared by the problems of one place or one theme.
  const things = named.filter((k) => objects.has(k));
  const wrongs = named.filter((k) => problems.has(k));
  const pairs = things.flatMap((o) => wrongs.map((w) => `${o}+${w}`));
  return { words, bigrams, places, concepts: [...named, ...pairs], placeWords };
}

/** Which characters of `text` lie inside an occurrence of one of `names`. */
function placeSpans(text: string, names: readonly string[]): Uint8Array {
  const marks = new Uint8Array(text.length);
  for (const name of names) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) marks.fill(1, i, i + name.length);
  }
  return marks;
}

/** Are all `length` characters from `start` marked? */
function covered(marks: Uint8Array, start: number, length: number): boolean {
  for (let i = start; i < start + length; i++) if (!marks[i]) return false;
  return length > 0;
}
