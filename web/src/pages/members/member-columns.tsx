import { Button, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { MemberRow } from '../../../../contracts/members.ts';

type Args = {
  t: TFunction;
  sort: { sort: string; order: 'asc' | 'desc' };
  canEdit: boolean;
  onView(m: MemberRow): void;
  onEdit(m: MemberRow): void;
  onRetire(m: MemberRow): void;
};

/** Columns the user may hide or show (name and actions always show). */
export const optionalColumns = [
  'gender',
  'committee',
  'sector',
  'specialCommittee',
  'workUnitPost',
  'position',
  'phone',
  'status',
  'otherCommittees',
] as const;
export type OptionalColumn = (typeof optionalColumns)[number];
/** Hidden until chosen: what fits beside the others at 1440 px is shown. */
export const hiddenByDefault: OptionalColumn[] = ['specialCommittee', 'otherCommittees'];

export function memberColumns({
  t,
  sort,
  canEdit,
  onView,
  onEdit,
  onRetire,
}: Args): TableColumnsType<MemberRow> {
  const sortOrder = (key: string) =>
    sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
  return [
    {
      key: 'name',
      title: t('members.name'),
      width: 100,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, m) => (
        <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onView(m)}>
          {m.name}
        </Button>
      ),
    },
    {
      key: 'gender',
      title: t('members.gender'),
      width: 56,
      render: (_, m) => t(`members.genderValue.${m.gender}`),
    },
    {
      key: 'committee',
      title: t('members.committee'),
      dataIndex: 'committeeName',
      width: 170,
      ellipsis: true,
      sorter: true,
      sortOrder: sortOrder('committee'),
    },
    {
      key: 'sector',
      title: t('members.sector'),
      width: 120,
      ellipsis: true,
      sorter: true,
      sortOrder: sortOrder('sector'),
      render: (_, m) => m.sectorName ?? '',
    },
    {
      key: 'specialCommittee',
      title: t('members.specialCommittee'),
      width: 150,
      ellipsis: true,
      render: (_, m) => m.specialCommitteeName ?? '',
    },
    {
      key: 'workUnitPost',
      title: t('members.workUnitPost'),
      dataIndex: 'workUnitPost',
      width: 180,
      ellipsis: { showTitle: true },
    },
    {
      key: 'position',
      title: t('members.position'),
      width: 80,
      render: (_, m) => t(`members.positionValue.${m.position}`),
    },
    { key: 'phone', title: t('members.phone'), width: 120, render: (_, m) => m.phoneMasked ?? '' },
    {
      key: 'status',
      title: t('members.status'),
      width: 72,
      render: (_, m) =>
        m.status === 'active' ? (
          <Tag color="green">{t('members.statusValue.active')}</Tag>
        ) : (
          <Tag>{t('members.statusValue.retired')}</Tag>
        ),
    },
    {
      key: 'otherCommittees',
      title: t('members.otherCommittees'),
      width: 110,
      render: (_, m) =>
        m.otherCommittees > 0 ? t('members.otherCommitteesCount', { n: m.otherCommittees }) : '',
    },
    {
      key: 'actions',
      title: t('common.actions'),
      // Pinned: however many columns the user shows, what can be done to a row stays in sight.
      fixed: 'right',
      width: canEdit ? 170 : 80,
      render: (_, m) => (
        <Space size="small">
          <Button size="small" onClick={() => onView(m)} aria-label={`${t('members.view')} ${m.name}`}>
            {t('members.view')}
          </Button>
          {canEdit && (
            <Button size="small" onClick={() => onEdit(m)} aria-label={`${t('common.edit')} ${m.name}`}>
              {t('common.edit')}
            </Button>
          )}
          {canEdit && m.status === 'active' && (
            <Button
              size="small"
              danger
              onClick={() => onRetire(m)}
              aria-label={`${t('members.retire')} ${m.name}`}
            >
              {t('members.retire')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
}
