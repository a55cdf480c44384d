// Pure helpers behind the common-issue trend chart, unit-tested in common-issues.test.ts.

export type DayCount = { label: string; count: number };

const dayMs = 86_400_000;

/**
 * The server lists only days that had concerns; a trend must show the quiet days too, or
 * three concerns over a month look like three in a row. Fills every day from the first to
 * the last (at most `maxDays`, keeping the most recent ones).
 */
export function fillDays(byDay: DayCount[], maxDays = 60): DayCount[] {
  const valid = byDay.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.label));
  if (valid.length === 0) return [];
  const counts = new Map(valid.map((d) => [d.label, d.count]));
  const sorted = [...counts.keys()].sort();
  const first = Date.parse(sorted[0]! + 'T00:00:00Z');
  const last = Date.parse(sorted[sorted.length - 1]! + 'T00:00:00Z');
  const start = Math.max(first, last - (maxDays - 1) * dayMs);
  const out: DayCount[] = [];
  for (let t = start; t <= last; t += dayMs) {
    const label = new Date(t).toISOString().slice(0, 10);
    out.push({ label, count: counts.get(label) ?? 0 });
  }
  return out;
}

export type Bar = { label: string; count: number; x: number; y: number; width: number; height: number };

/** Bars of a small chart `width`×`height` (with `gap` between bars), tallest bar = full height. */
export function barsOf(days: DayCount[], width: number, height: number, gap = 2): Bar[] {
  if (days.length === 0) return [];
  const max = Math.max(1, ...days.map((d) => d.count));
  const w = Math.max(1, (width - gap * (days.length - 1)) / days.length);
  return days.map((d, i) => {
    const h = d.count === 0 ? 0 : Math.max(2, (d.count / max) * height);
    return { label: d.label, count: d.count, x: i * (w + gap), y: height - h, width: w, height: h };
  });
}
