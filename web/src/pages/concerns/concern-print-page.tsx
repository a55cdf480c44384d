import type { ReactNode } from 'react';
import { Alert, Button, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ConcernDetail } from '../../../../contracts/concerns.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { useCommittees } from '../org/committees.ts';
import { shortTime } from './concern-rules.ts';
import '../../print.css';

type Event = ConcernDetail['events'][number];

/**
 * A concern's handling sheet (办理单) on one A4 sheet, as offices file it: the facts, what the
 * citizen wrote, where it went and who handled it, every step, the answer and the rating, and
 * lines for the signatures. The citizen's phone is masked: the sheet leaves the screen.
 */
export function ConcernPrintPage({ from }: { from: 'inbox' | 'concerns' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const detail = useLoad(() => call('GET /api/concerns/:id', { params: { id } }), [id]);
  const k = detail.data?.id === id ? detail.data : undefined;
  return (
    <>
      <div className="lx-print-tools">
        <Link to={`/${from}/${id}`} className="lx-back">
          <ArrowLeftOutlined /> {t('print.backToConcern')}
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!k}>
          {t('print.print')}
        </Button>
        <span className="lx-hint">{t('print.hint')}</span>
      </div>
      {detail.error !== null && <Alert type="error" showIcon title={errorText(detail.error, lang)} />}
      {!k && detail.loading && <Spin />}
      {k && <HandlingSheet k={k} />}
    </>
  );
}

function HandlingSheet({ k }: { k: ConcernDetail }) {
  const { t } = useTranslation();
  const { items: committees } = useCommittees();
  const committeeName = (cid: string | null) => (cid && committees?.find((c) => c.id === cid)?.name) || '';
  const last = (kind: Event['kind']) => k.events.filter((e) => e.kind === kind).at(-1);
  const answer = last('answered');
  const closed = last('closed');
  const handlers = [
    ...new Set(
      [
        k.personName && t('print.memberName', { name: k.personName }),
        k.handlerDepartmentName,
        ...k.events
          .filter((e) => e.actorKind === 'member' || e.actorKind === 'staff')
          .map((e) => e.actorLabel),
      ].filter((x): x is string => Boolean(x)),
    ),
  ];
  const route = [k.committeeName, k.studioName, k.personName && t('print.memberName', { name: k.personName })]
    .filter(Boolean)
    .join(' → ');
  const moves = k.events
    .filter((e) => e.fromCommitteeId && e.toCommitteeId && e.fromCommitteeId !== e.toCommitteeId)
    .map((e) => `${committeeName(e.fromCommitteeId)} → ${committeeName(e.toCommitteeId)}`);
  const rows: [string, ReactNode][] = [
    [t('print.trackingCode'), k.trackingCode],
    [t('concerns.category'), t(`concerns.categoryValue.${k.category}`)],
    [t('print.submittedAt'), shortTime(k.submittedAt)],
    [t('print.dueAt'), shortTime(k.dueAt)],
    [t('print.closedAt'), closed ? shortTime(closed.at) : t(`concerns.statusValue.${k.status}`)],
    [t('print.citizen'), k.phoneMasked ?? t('print.anonymous')],
    [t('print.text'), <p className="lx-pre">{k.text}</p>],
    [t('print.place'), k.place ?? ''],
    [t('print.route'), [route, ...moves].join('；')],
    [t('print.handlers'), handlers.join('、')],
    [
      t('print.timeline'),
      <ol>
        {k.events.map((e) => (
          <li key={e.id}>
            {shortTime(e.at)} {t(`concerns.eventValue.${e.kind}`, { defaultValue: e.kind })}
            {' · '}
            {e.actorLabel ?? t(`concerns.actorValue.${e.actorKind}`)}
            {e.note ? `（${e.note}）` : ''}
          </li>
        ))}
      </ol>,
    ],
    [t('print.answer'), <p className="lx-pre">{answer?.publicText ?? k.reviewReply ?? ''}</p>],
    [
      t('print.rating'),
      k.rating
        ? `${t(`concerns.ratingValue.${k.rating}`)}${k.ratingComment ? `：${k.ratingComment}` : ''}`
        : t('print.notRated'),
    ],
  ];
  return (
    <article className="lx-sheet" aria-labelledby="sheet-title">
      <h1 id="sheet-title">{t('print.sheetTitle')}</h1>
      <p className="lx-sheet-sub">{k.committeeName}</p>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="lx-signs">
        {[t('print.signHandler'), t('print.signDate'), t('print.signReviewer'), t('print.signDate')].map(
          (label, i) => (
            <div className="lx-sign" key={i}>
              <span>{label}</span>
              <span aria-hidden />
            </div>
          ),
        )}
      </div>
    </article>
  );
}
