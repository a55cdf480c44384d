// Working days (工作日) as offices count deadlines: Monday to Friday in China Standard Time.
// Public holidays and the weekends worked in exchange (调休) are not known here; a committee
// that needs one sets the deadline by date instead.
const offsetMs = 8 * 3600_000;
const dayMs = 86400_000;

const weekday = (d: Date) => new Date(d.getTime() + offsetMs).getUTCDay();
const isWorkingDay = (d: Date) => weekday(d) !== 0 && weekday(d) !== 6;

/** The same time of day `n` working days after `from` (a weekend start counts from Monday). */
export function addWorkingDays(from: Date, n: number): Date {
  let d = new Date(from.getTime());
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + dayMs);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
