import { useState } from 'react';
import { Alert, Button, Table } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface.js';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { MemberRow } from '../../../../contracts/members.ts';
import { call } from '../../api.ts';
import type { Query } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { BatchAccounts } from './batch-accounts.tsx';
import { ColumnChooser, useHiddenColumns } from './column-chooser.tsx';
import { ExportProgress } from './export-progress.tsx';
import { ExportUnmasked } from './export-unmasked.tsx';
import { useGridState } from './grid-state.ts';
import type { Sort } from './grid-state.ts';
import { MemberDrawer } from './member-drawer.tsx';
import type { DrawerState } from './member-drawer.tsx';
import { MemberFilters } from './member-filters.tsx';
import { memberColumns, optionalColumns } from './member-columns.tsx';
import type { OptionalColumn } from './member-columns.tsx';
import { RetireModal } from './retire-modal.tsx';
import { useOrgOptions } from './use-org-options.ts';

/**
 * The member roster with server-side filters, sorting and paging (kept in the address), columns
 * the user chooses, the action column pinned, rows ticked for batch accounts; add / edit / retire.
 */
export function MemberGrid({ fixedCommitteeId }: { fixedCommitteeId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const account = useAccount();
  const canEdit = account.role !== 'member';
  const [state, setState] = useGridState(fixedCommitteeId);
  const { filters, sort, paging } = state;
  const [hidden, setHidden] = useHiddenColumns();
  const [selected, setSelected] = useState<string[]>([]);
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

  function onTableChange(
    p: TablePaginationConfig,
    _f: unknown,
    s: SorterResult<MemberRow> | SorterResult<MemberRow>[],
  ) {
    const one = Array.isArray(s) ? s[0] : s;
    const key = one?.order ? (one.columnKey as Sort['sort']) : 'name';
    const order = one?.order === 'descend' ? 'desc' : 'asc';
    setState((now) => {
      const sortChanged = key !== now.sort.sort || order !== now.sort.order;
      return {
        filters: now.filters,
        sort: { sort: key, order },
        paging: { page: sortChanged ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 20 },
      };
    });
  }

  const all = memberColumns({
    t,
    sort,
    canEdit,
    onView: (m) => setDrawer({ mode: 'view', id: m.id }),
    onEdit: (m) => setDrawer({ mode: 'edit', id: m.id }),
    onRetire: setRetiring,
  });
  const columns = all.filter((c) => !hidden.includes(c.key as OptionalColumn));
  const labels = Object.fromEntries(
    optionalColumns.map((k) => [k, String(all.find((c) => c.key === k)?.title ?? k)]),
  ) as Record<OptionalColumn, string>;

  return (
    <>
      <MemberFilters
        idPrefix={fixedCommitteeId ? 'tab-filter' : 'filter'}
        value={filters}
        hideCommittee={!!fixedCommitteeId}
        sectors={options.sectors}
        specialCommittees={options.specialCommittees}
        onChange={(f) => setState((now) => ({ ...now, filters: f, paging: { ...now.paging, page: 1 } }))}
      />
      <div className="lx-toolbar">
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
            {t('members.add')}
          </Button>
        )}
        <ExportProgress query={query} />
        {account.role === 'admin' && <ExportUnmasked query={query} />}
        {canEdit && !fixedCommitteeId && (
          <Button icon={<UploadOutlined />} onClick={() => void navigate('/members/import')}>
            {t('members.import')}
          </Button>
        )}
        {account.role === 'admin' && (
          <BatchAccounts
            selectedIds={selected}
            committeeId={filters.committeeId}
            onDone={() => setSelected([])}
          />
        )}
        {account.role === 'admin' && (
          <Button
            onClick={() =>
              setSelected([
                ...new Set([
                  ...selected,
                  ...(page.data?.items ?? []).filter((m) => m.status === 'active').map((m) => m.id),
                ]),
              ])
            }
          >
            {t('members.selectPage')}
          </Button>
        )}
        {selected.length > 0 && (
          <span className="lx-selected-count" role="status">
            {t('members.selectedCount', { n: selected.length })}{' '}
            <Button type="link" size="small" onClick={() => setSelected([])}>
              {t('members.clearSelection')}
            </Button>
          </span>
        )}
        <span style={{ marginInlineStart: 'auto' }}>
          <ColumnChooser hidden={hidden} onChange={setHidden} labels={labels} />
        </span>
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
        tableLayout="fixed"
        // The sum of the shown columns' widths: the table fills the card when they fit, scrolls
        // inside it (the actions pinned at the right) when the user shows more.
        scroll={{ x: columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : 160), 40) }}
        rowSelection={
          account.role === 'admin'
            ? {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                columnWidth: 40,
                // antd repeats the select-all box in the table's aria-hidden measure row, where it
                // is focusable (axe aria-hidden-focus): the toolbar's 选择本页 does its work.
                hideSelectAll: true,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (m) => ({
                  disabled: m.status !== 'active',
                  'aria-label': `${t('members.select')} ${m.name}`,
                }),
              }
            : undefined
        }
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
