import { Descriptions, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberDetail } from '../../../../contracts/members.ts';

type Seat = MemberDetail['membership'];

export function MemberDetailView({ detail }: { detail: MemberDetail }) {
  const { t } = useTranslation();
  const p = detail.person;
  const m = detail.membership;
  const seatItems = (s: Seat) => [
    { key: 'committee', label: t('members.committee'), children: s.committeeName },
    { key: 'level', label: t('members.level'), children: t(`level.${s.level}`) },
    { key: 'sector', label: t('members.sector'), children: s.sectorName ?? '' },
    { key: 'special', label: t('members.specialCommittee'), children: s.specialCommitteeName ?? '' },
    { key: 'work', label: t('members.workUnitPost'), children: s.workUnitPost },
    { key: 'position', label: t('members.position'), children: t(`members.positionValue.${s.position}`) },
    { key: 'joinedOn', label: t('members.joinedOn'), children: s.joinedOn ?? '' },
    {
      key: 'status',
      label: t('members.status'),
      children:
        s.status === 'active' ? (
          <Tag color="green">{t('members.statusValue.active')}</Tag>
        ) : (
          <span>
            <Tag>{t('members.statusValue.retired')}</Tag>
            {s.retiredOn} {s.retireReason ?? ''}
          </span>
        ),
    },
  ];
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('members.name'), children: p.name },
          { key: 'gender', label: t('members.gender'), children: t(`members.genderValue.${p.gender}`) },
          { key: 'ethnicity', label: t('members.ethnicity'), children: p.ethnicity ?? '' },
          { key: 'birthMonth', label: t('members.birthMonth'), children: p.birthMonth ?? '' },
          { key: 'party', label: t('members.party'), children: p.party ?? '' },
          { key: 'phone', label: t('members.phone'), children: p.phoneMasked ?? '' },
        ]}
      />
      <h3 style={{ marginTop: 24 }}>{t('members.thisSeat')}</h3>
      <Descriptions bordered size="small" column={1} items={seatItems(m)} />
      <h3 style={{ marginTop: 24 }}>{t('members.otherSeats')}</h3>
      <Table<Seat>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={detail.otherMemberships}
        locale={{ emptyText: t('members.noOtherSeats') }}
        columns={[
          { key: 'committee', title: t('members.committee'), dataIndex: 'committeeName' },
          { key: 'level', title: t('members.level'), render: (_, s) => t(`level.${s.level}`) },
          { key: 'sector', title: t('members.sector'), render: (_, s) => s.sectorName ?? '' },
          {
            key: 'position',
            title: t('members.position'),
            render: (_, s) => t(`members.positionValue.${s.position}`),
          },
          {
            key: 'status',
            title: t('members.status'),
            render: (_, s) => t(`members.statusValue.${s.status}`),
          },
        ]}
      />
    </>
  );
}
