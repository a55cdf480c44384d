import { Descriptions, Image, Tag, Timeline } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ConcernDetail } from '../../../../contracts/concerns.ts';
import { ConcernPhone } from './concern-phone.tsx';
import { shortTime } from './concern-rules.ts';
import { eventSentence } from './concern-story.ts';
import { ConcernStatusTag, DueText } from './concern-tags.tsx';

type Event = ConcernDetail['events'][number];

/** Everything about one concern: the facts, the citizen's text and photos, the whole history. */
export function ConcernDetailView({ k }: { k: ConcernDetail }) {
  const { t } = useTranslation();

  const eventLine = (e: Event) => {
    return (
      <div>
        <div>
          <strong>{t(`concerns.eventValue.${e.kind}`, { defaultValue: e.kind })}</strong>{' '}
          <span className="lx-hint">{shortTime(e.at)}</span>
        </div>
        <div className="lx-event-story">{eventSentence(e, t)}</div>
        {e.publicText && <p className="lx-pre">{e.publicText}</p>}
        {e.note && (
          <p className="lx-pre lx-hint">
            {t('common.labelled', { label: t('concerns.reason'), value: e.note })}
          </p>
        )}
      </div>
    );
  };

  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'status',
            label: t('concerns.status'),
            children: (
              <>
                <ConcernStatusTag status={k.status} />
                {k.serviceDeed && (
                  <Tag color="green" icon={<StarFilled aria-hidden />}>
                    {t('concerns.serviceDeed')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            key: 'category',
            label: t('concerns.category'),
            children: t(`concerns.categoryValue.${k.category}`),
          },
          { key: 'code', label: t('concerns.trackingCode'), children: k.trackingCode },
          { key: 'submitted', label: t('concerns.submittedAt'), children: shortTime(k.submittedAt) },
          {
            key: 'due',
            label: t('concerns.dueAt'),
            children: <DueText dueAt={k.dueAt} overdue={k.overdue} status={k.status} />,
          },
          { key: 'committee', label: t('concerns.committee'), children: k.committeeName },
          { key: 'studio', label: t('concerns.studio'), children: k.studioName ?? t('concerns.unassigned') },
          { key: 'member', label: t('concerns.member'), children: k.personName ?? t('concerns.unassigned') },
          ...(k.handlerName
            ? [{ key: 'handler', label: t('concerns.handler'), children: k.handlerName }]
            : []),
          ...(k.handlerDepartmentName
            ? [
                {
                  key: 'department',
                  label: t('concerns.department'),
                  children: (
                    <>
                      {k.handlerDepartmentName}
                      {k.returnUntil && k.status !== 'answered' && k.status !== 'closed' && (
                        <div className="lx-hint">
                          {t('concerns.returnUntil')} {shortTime(k.returnUntil)}
                        </div>
                      )}
                    </>
                  ),
                },
              ]
            : []),
          {
            key: 'phone',
            label: t('concerns.phone'),
            children: (
              <ConcernPhone concernId={k.id} masked={k.phoneMasked} readOnly={k.access === 'follow'} />
            ),
          },
          ...(k.serviceDeed
            ? [
                {
                  key: 'deed',
                  label: t('concerns.serviceDeedResult'),
                  span: 'filled' as const,
                  children: (
                    <>
                      <p className="lx-pre" style={{ margin: 0 }}>
                        {k.serviceDeed.result}
                      </p>
                      <span className="lx-hint">
                        {t('concerns.serviceDeedAt', { at: shortTime(k.serviceDeed.at) })}
                      </span>
                    </>
                  ),
                },
              ]
            : []),
          ...(k.place ? [{ key: 'place', label: t('concerns.place'), children: k.place }] : []),
          ...(k.rating
            ? [
                {
                  key: 'rating',
                  label: t('concerns.rating'),
                  children: k.ratingComment
                    ? t('common.labelled', {
                        label: t(`concerns.ratingValue.${k.rating}`),
                        value: k.ratingComment,
                      })
                    : t(`concerns.ratingValue.${k.rating}`),
                },
              ]
            : []),
          ...(k.reopenCount > 0
            ? [{ key: 'reopen', label: t('concerns.reopenCount'), children: String(k.reopenCount) }]
            : []),
        ]}
      />
      {k.reviewReply && (
        <>
          <h2 className="lx-section-title" style={{ marginTop: 24 }}>
            {t('concerns.reviewReply')}
          </h2>
          <p className="lx-pre">{k.reviewReply}</p>
        </>
      )}
      <h2 className="lx-section-title" style={{ marginTop: 24 }}>
        {t('concerns.text')}
      </h2>
      <p className="lx-pre lx-concern-text">{k.text}</p>
      {k.photos.length > 0 && (
        <>
          <h2 className="lx-section-title" style={{ marginTop: 24 }}>
            {t('concerns.photos')}
          </h2>
          <Image.PreviewGroup>
            <div className="lx-photos">
              {k.photos.map((p) => (
                <Image
                  key={p.id}
                  src={p.thumbUrl}
                  preview={{ src: p.url }}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  alt={t('concerns.photoAlt', { n: p.seq })}
                />
              ))}
            </div>
          </Image.PreviewGroup>
        </>
      )}
      <h2 className="lx-section-title" style={{ marginTop: 24 }}>
        {t('concerns.history')}
      </h2>
      <Timeline items={k.events.map((e) => ({ key: e.id, content: eventLine(e) }))} />
    </>
  );
}
