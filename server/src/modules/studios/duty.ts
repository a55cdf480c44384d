import { localDate, localOffset } from '../../lib/local-date.ts';

// Reception days: recurring rules and one-off slots expanded into dated occurrences, in
// local time (lib/local-date.ts).

export type Rule = {
  id: string;
  freq: 'monthly' | 'weekly';
  day: number;
  startTime: string;
  endTime: string;
  personIds: string[];
  validFrom: string;
  validTo: string | null;
  note: string | null;
};
export type Slot = { id: string; startsAt: string; endsAt: string; personIds: string[]; note: string | null };
export type Occurrence = {
  startsAt: string;
  endsAt: string;
  source: 'rule' | 'slot';
  sourceId: string;
  personIds: string[];
  note: string | null;
};

export const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00${localOffset}`).toISOString();

/** ISO weekday, Monday = 1 … Sunday = 7. */
const weekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export function ruleMatches(r: Rule, date: string): boolean {
  if (date < r.validFrom || (r.validTo && date > r.validTo)) return false;
  // The 31st in a 30-day month is simply skipped, as offices do.
  return r.freq === 'monthly' ? Number(date.slice(8, 10)) === r.day : weekday(date) === r.day;
}

/** Occurrences starting on local dates from..to (inclusive), in time order. */
export function expandDuty(rules: Rule[], slots: Slot[], from: string, to: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    for (const r of rules)
      if (ruleMatches(r, d))
        out.push({
          startsAt: at(d, r.startTime),
          endsAt: at(d, r.endTime),
          source: 'rule',
          sourceId: r.id,
          personIds: r.personIds,
          note: r.note,
        });
  }
  for (const s of slots) {
    const day = localDate(new Date(s.startsAt));
    if (day >= from && day <= to)
      out.push({
        startsAt: new Date(s.startsAt).toISOString(),
        endsAt: new Date(s.endsAt).toISOString(),
        source: 'slot',
        sourceId: s.id,
        personIds: s.personIds,
        note: s.note,
      });
  }
  return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
