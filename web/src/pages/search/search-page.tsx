import { useState } from 'react';
import { Alert, Card, Empty, List, Pagination, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { SearchHit, SearchKind } from '../../../../contracts/search.ts';
import { searchKinds } from '../../../../contracts/search.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { MemberDrawer } from '../members/member-drawer.tsx';
import type { DrawerState } from '../members/member-drawer.tsx';
import { concernStatuses } from '../../../../contracts/concerns.ts';
import type { ConcernStatus } from '../concerns/concern-rules.ts';
import { shortTime } from '../concerns/concern-rules.ts';
import { ConcernStatusTag } from '../concerns/concern-tags.tsx';
import { Highlighted } from './highlighted.tsx';

const pageSize = 20;

/** A concern's or a studio's status as it is now (a member's seat has none to show). */
function HitStatus({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  if (hit.kind === 'concern' && (concernStatuses as readonly string[]).includes(hit.status ?? ''))
    return <ConcernStatusTag status={hit.status as ConcernStatus} />;
  if (hit.kind === 'studio' && hit.status) return <Tag>{t(`studios.statusValue.${hit.status}`)}</Tag>;
  return null;
}
type Tab = SearchKind | 'all';

/** Results of the header search box: kind tabs with counts, highlighted excerpts, paging. */
export function SearchPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const account = useAccount();
  const member = account.role === 'member';
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const tab = (searchKinds as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as SearchKind)
    : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [drawer, setDrawer] = useState<DrawerState>(null);

  const res = useLoad(
    () =>
      q
        ? call('GET /api/search', {
            query: { q, kind: tab === 'all' ? undefined : tab, page, pageSize },
          })
        : Promise.resolve(undefined),
    [q, tab, page],
  );
  const data = res.data;
  const go = (next: { kind?: Tab; page?: number }) => {
    const p = new URLSearchParams(params);
    if (next.kind !== undefined) {
      if (next.kind === 'all') p.delete('kind');
      else p.set('kind', next.kind);
      p.delete('page');
    }
    if (next.page !== undefined) p.set('page', String(next.page));
    setParams(p);
  };

  const kinds = searchKinds.filter((k) => !(member && k === 'member'));
  const count = (k: Tab) =>
    data ? (k === 'all' ? kinds.reduce((n, x) => n + data.counts[x], 0) : data.counts[k]) : 0;
  const tabs: Tab[] = ['all', ...kinds];

  const target = (hit: SearchHit) => {
    if (hit.kind === 'concern') return member ? `/inbox/${hit.id}` : `/concerns/${hit.id}`;
    if (hit.kind === 'studio' && !member) return `/studios/${hit.id}`;
    return null;
  };
  const titleOf = (hit: SearchHit) => {
    // A concern is named by its category and first words; a studio or member by its name.
    const text = (
      <>
        {hit.category &&
          t('common.labelled', { label: t(`concerns.categoryValue.${hit.category}`), value: '' })}
        <Highlighted segments={hit.title} />
      </>
    );
    if (hit.kind === 'member')
      return (
        <Typography.Link onClick={() => setDrawer({ mode: 'view', id: hit.id })}>{text}</Typography.Link>
      );
    const to = target(hit);
    return to ? <Link to={to}>{text}</Link> : text;
  };

  return (
    <>
      <h1 className="lx-page-title">{q ? t('search.titleFor', { q }) : t('search.title')}</h1>
      {!q && <Empty description={t('search.enterQuery')} />}
      {q && (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => go({ kind: k as Tab })}
            items={tabs.map((k) => ({
              key: k,
              label: `${k === 'all' ? t('common.all') : t(`search.kind.${k}`)} (${count(k)}${data?.capped ? '+' : ''})`,
            }))}
          />
          {res.error !== null && <Alert type="error" showIcon title={errorText(res.error, lang)} />}
          {data?.mode === 'similar' && data.items.length > 0 && (
            <Alert type="info" showIcon title={t('search.similar', { q })} style={{ marginBottom: 12 }} />
          )}
          {data?.capped && <Typography.Paragraph type="secondary">{t('search.capped')}</Typography.Paragraph>}
          <List
            loading={res.loading}
            dataSource={data?.items ?? []}
            // antd greys its empty text below AA contrast: a text of our own keeps it readable.
            locale={{ emptyText: <Typography.Text>{t('search.none', { q })}</Typography.Text> }}
            renderItem={(hit) => (
              <List.Item key={`${hit.kind}/${hit.id}`}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Tag color="geekblue">{t(`search.kind.${hit.kind}`)}</Tag>
                      {titleOf(hit)}
                      <HitStatus hit={hit} />
                    </Space>
                  }
                  description={
                    <>
                      {hit.excerpt.length > 0 && (
                        <div className="lx-search-excerpt">
                          <Highlighted segments={hit.excerpt} />
                        </div>
                      )}
                      <Typography.Text type="secondary" className="lx-search-meta">
                        {[
                          hit.committeeName,
                          shortTime(hit.date).slice(0, 10),
                          hit.trackingCode ? `${t('concerns.trackingCode')} ${hit.trackingCode}` : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
          {data && data.total > pageSize && (
            <Pagination
              current={page}
              pageSize={pageSize}
              total={data.total}
              showSizeChanger={false}
              onChange={(p) => go({ page: p })}
              showTotal={(total) => t('common.total', { total })}
              style={{ marginTop: 16, textAlign: 'right' }}
            />
          )}
        </Card>
      )}
      {!member && (
        <MemberDrawer
          state={drawer}
          defaultCommitteeId={account.committeeId}
          onClose={() => setDrawer(null)}
          onChange={setDrawer}
          onSaved={res.reload}
        />
      )}
    </>
  );
}
