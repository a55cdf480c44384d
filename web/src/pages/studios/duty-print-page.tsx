import { Alert, Button, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { DutyOccurrence, Studio } from '../../../../contracts/studios.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { studioTime, studioToday } from './duty-format.ts';
import '../../print.css';

/** The first and last day of a `YYYY-MM` month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const monthRe = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A studio's duty roster for one month on A4, to pin beside its door: every reception day and
 * slot of the month with who is on duty, and where and how to reach the studio. The month is
 * in the address (?month=2026-12), so a printed link or a reload shows the same month.
 */
export function DutyPrintPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const asked = search.get('month') ?? '';
  const month = monthRe.test(asked) ? asked : studioToday(new Date()).slice(0, 7);
  const { from, to } = monthRange(month);
  const studio = useLoad(() => call('GET /api/studios/:id', { params: { id } }), [id]);
  const roster = useLoad(
    () => call('GET /api/studios/:id/duty', { params: { id }, query: { from, to } }),
    [id, from, to],
  );
  const error = studio.error ?? roster.error;
  const ready = studio.data && roster.data;
  return (
    <>
      <div className="lx-print-tools">
        <Link to={`/studios/${id}`} className="lx-back">
          <ArrowLeftOutlined /> {t('print.backToStudio')}
        </Link>
        <label htmlFor="duty-month">{t('print.month')}</label>
        <input
          id="duty-month"
          type="month"
          value={month}
          onChange={(e) => monthRe.test(e.target.value) && setSearch({ month: e.target.value })}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!ready}>
          {t('print.print')}
        </Button>
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} />}
      {!ready && error === null && <Spin />}
      {studio.data && roster.data && (
        <DutySheet studio={studio.data} month={month} occurrences={roster.data.occurrences} />
      )}
    </>
  );
}

function DutySheet({
  studio,
  month,
  occurrences,
}: {
  studio: Studio;
  month: string;
  occurrences: DutyOccurrence[];
}) {
  const { t } = useTranslation();
  const [y, m] = month.split('-').map(Number) as [number, number];
  const inMonth = [...occurrences]
    .filter((o) => studioTime(o.startsAt).date.startsWith(month))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const weekday = (date: string) =>
    t(`studios.duty.weekday.${((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1}`);
  return (
    <article className="lx-sheet" aria-labelledby="duty-sheet-title">
      <h1 id="duty-sheet-title">{t('print.dutyTitle', { name: studio.name, year: y, month: m })}</h1>
      <p className="lx-sheet-sub">{studio.committeeName}</p>
      <table>
        <colgroup>
          <col style={{ width: '16%' }} />
          <col style={{ width: '9%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '36%' }} />
          <col style={{ width: '22%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('print.date')}</th>
            <th scope="col">{t('print.weekday')}</th>
            <th scope="col">{t('print.time')}</th>
            <th scope="col">{t('print.onDuty')}</th>
            <th scope="col">{t('print.note')}</th>
          </tr>
        </thead>
        <tbody>
          {inMonth.length === 0 && (
            <tr>
              <td colSpan={5}>{t('print.noDuty')}</td>
            </tr>
          )}
          {inMonth.map((o) => {
            const a = studioTime(o.startsAt);
            const b = studioTime(o.endsAt);
            return (
              <tr key={`${o.sourceId}-${o.startsAt}`}>
                <td>
                  {t('print.dayOfMonth', { month: Number(a.date.slice(5, 7)), day: Number(a.date.slice(8)) })}
                </td>
                <td>{weekday(a.date)}</td>
                <td>
                  {a.time}–{b.time}
                </td>
                <td>{o.people.map((p) => p.name).join('、') || t('studios.duty.nobody')}</td>
                <td>{o.note ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p style={{ marginTop: 16 }}>
        {studio.address && (
          <>
            {t('studios.address')}：{studio.address}
            <br />
          </>
        )}
        {studio.hotline && (
          <>
            {t('studios.hotline')}：{studio.hotline}
            <br />
          </>
        )}
        {t('print.scanHint', { url: studio.publicUrl })}
      </p>
    </article>
  );
}
