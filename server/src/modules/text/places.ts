// Place names in a concern: its `place` field and the names written in the text
// (锦绣华府小区, 张庄村, 胜利东路, 河西街道). They become their own low-weight features and are
// cut out of the words the topic is judged on, so two concerns from the same housing estate
// about different problems (school places vs kindergarten fees) are not grouped by the
// estate's name, while one problem at one place still gains a little from sharing it.

// Suffixes that end a place name. Hospitals, schools and parks are deliberately absent: 小学,
// 医院 and 公园 say what a concern is about, so they stay in the text.
import { tagWords } from './segment.ts';

const suffixes = [
  '街道',
  '社区',
  '小区',
  '家园',
  '花园',
  '新村',
  '大街',
  '大道',
  '村',
  '镇',
  '乡',
  '路',
  '街',
];

// Words ending like a place but naming a kind of thing (the road in front of the house, the
// countryside): rejected when a match ends with one of them.
const notPlaces = [
  '马路',
  '道路',
  '公路',
  '走路',
  '电路',
  '线路',
  '修路',
  '出路',
  '思路',
  '门路',
  '半路',
  '一路',
  '小路',
  '土路',
  '山路',
  '上路',
  '水泥路',
  '柏油路',
  '村路',
  '农村',
  '乡村',
  '山村',
  '城乡',
  '下乡',
  '回乡',
  '家乡',
  '老乡',
  '城镇',
  '乡镇',
  '村村',
  '邻村',
  '本村',
  '全村',
  '各村',
  '外村',
  '同村',
  '进村',
  '到村',
  '上街',
  '逛街',
  '沿街',
  '临街',
  '街街',
  '一条街',
];

// jieba's part-of-speech tags of the words a place name is made of (nouns, proper names,
// abbreviations); a match is trimmed on the left to the run of such words ('今年锦绣华府小区'
// → '锦绣华府小区', '明天早上胜利大街' → nothing usable).
const nameTags = new Set(['n', 'nr', 'nrt', 'ns', 'nz', 'nt', 'j', 'ng', 'eng']);

const adminSuffix =
  /(省|自治区|市|地区|盟|州|县|旗|区|镇|乡|街道|社区|村|小区|家园|花园|新村|路|街|大街|大道)/gu;

/**
 * Place names written in a text, in order of appearance, without duplicates. Read from jieba's
 * tagged words so a name ends on a word boundary (小区路灯 is not a road called 小区路) and starts
 * after the last word that is not part of a name (今年锦绣华府小区 → 锦绣华府小区).
 */
export function placesInText(normalized: string): string[] {
  return placesFromTagged(tagWords(normalized));
}

/** placesInText over words already tagged. */
export function placesFromTagged(words: readonly { word: string; tag: string }[]): string[] {
  const found: string[] = [];
  words.forEach((w, i) => {
    const suffix = suffixes.find((s) => w.word.endsWith(s));
    if (!suffix) return;
    let name = w.word;
    for (let j = i - 1; j >= 0 && nameTags.has(words[j]?.tag ?? '') && name.length < 10; j--) {
      name = (words[j]?.word ?? '') + name;
    }
    if (name.length - suffix.length < 2 || notPlaces.some((n) => name.endsWith(n))) return;
    if (!found.includes(name)) found.push(name);
  });
  return found;
}

/**
 * The parts of a `place` field, from the widest to the narrowest:
 * '衡水市桃城区锦绣华府7号楼' → ['衡水市', '桃城区', '锦绣华府']. Building, unit and house numbers
 * are dropped (neighbours in one estate are one place); 小区/社区 are dropped from estate names so
 * '锦绣华府小区' and '锦绣华府' are the same place.
 */
export function placeParts(normalizedPlace: string): string[] {
  const cleaned = normalizedPlace
    .replace(/[0-9０-９a-z]+\s*(号楼|号院|栋|幢|单元|号|楼|层|室|户)/gu, ' ')
    .replace(/[\p{P}\p{S}\s0-9]+/gu, ' ');
  const parts: string[] = [];
  for (const chunk of cleaned.split(' ')) {
    if (!chunk) continue;
    let last = 0;
    for (const m of chunk.matchAll(adminSuffix)) {
      const end = (m.index ?? 0) + m[0].length;
      if (end - last >= 2) parts.push(chunk.slice(last, end));
      last = end;
    }
    if (chunk.length - last >= 2) parts.push(chunk.slice(last));
  }
  return parts.map(placeKey).filter((p, i, all) => p.length >= 2 && all.indexOf(p) === i);
}

/** One spelling per place: '锦绣华府小区' and '锦绣华府' are the same estate. */
export function placeKey(name: string): string {
  return name.replace(/(小区|社区)$/u, '') || name;
}

/**
 * A finder of known place names in a text (a scope's gazetteer: the names its concerns' place
 * fields and texts give). Names are looked up by their first two characters at each position,
 * so the cost grows with the text, not with the number of names.
 */
export function placeFinder(names: Iterable<string>): (text: string) => string[] {
  const byStart = new Map<string, string[]>();
  for (const name of new Set(names)) {
    if (name.length < 3) continue;
    const key = name.slice(0, 2);
    byStart.set(key, [...(byStart.get(key) ?? []), name]);
  }
  return (text) => {
    const found = new Set<string>();
    for (let i = 0; i + 1 < text.length; i++) {
      for (const name of byStart.get(text.slice(i, i + 2)) ?? [])
        if (text.startsWith(name, i)) found.add(name);
    }
    return [...found];
  };
}
