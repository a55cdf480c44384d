import { pinyin } from 'pinyin-pro';

// Chinese names sort by pinyin, and staff type initials to find someone (zls → 张丽霜).
// surname mode reads 单, 曾, 解… as surnames are read.
export function nameKeys(name: string): { pinyin: string; initials: string } {
  const full = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  const initials = pinyin(name, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'consecutive',
  });
  return { pinyin: full.join(' ').toLowerCase(), initials: initials.join('').toLowerCase() };
}

/** Escapes % _ \ for a LIKE pattern. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
