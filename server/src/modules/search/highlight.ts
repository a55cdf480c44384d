import type { HighlightSegment } from '../../../../contracts/search.ts';
import { normalize } from '../text/segment.ts';
import { pinyinKey } from './keys.ts';

// Highlights are found in the normalized text (路燈 matches 路灯, ＡＢＣ matches abc) and
// shown on the original characters, so what the user sees is what was written.

// A private-use character survives NFKC, the traditional→simplified step and lower-casing,
// and is neither space nor control: standing in for whitespace it keeps one character of
// the normalized text per character of the original.
const keep = '\uE000';

/** The normalized form of each character of text (usually one character each). */
function normalizedChars(chars: string[]): string[] {
  const whole = [...normalize(chars.map((c) => (/[\s\p{Cc}\p{Cf}]/u.test(c) ? keep : c)).join(''))];
  if (whole.length === chars.length) return whole;
  return chars.map((c) => normalize(c) || c); // rare: a character NFKC expands (㎡ → m2)
}

/** Which characters of text are inside an occurrence of one of the needles. */
export function hitMask(text: string, needles: string[]): { chars: string[]; hits: boolean[] } {
  const chars = [...text];
  const norm = normalizedChars(chars);
  const hits = chars.map(() => false);
  for (const needle of new Set(needles.map((n) => [...normalize(n)]).filter((n) => n.length))) {
    for (let i = 0; i + needle.length <= norm.length; i++) {
      let ok = true;
      for (let j = 0; j < needle.length && ok; j++) ok = norm[i + j] === needle[j];
      if (ok) for (let j = 0; j < needle.length; j++) hits[i + j] = true;
    }
  }
  return { chars, hits };
}

function toSegments(chars: string[], hits: boolean[], from: number, to: number): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  for (let i = from; i < to; i++) {
    const last = out[out.length - 1];
    if (last && last.hit === hits[i]) last.text += chars[i];
    else out.push({ text: chars[i]!, hit: hits[i]! });
  }
  return out;
}

/** The whole text, highlighted. */
export function highlightAll(text: string, needles: string[]): HighlightSegment[] {
  const { chars, hits } = hitMask(text, needles);
  return toSegments(chars, hits, 0, chars.length);
}

/**
 * A window of the text around its first hit (or its beginning), highlighted. `shown`: that
 * many characters are already on screen (a concern's title): the window starts after them
 * unless the first hit lies further on.
 */
export function excerpt(
  text: string,
  needles: string[],
  length = 100,
  before = 20,
  shown = 0,
): HighlightSegment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const { chars, hits } = hitMask(flat, needles);
  const first = hits.indexOf(true, shown);
  const start = first - before > shown ? first - before : shown;
  const end = Math.min(chars.length, start + length);
  const segs = toSegments(chars, hits, start, end);
  if (start > 0) segs.unshift({ text: '…', hit: false });
  if (end < chars.length) segs.push({ text: '…', hit: false });
  return segs;
}

/**
 * For a query that matched only by its typo keys: the places in text spelled alike (all but
 * one character the same) or sounding alike (same pinyin, one character at least the same).
 */
export function similarNeedles(text: string, query: string): string[] {
  const q = [...normalize(query)];
  const chars = [...normalize(text.replace(/\s+/g, ' '))];
  const qKey = pinyinKey(q.join(''));
  const out = new Set<string>();
  for (let i = 0; i + q.length <= chars.length; i++) {
    const w = chars.slice(i, i + q.length);
    const same = w.filter((c, j) => c === q[j]).length;
    if (same === 0) continue;
    if ((q.length >= 3 && same >= q.length - 1) || pinyinKey(w.join('')) === qKey) out.add(w.join(''));
  }
  return [...out];
}
