import { Alert, Button, Pagination, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { inboxBuckets } from '../../../../contracts/concerns.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { ConcernCard } from './concern-card.tsx';

type Bucket = (typeof inboxBuckets)[number];
const pageSize = 20;

/** A member's concerns, phone first: tabs with counts, one card per concern. */
export function InboxPage() {
  const { t } = useTranslation();
  const lang = useLang();
  // Tab and page live in the URL, so "back" from a concern returns to the same place.
  const [params, setParams] = useSearchParams();
  const bucket = (inboxBuckets as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Bucket)
    : 'new';
  const page = Math.max(1, Number(params.get('page')) || 1);
  // One studio's concerns only (the workbench links here from a studio's waiting count).
  const studioId = params.get('studioId') ?? undefined;
  const list = useLoad(
    () => call('GET /api/concerns/inbox', { query: { bucket, page, pageSize, studioId } }),
    [bucket, page, studioId],
  );
  const keep: Record<string, string> = studioId ? { studioId } : {};
  const counts = list.data?.counts;
  const count: Record<Bucket, number | undefined> = {
    new: counts?.new,
    in_progress: counts?.inProgress,
    overdue: counts?.overdue,
    all: undefined,
  };
  const label = (b: Bucket) =>
    count[b] === undefined
      ? t(`concerns.tabs.${b}`)
      : t('concerns.tabCount', { label: t(`concerns.tabs.${b}`), n: count[b] });

  const body = (
    <>
      {studioId && list.data && (
        <p className="lx-hint" role="status">
          {t('concerns.studioFilter', { name: list.data.items[0]?.studioName ?? '' })} ·{' '}
          {t('common.total', { total: list.data.total })}{' '}
          <Button type="link" onClick={() => setParams({ tab: bucket })}>
            {t('concerns.studioFilterClear')}
          </Button>
        </p>
      )}
      {list.error !== null && <Alert type="error" showIcon title={errorText(list.error, lang)} />}
      {list.loading && !list.data && <Spin />}
      {list.data && list.data.items.length === 0 && <p className="lx-hint">{t('concerns.empty')}</p>}
      <ul className="lx-cards" aria-busy={list.loading}>
        {(list.data?.items ?? []).map((k) => (
          <li key={k.id}>
            <ConcernCard k={k} to={`/inbox/${k.id}`} />
          </li>
        ))}
      </ul>
      {(list.data?.total ?? 0) > pageSize && (
        <Pagination
          current={page}
          pageSize={pageSize}
          total={list.data?.total ?? 0}
          showSizeChanger={false}
          onChange={(p) => setParams({ tab: bucket, page: String(p), ...keep })}
        />
      )}
    </>
  );

  return (
    <>
      <h1 className="lx-page-title">{t('concerns.inboxTitle')}</h1>
      {/* A tablist of plain buttons, not antd Tabs: on a 375 px phone Tabs hides tabs behind a
          "more" menu, and these labels carry counts a member must see at a glance; these wrap. */}
      <div className="lx-buckets" role="tablist" aria-label={t('concerns.inboxTitle')}>
        {inboxBuckets.map((b) => (
          <Button
            key={b}
            id={`inbox-tab-${b}`}
            role="tab"
            aria-selected={b === bucket}
            aria-controls="inbox-panel"
            size="large"
            type={b === bucket ? 'primary' : 'default'}
            danger={b === 'overdue' && (count.overdue ?? 0) > 0 && b !== bucket}
            onClick={() => setParams({ tab: b, ...keep })}
          >
            {label(b)}
          </Button>
        ))}
      </div>
      <div id="inbox-panel" role="tabpanel" aria-labelledby={`inbox-tab-${bucket}`}>
        {body}
      </div>
    </>
  );
}
