import { useState } from 'react';
import { Alert, Card, Col, Row, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { commonIssueStatuses } from '../../../../contracts/common-issues.ts';
import type { CommonIssueSummary } from '../../../../contracts/common-issues.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { shortTime } from '../concerns/concern-rules.ts';
import { useCommittees } from '../org/committees.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import type { IssueStatus } from './issue-tags.tsx';
import { IssueStatusTag, KeyTerms } from './issue-tags.tsx';
import { RebuildButton } from './rebuild-button.tsx';
import './common-issues.css';
import { FilterField, FilterSelect } from '../../console/filters.tsx';

type Filters = { committeeId?: string; status?: IssueStatus; grown?: 'true' };

/**
 * The board of common issues in the staff's subtree, largest first (the server sorts by
 * concern count): what many citizens raise together is the raw material of an opinion report.
 */
export function CommonIssuesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const account = useAccount();
  const { items: committees } = useCommittees();
  // A link (from the workbench) may open the board already filtered.
  const [params] = useSearchParams();
  const [f, setF] = useState<Filters>(() => ({
    committeeId: params.get('committeeId') ?? undefined,
    status: (commonIssueStatuses as readonly string[]).includes(params.get('status') ?? '')
      ? (params.get('status') as IssueStatus)
      : undefined,
    grown: params.get('grown') === 'true' ? 'true' : undefined,
  }));
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const set = (patch: Partial<Filters>) => {
    setF((x) => ({ ...x, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const query = { ...f, ...paging };
  const list = useLoad(() => call('GET /api/common-issues', { query }), [JSON.stringify(query)]);
  // Regroup what the filter shows: the chosen committee, else the caller's own.
  const rebuildId = f.committeeId ?? account.committeeId;
  const rebuildName = committees?.find((c) => c.id === rebuildId)?.name ?? account.committeeName;

  return (
    <>
      <h1 className="lx-page-title">{t('commonIssues.title')}</h1>
      <p className="lx-hint">{t('commonIssues.intro')}</p>
      <Card>
        <Row gutter={[12, 8]} style={{ marginBottom: 12 }} align="bottom">
          <FilterField
            xs={24}
            sm={12}
            lg={8}
            role="search"
            aria-label={t('commonIssues.filters')}
            id="ci-filter-committee"
            label={t('commonIssues.committee')}
          >
            <CommitteeSelect
              id="ci-filter-committee"
              value={f.committeeId}
              allowClear
              placeholder={t('common.all')}
              style={{ width: '100%' }}
              onChange={(committeeId) => set({ committeeId })}
            />
          </FilterField>
          <FilterField xs={24} sm={12} lg={6} id="ci-filter-status" label={t('commonIssues.status')}>
            <FilterSelect
              id="ci-filter-status"
              value={f.status}
              onChange={(status?: IssueStatus) => set({ status })}
              options={commonIssueStatuses.map((s) => ({
                value: s,
                label: t(`commonIssues.statusValue.${s}`),
              }))}
            />
          </FilterField>
          <FilterField xs={24} sm={12} lg={4} id="ci-filter-grown" label={t('commonIssues.grownOnly')}>
            <Switch
              id="ci-filter-grown"
              checked={f.grown === 'true'}
              onChange={(on) => set({ grown: on ? 'true' : undefined })}
              checkedChildren={t('common.yes')}
              unCheckedChildren={t('common.no')}
            />
          </FilterField>
          <Col xs={24} lg={6} className="lx-ci-tools">
            <RebuildButton committeeId={rebuildId} committeeName={rebuildName} />
          </Col>
        </Row>
        {list.error !== null && (
          <Alert type="error" showIcon title={errorText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<CommonIssueSummary>
          rowKey="id"
          size="middle"
          className="lx-ci-board"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('commonIssues.empty') }}
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
              key: 'title',
              title: t('commonIssues.issue'),
              render: (_, i) => (
                <div className="lx-ci-title-cell">
                  <Link to={`/common-issues/${i.id}`}>{i.title}</Link>
                  <KeyTerms terms={i.keyTerms} />
                </div>
              ),
            },
            {
              key: 'count',
              title: t('commonIssues.concernCount'),
              align: 'right',
              render: (_, i) => t('commonIssues.countValue', { n: i.concernCount }),
            },
            {
              key: 'studios',
              title: t('commonIssues.studioCount'),
              align: 'right',
              render: (_, i) => t('commonIssues.studiosValue', { n: i.studioCount }),
            },
            {
              key: 'status',
              title: t('commonIssues.status'),
              render: (_, i) => <IssueStatusTag status={i.status} />,
            },
            { key: 'committee', title: t('commonIssues.committee'), dataIndex: 'committeeName' },
            { key: 'last', title: t('commonIssues.lastAt'), render: (_, i) => shortTime(i.lastAt) },
          ]}
        />
      </Card>
    </>
  );
}
