// Studios keep China Standard Time (UTC+8 all year, no daylight saving), whatever the
// browser's own zone: a reception day at 9:00 is 9:00 in the studio, so format with +8 fixed.
const offsetMs = 8 * 3600_000;

export type Translate = (key: string, opts?: Record<string, unknown>) => string;

type RuleLike = { freq: 'monthly' | 'weekly'; day: number; startTime: string; endTime: string };
type OccurrenceLike = { startsAt: string; endsAt: string };

/** `YYYY-MM-DD` and `HH:mm` of an instant in studio time. */
export function studioTime(iso: string): { date: string; time: string } {
  const s = new Date(new Date(iso).getTime() + offsetMs).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}

/** Today's date in studio time. */
export const studioToday = (now: Date): string => studioTime(now.toISOString()).date;

/** A date and a wall-clock time in the studio → an ISO instant with its offset, as the API takes it. */
export const slotInstant = (date: string, time: string): string => `${date}T${time}:00+08:00`;

/** "9:00" reads better than "09:00" in Chinese office text. */
const short = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');

/** "每月15日 9:00–11:30" / "每周三 9:00–11:30" (or the English equivalents). */
export function ruleText(r: RuleLike, t: Translate): string {
  const time = `${short(r.startTime)}–${short(r.endTime)}`;
  return r.freq === 'monthly'
    ? t('studios.duty.monthlyText', { day: r.day, time })
    : t('studios.duty.weeklyText', { weekday: t(`studios.duty.weekday.${r.day}`), time });
}

/** "2025-03-15 9:00–11:30" in studio time. */
export function occurrenceText(o: OccurrenceLike): string {
  const a = studioTime(o.startsAt);
  const b = studioTime(o.endsAt);
  return a.date === b.date
    ? `${a.date} ${short(a.time)}–${short(b.time)}`
    : `${a.date} ${short(a.time)} – ${b.date} ${short(b.time)}`;
}

/** Today's duties, and the next ones after today (at most `next`), from a time-ordered list. */
export function todayAndNext<T extends OccurrenceLike>(
  occurrences: T[],
  now: Date,
  next = 3,
): { today: T[]; upcoming: T[] } {
  const today = studioToday(now);
  const sorted = [...occurrences].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return {
    today: sorted.filter((o) => studioTime(o.startsAt).date === today),
    upcoming: sorted.filter((o) => studioTime(o.startsAt).date > today).slice(0, next),
  };
}
