import { useState } from 'react';
import { Alert, Button, Card, Input, Row, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { limits } from '../../../../contracts/common.ts';
import { studioKinds, studioStatuses } from '../../../../contracts/studios.ts';
import type { Studio } from '../../../../contracts/studios.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import { filterStudios } from './studio-filter.ts';
import type { StudioKind, StudioSummary } from './studio-filter.ts';
import { StudioFormDrawer } from './studio-form.tsx';
import { StudioStatusTag } from './studio-tags.tsx';
import { FilterField, FilterSelect } from '../../console/filters.tsx';

type Filters = { committeeId?: string; status?: Studio['status']; kind?: StudioKind; q?: string };

/** Studios in the caller's subtree: filter, open one, create one. */
export function StudiosPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const account = useAccount();
  const canEdit = account.role !== 'member';
  // A link (from the workbench) may open the list already filtered by committee and status.
  const [params] = useSearchParams();
  const [f, setF] = useState<Filters>(() => ({
    committeeId: params.get('committeeId') ?? undefined,
    status: (studioStatuses as readonly string[]).includes(params.get('status') ?? '')
      ? (params.get('status') as Studio['status'])
      : undefined,
  }));
  const [creating, setCreating] = useState(false);
  const list = useLoad(
    () =>
      call('GET /api/studios', {
        query: { committeeId: f.committeeId, status: f.status },
      }),
    [f.committeeId, f.status],
  );
  const rows = filterStudios(list.data?.items ?? [], f);
  const set = (patch: Partial<Filters>) => setF((x) => ({ ...x, ...patch }));

  return (
    <>
      <h1 className="lx-page-title">{t('studios.title')}</h1>
      <Card>
        <Row gutter={[12, 8]} style={{ marginBottom: 12 }} role="search" aria-label={t('studios.filters')}>
          <FilterField xs={24} sm={12} lg={7} id="studio-filter-committee" label={t('studios.committee')}>
            <CommitteeSelect
              id="studio-filter-committee"
              value={f.committeeId}
              allowClear
              placeholder={t('common.all')}
              style={{ width: '100%' }}
              onChange={(committeeId) => set({ committeeId })}
            />
          </FilterField>
          <FilterField xs={12} sm={6} lg={4} id="studio-filter-kind" label={t('studios.kind')}>
            <FilterSelect
              id="studio-filter-kind"
              value={f.kind}
              onChange={(kind?: StudioKind) => set({ kind })}
              options={studioKinds.map((k) => ({ value: k, label: t(`studios.kindValue.${k}`) }))}
            />
          </FilterField>
          <FilterField xs={12} sm={6} lg={4} id="studio-filter-status" label={t('studios.status')}>
            <FilterSelect
              id="studio-filter-status"
              value={f.status}
              onChange={(status?: Studio['status']) => set({ status })}
              options={studioStatuses.map((s) => ({ value: s, label: t(`studios.statusValue.${s}`) }))}
            />
          </FilterField>
          <FilterField xs={24} sm={24} lg={9} id="studio-filter-q" label={t('studios.search')}>
            <Input.Search
              id="studio-filter-q"
              allowClear
              maxLength={limits.query}
              enterButton={t('common.search')}
              onChange={(e) => e.target.value === '' && set({ q: undefined })}
              onSearch={(q) => set({ q: q.trim() || undefined })}
            />
          </FilterField>
        </Row>
        {canEdit && (
          <div className="lx-toolbar">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('studios.create')}
            </Button>
          </div>
        )}
        {list.error !== null && (
          <Alert type="error" showIcon title={errorText(list.error, lang)} style={{ marginBottom: 12 }} />
        )}
        <Table<StudioSummary>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
          columns={[
            {
              key: 'name',
              title: t('studios.name'),
              render: (_, s) => <Link to={`/studios/${s.id}`}>{s.name}</Link>,
            },
            { key: 'kind', title: t('studios.kind'), render: (_, s) => t(`studios.kindValue.${s.kind}`) },
            { key: 'committee', title: t('studios.committee'), dataIndex: 'committeeName' },
            { key: 'lead', title: t('studios.lead'), render: (_, s) => s.leadName ?? '' },
            { key: 'members', title: t('studios.memberCount'), dataIndex: 'memberCount' },
            {
              key: 'status',
              title: t('studios.status'),
              render: (_, s) => <StudioStatusTag status={s.status} />,
            },
          ]}
        />
      </Card>
      <StudioFormDrawer
        open={creating}
        defaultCommitteeId={f.committeeId ?? account.committeeId}
        onClose={() => setCreating(false)}
        onSaved={(s) => {
          setCreating(false);
          void navigate(`/studios/${s.id}`);
        }}
      />
    </>
  );
}
