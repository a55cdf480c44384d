// Every time an office reads is China Standard Time (UTC+8 all year, no daylight saving), the
// committee's time, whatever the zone of the browser or the server.
const offsetMs = 8 * 3600_000;

/** "2026-12-03 09:05:07" for an instant; '' for none or garbage. */
export function chinaTime(iso: string | Date | null, unit: 'minute' | 'second' = 'second'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + offsetMs)
    .toISOString()
    .slice(0, unit === 'second' ? 19 : 16)
    .replace('T', ' ');
}
