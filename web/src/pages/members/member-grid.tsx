import { useState } from 'react';
import { Alert, Button, Table } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface.js';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { MemberRow } from '../../../../contracts/members.ts';
import { call, queryString } from '../../api.ts';
import type { Query } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { MemberDrawer } from './member-drawer.tsx';
import type { DrawerState } from './member-drawer.tsx';
import { ExportUnmasked } from './export-unmasked.tsx';
import { MemberFilters } from './member-filters.tsx';
import type { Filters } from './member-filters.tsx';
import { memberColumns } from './member-columns.tsx';
import { RetireModal } from './retire-modal.tsx';
import { useOrgOptions } from './use-org-options.ts';

type Sort = { sort: 'name' | 'committee' | 'sector' | 'joinedOn'; order: 'asc' | 'desc' };

/** The member roster with server-side filters, sorting and paging; add / edit / retire. */
export function MemberGrid({ fixedCommitteeId }: { fixedCommitteeId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const account = useAccount();
  const canEdit = account.role !== 'member';
  const [filters, setFilters] = useState<Filters>({
    committeeId: fixedCommitteeId,
    subtree: !fixedCommitteeId,
    status: 'active',
  });
  const [sort, setSort] = useState<Sort>({ sort: 'name', order: 'asc' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [drawer, setDrawer] = useState<DrawerState>(null);
  const [retiring, setRetiring] = useState<MemberRow | null>(null);
  const options = useOrgOptions(filters.committeeId ?? account.committeeId);

  const query: Query = {
    committeeId: filters.committeeId,
    subtree: String(filters.subtree),
    level: filters.level,
    sectorId: filters.sectorId,
    specialCommitteeId: filters.specialCommitteeId,
    status: filters.status,
    q: filters.q,
    sort: sort.sort,
    order: sort.order,
  };
  const page = useLoad(
    () => call('GET /api/members', { query: { ...query, ...paging } }),
    [JSON.stringify(query), paging.page, paging.pageSize],
  );
  const exportHref = '/api/members/export.xlsx' + queryString(query);

  function onTableChange(
    p: TablePaginationConfig,
    _f: unknown,
    s: SorterResult<MemberRow> | SorterResult<MemberRow>[],
  ) {
    const one = Array.isArray(s) ? s[0] : s;
    const key = one?.order ? (one.columnKey as Sort['sort']) : 'name';
    const order = one?.order === 'descend' ? 'desc' : 'asc';
    const sortChanged = key !== sort.sort || order !== sort.order;
    setSort({ sort: key, order });
    setPaging({ page: sortChanged ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 20 });
  }

  const columns = memberColumns({
    t,
    sort,
    canEdit,
    onView: (m) => setDrawer({ mode: 'view', id: m.id }),
    onEdit: (m) => setDrawer({ mode: 'edit', id: m.id }),
    onRetire: setRetiring,
  });

  return (
    <>
      <MemberFilters
        idPrefix={fixedCommitteeId ? 'tab-filter' : 'filter'}
        value={filters}
        hideCommittee={!!fixedCommitteeId}
        sectors={options.sectors}
        specialCommittees={options.specialCommittees}
        onChange={(f) => {
          setFilters(f);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      <div className="lx-toolbar">
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
            {t('members.add')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} href={exportHref} download>
          {t('members.export')}
        </Button>
        {account.role === 'admin' && <ExportUnmasked query={query} />}
        {canEdit && !fixedCommitteeId && (
          <Button icon={<UploadOutlined />} onClick={() => void navigate('/members/import')}>
            {t('members.import')}
          </Button>
        )}
      </div>
      {page.error !== null && (
        <Alert type="error" showIcon title={errorText(page.error, lang)} style={{ marginBottom: 12 }} />
      )}
      <Table<MemberRow>
        rowKey="id"
        size="middle"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        columns={columns}
        onChange={onTableChange}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: page.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
        }}
      />
      <MemberDrawer
        state={drawer}
        defaultCommitteeId={filters.committeeId ?? account.committeeId}
        onClose={() => setDrawer(null)}
        onChange={setDrawer}
        onSaved={page.reload}
      />
      <RetireModal
        member={retiring}
        onClose={() => setRetiring(null)}
        onDone={() => {
          setRetiring(null);
          page.reload();
        }}
      />
    </>
  );
}
