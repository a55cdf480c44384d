import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import type { concernSummary } from '../../../../contracts/concerns.ts';
import { shortTime } from './concern-rules.ts';
import { ConcernStatusTag, DueText } from './concern-tags.tsx';

type Summary = z.infer<typeof concernSummary>;

/** One concern in the inbox: a big tap target (the whole card is the link), the text first. */
export function ConcernCard({ k, to }: { k: Summary; to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="lx-card-link">
      <div className="lx-card-tags">
        <ConcernStatusTag status={k.status} />
        <Tag>{t(`concerns.categoryValue.${k.category}`)}</Tag>
        {k.overdue && <Tag color="red">{t('concerns.overdue')}</Tag>}
      </div>
      <p className="lx-card-text">{k.excerpt}</p>
      <div className="lx-hint lx-card-meta">
        <span>
          {t('concerns.trackingCode')} {k.trackingCode}
        </span>
        <span>
          {t('concerns.submittedAt')} {shortTime(k.submittedAt)}
        </span>
        {k.dueAt && (
          <span>
            {t('concerns.dueAt')} <DueText dueAt={k.dueAt} overdue={false} status={k.status} />
          </span>
        )}
        {k.studioName && <span>{k.studioName}</span>}
      </div>
    </Link>
  );
}
