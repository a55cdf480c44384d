import { useState } from 'react';
import { Alert, Card, Input, Row, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../contracts/audit.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { FilterField, FilterSelect } from '../../console/filters.tsx';

type Result = AuditEntry['result'];
const results: Result[] = ['ok', 'denied', 'invalid', 'failed'];
const colours: Record<Result, string> = { ok: 'green', denied: 'red', invalid: 'orange', failed: 'red' };

export function AuditPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [action, setAction] = useState<string | undefined>();
  const [result, setResult] = useState<Result | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const page = useLoad(
    () => call('GET /api/audit', { query: { action, result, ...paging } }),
    [action, result, paging.page, paging.pageSize],
  );

  return (
    <>
      <h1 className="lx-page-title">{t('audit.title')}</h1>
      <Card>
        <Row gutter={[12, 8]} style={{ marginBottom: 12 }} role="search" aria-label={t('audit.title')}>
          <FilterField xs={24} sm={14} md={10} id="audit-action" label={t('audit.actionFilter')}>
            <Input.Search
              id="audit-action"
              allowClear
              maxLength={64}
              enterButton={t('common.search')}
              onSearch={(s) => {
                setAction(s.trim() || undefined);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
            />
          </FilterField>
          <FilterField xs={24} sm={10} md={6} id="audit-result" label={t('audit.result')}>
            <FilterSelect
              id="audit-result"
              value={result}
              onChange={(r?: Result) => {
                setResult(r);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              options={results.map((r) => ({ value: r, label: t(`audit.resultValue.${r}`) }))}
            />
          </FilterField>
        </Row>
        {page.error !== null && <Alert type="error" showIcon title={errorText(page.error, lang)} />}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={page.loading}
          dataSource={page.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 50 })}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: page.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            { key: 'at', title: t('audit.at'), render: (_, e) => new Date(e.at).toLocaleString() },
            { key: 'actor', title: t('audit.actor'), render: (_, e) => e.actorName ?? '' },
            { key: 'ip', title: t('audit.ip'), render: (_, e) => e.ip ?? '' },
            { key: 'action', title: t('audit.action'), dataIndex: 'action' },
            {
              key: 'target',
              title: t('audit.target'),
              render: (_, e) =>
                e.targetType ? `${e.targetType}${e.targetId ? ' ' + e.targetId.slice(0, 8) : ''}` : '',
            },
            {
              key: 'result',
              title: t('audit.result'),
              render: (_, e) => <Tag color={colours[e.result]}>{t(`audit.resultValue.${e.result}`)}</Tag>,
            },
            { key: 'status', title: t('audit.status'), render: (_, e) => e.status ?? '' },
            {
              key: 'detail',
              title: t('audit.detail'),
              render: (_, e) => {
                const s = JSON.stringify(e.detail);
                return s === '{}' ? (
                  ''
                ) : (
                  <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{s}</code>
                );
              },
            },
          ]}
        />
      </Card>
    </>
  );
}
