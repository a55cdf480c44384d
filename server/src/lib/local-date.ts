// Committees keep local time; China Standard Time is UTC+8 all year, so a fixed offset is exact.
export const localOffset = '+08:00';
const offsetMs = 8 * 3600_000;

/** The local calendar date (YYYY-MM-DD) of an instant. */
export const localDate = (d: Date) => new Date(d.getTime() + offsetMs).toISOString().slice(0, 10);
