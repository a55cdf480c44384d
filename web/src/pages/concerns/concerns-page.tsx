import { useState } from 'react';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { concernList } from '../../../../contracts/concerns.ts';
import { call, queryString } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { ConcernBatch } from './concern-batch.tsx';
import { ConcernFilters } from './concern-filters.tsx';
import type { ConcernFilters as Filters } from './concern-rules.ts';
import { concernFiltersFrom, concernQuery, shortTime } from './concern-rules.ts';
import { ConcernStatusTag, DueText } from './concern-tags.tsx';

type Page = z.infer<typeof concernList>;
type Row = Page['items'][number];
/** The filters held in the address (a link, from the workbench too, or a reload keeps them). */
function filtersOf(p: URLSearchParams): Filters {
  const f = concernFiltersFrom(p);
  return { ...f, q: p.get('q')?.trim() || undefined };
}

/**
 * Every concern in the staff's subtree, paged by the server, filtered by a keyword (tracking
 * code or words of the text), committee (with its subtree), status, studio, category,
 * submitted dates (China days), overdue and service deed; filters and page live in the
 * address. "导出 Excel" downloads the same filtered list (all pages) as a plain same-origin link.
 */
export function ConcernsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const f: Filters = filtersOf(params);
  const paging = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: [10, 20, 50, 100].includes(Number(params.get('pageSize')))
      ? Number(params.get('pageSize'))
      : 20,
  };
  const write = (next: Filters, page: { page: number; pageSize: number }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(concernQuery(next))) if (v) p.set(k, v);
    if (page.page > 1) p.set('page', String(page.page));
    if (page.pageSize !== 20) p.set('pageSize', String(page.pageSize));
    setParams(p, { replace: true });
  };
  const set = (patch: Partial<Filters>) => {
    write({ ...f, ...patch }, { ...paging, page: 1 });
  };
  const filters = concernQuery(f);
  const query = { ...filters, ...paging };
  const list = useLoad(() => call('GET /api/concerns', { query }), [JSON.stringify(query)]);
  const exportHref = '/api/concerns/export.xlsx' + queryString(filters);
  // Checked rows for batch work; the followed list is read-only, so it has none.
  const [picked, setPicked] = useState<Row[]>([]);
  const batch = !f.followed;

  return (
    <>
      <h1 className="lx-page-title">{t('concerns.staffTitle')}</h1>
      <Card>
        <ConcernFilters value={f} onChange={set} />
        <div className="lx-toolbar">
          {batch && (
            <ConcernBatch
              picked={picked}
              onDone={(refused) => {
                setPicked((rows) => rows.filter((r) => refused.includes(r.id)));
                list.reload();
              }}
            />
          )}
          <Button icon={<DownloadOutlined />} href={exportHref} download>
            {t('concerns.export')}
          </Button>
        </div>
        {list.error !== null && (
          <Alert type="error" showIcon title={errorText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<Row>
          rowKey="id"
          className="lx-concern-list"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          rowSelection={
            batch
              ? {
                  selectedRowKeys: picked.map((r) => r.id),
                  onChange: (_keys, rows) => setPicked(rows.filter(Boolean)),
                  getCheckboxProps: (k) => ({
                    'aria-label': t('concerns.batch.select', { code: k.trackingCode }),
                  }),
                  // No select-all: antd repeats the header checkbox in its aria-hidden measure row,
                  // where it is focusable (axe aria-hidden-focus); a page is checked row by row.
                  hideSelectAll: true,
                }
              : undefined
          }
          onChange={(p) => write(f, { page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
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
