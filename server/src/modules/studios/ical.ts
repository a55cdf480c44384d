import { escape, foldLines } from 'ical-generator';
import type { Rule, Slot } from './duty.ts';

// RFC 5545 calendars of reception days. Times are written in Asia/Shanghai local time with
// its VTIMEZONE, so a recurring "15th, 9:00" stays the 15th at 9:00 in any calendar app.
// (ical-generator formats Date values in the server process's own zone, which would make
// the file depend on the machine's TZ; its escaping and line folding are used here.)
const vtimezone = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'BEGIN:STANDARD',
  'DTSTART:19910915T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
];
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const compact = (s: string) => s.replace(/[-:]/g, '');
/** An instant as Shanghai local time: 20261115T090000 */
const local = (d: Date) => compact(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19));
const utc = (d: Date) => `${compact(d.toISOString().slice(0, 19))}Z`;
const text = (s: string) => escape(s, false);

/** The first date on or after validFrom that the rule falls on. */
function firstDate(r: Rule): string | null {
  const d = new Date(`${r.validFrom}T00:00:00Z`);
  for (let i = 0; i < 400; i++) {
    const date = d.toISOString().slice(0, 10);
    if (r.validTo && date > r.validTo) return null;
    const hit = r.freq === 'monthly' ? d.getUTCDate() === r.day : ((d.getUTCDay() + 6) % 7) + 1 === r.day;
    if (hit) return date;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return null;
}

export function dutyCalendar(opts: {
  name: string;
  url: string;
  now: Date;
  rules: (Rule & { studioId: string })[];
  slots: (Slot & { studioId: string })[];
  studio: (studioId: string) => { name: string; address: string | null };
  people: (ids: string[]) => string;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lianxin//duty roster//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  lines.push(`X-WR-CALNAME:${text(opts.name)}`, 'X-WR-TIMEZONE:Asia/Shanghai', ...vtimezone);
  const event = (
    uid: string,
    start: Date,
    end: Date,
    summary: string,
    studioId: string,
    personIds: string[],
    note: string | null,
    rrule?: string,
  ) => {
    const s = opts.studio(studioId);
    const who = opts.people(personIds);
    const description = [who && `值班委员：${who}`, note, opts.url].filter(Boolean).join('\n');
    lines.push('BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${utc(opts.now)}`);
    lines.push(`DTSTART;TZID=Asia/Shanghai:${local(start)}`, `DTEND;TZID=Asia/Shanghai:${local(end)}`);
    if (rrule) lines.push(`RRULE:${rrule}`);
    lines.push(`SUMMARY:${text(`${s.name} ${summary}`)}`, `DESCRIPTION:${text(description)}`);
    if (s.address) lines.push(`LOCATION:${text(s.address)}`);
    lines.push('END:VEVENT');
  };
  for (const r of opts.rules) {
    const first = firstDate(r);
    if (!first) continue;
    const by =
      r.freq === 'monthly' ? `FREQ=MONTHLY;BYMONTHDAY=${r.day}` : `FREQ=WEEKLY;BYDAY=${weekdays[r.day - 1]}`;
    const until = r.validTo ? `;UNTIL=${utc(new Date(`${r.validTo}T23:59:59+08:00`))}` : '';
    event(
      `rule-${r.id}@lianxin`,
      new Date(`${first}T${r.startTime}:00+08:00`),
      new Date(`${first}T${r.endTime}:00+08:00`),
      '委员接待日',
      r.studioId,
      r.personIds,
      r.note,
      by + until,
    );
  }
  for (const sl of opts.slots)
    event(
      `slot-${sl.id}@lianxin`,
      new Date(sl.startsAt),
      new Date(sl.endsAt),
      '委员值班',
      sl.studioId,
      sl.personIds,
      sl.note,
    );
  lines.push('END:VCALENDAR');
  return foldLines(lines.join('\r\n')) + '\r\n';
}
