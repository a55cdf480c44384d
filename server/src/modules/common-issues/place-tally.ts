// A common issue's places as one list an office can read: citizens type the same road as
// 振兴路, 城关镇振兴路 and 振兴路县医院附近. A place that contains a shorter one is a part of it
// (the shortest one it contains, the most named if several): the tally shows 振兴路 with three
// parts, and its count is theirs together. Names of one character never absorb others.

export type PlaceCount = { label: string; count: number };
export type PlaceGroup = PlaceCount & { parts: PlaceCount[] };

const byCount = (a: PlaceCount, b: PlaceCount) =>
  b.count - a.count || a.label.localeCompare(b.label, 'zh-CN');

export function mergePlaces(counts: readonly PlaceCount[]): PlaceGroup[] {
  const own = new Map<string, number>();
  for (const c of counts) {
    const label = c.label.trim();
    if (label) own.set(label, (own.get(label) ?? 0) + c.count);
  }
  const labels = [...own.keys()];
  // The place each label belongs to: the shortest other label it contains (ties: most named).
  const rootOf = new Map<string, string>();
  for (const label of labels) {
    const inside = labels
      .filter((o) => o !== label && [...o].length >= 2 && label.includes(o))
      .sort((a, b) => [...a].length - [...b].length || own.get(b)! - own.get(a)!);
    rootOf.set(label, inside[0] ?? label);
  }
  // Follow to the end (a part of a part), so every label lands on a place that is no one's part.
  const root = (label: string): string => {
    const r = rootOf.get(label)!;
    return r === label ? label : root(r);
  };
  const groups = new Map<string, PlaceGroup>();
  for (const label of labels) {
    const r = root(label);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { label: r, count: 0, parts: [] }));
    g.count += own.get(label)!;
    if (label !== r) g.parts.push({ label, count: own.get(label)! });
  }
  const out = [...groups.values()].sort(byCount);
  for (const g of out) g.parts.sort(byCount);
  return out;
}
