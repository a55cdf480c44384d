import { Alert, Card, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ConcernDetail } from '../../../../contracts/concerns.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { ConcernActions } from './concern-actions.tsx';
import { ConcernDetailView } from './concern-detail-view.tsx';
import { isOpen } from './concern-rules.ts';
import { RoutingCard } from './routing-card.tsx';

/** Passed on by the reader's side: where it went, who has it now; nothing to press. */
function FollowingBanner({ k }: { k: ConcernDetail }) {
  const { t } = useTranslation();
  const f = k.following;
  const how = !f
    ? null
    : f.via === 'transferred' && !f.to
      ? t('concerns.following.toStaff')
      : t(`concerns.following.${f.via}`, { to: f.to ?? k.committeeName });
  return (
    <Alert
      type="info"
      showIcon
      title={how ?? t('concerns.following.now', { committee: k.committeeName })}
      description={how ? t('concerns.following.now', { committee: k.committeeName }) : undefined}
    />
  );
}

/** One concern, for the member (from the inbox) or the staff (from the list): facts, history, actions. */
export function ConcernPage({ from }: { from: 'inbox' | 'concerns' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const detail = useLoad(() => call('GET /api/concerns/:id', { params: { id } }), [id]);
  const k = detail.data?.id === id ? detail.data : undefined;
  const back =
    from === 'inbox'
      ? { to: '/inbox', label: t('concerns.backToInbox') }
      : { to: '/concerns', label: t('concerns.backToList') };

  return (
    <>
      <Link to={back.to} className="lx-back">
        <ArrowLeftOutlined /> {back.label}
      </Link>
      <Link to={`${back.to}/${id}/print`} className="lx-print-link">
        {t('print.sheetLink')}
      </Link>
      <h1 className="lx-page-title">{t('concerns.detailTitle', { code: k?.trackingCode ?? '' })}</h1>
      {detail.error !== null && <Alert type="error" showIcon title={errorText(detail.error, lang)} />}
      {!k && detail.loading && <Spin />}
      {k && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {k.access === 'follow' ? (
            <FollowingBanner k={k} />
          ) : (
            <section aria-label={t('concerns.actions')}>
              <ConcernActions concern={k} onDone={detail.reload} />
            </section>
          )}
          {from === 'concerns' &&
            k.access === 'handle' &&
            isOpen(k.status) &&
            k.status !== 'reply_review' && <RoutingCard key={k.id} concernId={k.id} onDone={detail.reload} />}
          <Card>
            <ConcernDetailView k={k} />
          </Card>
        </Space>
      )}
    </>
  );
}
