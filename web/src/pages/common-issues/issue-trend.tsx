import { useTranslation } from 'react-i18next';
import type { DayCount } from './issue-trend.ts';
import { barsOf, fillDays } from './issue-trend.ts';

const width = 320;
const height = 80;

/**
 * Concerns per day as a plain inline SVG (no chart library for one small chart): the image has
 * an accessible name that says what it shows, and the same numbers are in a table for screen
 * readers (visually hidden on screen, printed under the chart).
 */
export function TrendChart({ byDay }: { byDay: DayCount[] }) {
  const { t } = useTranslation();
  const days = fillDays(byDay);
  if (days.length === 0) return null;
  const bars = barsOf(days, width, height);
  const total = days.reduce((n, d) => n + d.count, 0);
  const from = days[0]!.label;
  const to = days[days.length - 1]!.label;
  return (
    <figure className="lx-ci-trend">
      <svg
        role="img"
        aria-label={t('commonIssues.trendChart', { from, to, total })}
        viewBox={`0 0 ${width} ${height + 1}`}
        preserveAspectRatio="none"
        width="100%"
        height={height}
      >
        {bars.map((b) => (
          <rect key={b.label} x={b.x} y={b.y} width={b.width} height={b.height} fill="#1677ff">
            <title>{`${b.label}: ${b.count}`}</title>
          </rect>
        ))}
        <line x1={0} x2={width} y1={height + 0.5} y2={height + 0.5} stroke="#8c8c8c" strokeWidth={1} />
      </svg>
      <figcaption className="lx-ci-trend-axis" aria-hidden="true">
        <span>{from}</span>
        {to !== from && <span>{to}</span>}
      </figcaption>
      <table className="lx-sr-only lx-ci-print-table">
        <caption>{t('commonIssues.trend')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('commonIssues.day')}</th>
            <th scope="col">{t('commonIssues.count')}</th>
          </tr>
        </thead>
        <tbody>
          {byDay.map((d) => (
            <tr key={d.label}>
              <td>{d.label}</td>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Counts by place as a short list with proportional bars (the places with most concerns first). */
export function PlaceCounts({
  byPlace,
  limit = 8,
}: {
  byPlace: (DayCount & { parts?: DayCount[] })[];
  limit?: number;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...byPlace.map((p) => p.count));
  return (
    <ul className="lx-ci-places">
      {byPlace.slice(0, limit).map((p) => (
        <li key={p.label}>
          <span className="lx-ci-place-label">
            <span>{p.label}</span>
            {p.parts && p.parts.length > 0 && (
              <span className="lx-hint lx-ci-place-parts">
                {t('commonIssues.placeParts', {
                  parts: p.parts.map((x) => `${x.label} ${x.count}`).join('、'),
                })}
              </span>
            )}
          </span>
          <span className="lx-ci-place-bar" aria-hidden="true">
            <span style={{ width: `${(p.count / max) * 100}%` }} />
          </span>
          <span className="lx-ci-place-count">{p.count}</span>
        </li>
      ))}
    </ul>
  );
}
