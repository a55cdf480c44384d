import { useState } from 'react';
import { Alert, Card, Col, Row, Select, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { concernStatuses } from '../../../../contracts/concerns.ts';
import type { concernList } from '../../../../contracts/concerns.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import type { ConcernStatus } from './concern-rules.ts';
import { shortTime } from './concern-rules.ts';
import { ConcernStatusTag, DueText } from './concern-tags.tsx';

type Page = z.infer<typeof concernList>;
type Row = Page['items'][number];
type Filters = { status?: ConcernStatus; committeeId?: string; overdue: boolean };

/**
 * Every concern in the staff's subtree, paged by the server. The list API filters by status,
 * committee (with its subtree) and overdue; studio, category and date range are not offered
 * because the server does not filter on them yet.
 */
export function ConcernsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [f, setF] = useState<Filters>({ overdue: false });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const set = (patch: Partial<Filters>) => {
    setF((x) => ({ ...x, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const query = {
    status: f.status,
    committeeId: f.committeeId,
    overdue: f.overdue ? 'true' : undefined,
    ...paging,
  };
  const list = useLoad(() => api<Page>('/concerns', { query }), [JSON.stringify(query)]);

  return (
    <>
      <h1 className="lx-page-title">{t('concerns.staffTitle')}</h1>
      <Card>
        <Row gutter={[12, 8]} style={{ marginBottom: 12 }} role="search" aria-label={t('concerns.filters')}>
          <Col xs={24} sm={12} lg={8}>
            <label className="lx-filter-label" htmlFor="concern-filter-committee">
              {t('concerns.committee')}
            </label>
            <CommitteeSelect
              id="concern-filter-committee"
              value={f.committeeId}
              allowClear
              placeholder={t('common.all')}
              style={{ width: '100%' }}
              onChange={(committeeId) => set({ committeeId })}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <label className="lx-filter-label" htmlFor="concern-filter-status">
              {t('concerns.status')}
            </label>
            <Select
              id="concern-filter-status"
              value={f.status}
              allowClear
              placeholder={t('common.all')}
              style={{ width: '100%' }}
              onChange={(status?: ConcernStatus) => set({ status })}
              options={concernStatuses.map((s) => ({ value: s, label: t(`concerns.statusValue.${s}`) }))}
            />
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <label className="lx-filter-label" htmlFor="concern-filter-overdue">
              {t('concerns.overdueOnly')}
            </label>
            <Switch
              id="concern-filter-overdue"
              checked={f.overdue}
              onChange={(overdue) => set({ overdue })}
              checkedChildren={t('common.yes')}
              unCheckedChildren={t('common.no')}
            />
          </Col>
        </Row>
        {list.error !== null && (
          <Alert type="error" showIcon title={errorText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            {
              key: 'code',
              title: t('concerns.trackingCode'),
              render: (_, k) => <Link to={`/concerns/${k.id}`}>{k.trackingCode}</Link>,
            },
            {
              key: 'status',
              title: t('concerns.status'),
              render: (_, k) => (
                <>
                  <ConcernStatusTag status={k.status} />
                  {k.overdue && <Tag color="red">{t('concerns.overdue')}</Tag>}
                </>
              ),
            },
            {
              key: 'category',
              title: t('concerns.category'),
              render: (_, k) => t(`concerns.categoryValue.${k.category}`),
            },
            {
              key: 'excerpt',
              title: t('concerns.excerpt'),
              render: (_, k) => <span className="lx-excerpt">{k.excerpt}</span>,
            },
            { key: 'committee', title: t('concerns.committee'), dataIndex: 'committeeName' },
            { key: 'studio', title: t('concerns.studio'), render: (_, k) => k.studioName ?? '' },
            { key: 'member', title: t('concerns.member'), render: (_, k) => k.personName ?? '' },
            {
              key: 'submitted',
              title: t('concerns.submittedAt'),
              render: (_, k) => shortTime(k.submittedAt),
            },
            {
              key: 'due',
              title: t('concerns.dueAt'),
              render: (_, k) => <DueText dueAt={k.dueAt} overdue={false} status={k.status} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
