import { Card, Descriptions, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Committee } from '../../../../contracts/org.ts';
import { useAccount } from '../../console/session.tsx';
import { MemberGrid } from '../members/member-grid.tsx';
import { DepartmentList } from './department-list.tsx';
import { NamedList } from './named-list.tsx';

export function CommitteeDetails({ committee }: { committee: Committee }) {
  const { t } = useTranslation();
  const account = useAccount();
  const canEdit = account.role !== 'member';
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 20 }}>{committee.name}</h2>}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'level', label: t('org.level'), children: t(`level.${committee.level}`) },
          { key: 'regionName', label: t('org.regionName'), children: committee.regionName },
          { key: 'regionCode', label: t('org.regionCode'), children: committee.regionCode },
          { key: 'memberCount', label: t('org.memberCount'), children: committee.memberCount },
        ]}
      />
      <Tabs
        style={{ marginTop: 16 }}
        destroyOnHidden
        items={[
          {
            key: 'sectors',
            label: t('org.sectors'),
            children: <NamedList kind="sectors" committeeId={committee.id} canEdit={canEdit} />,
          },
          {
            key: 'special',
            label: t('org.specialCommittees'),
            children: <NamedList kind="special-committees" committeeId={committee.id} canEdit={canEdit} />,
          },
          {
            key: 'departments',
            label: t('org.departments'),
            children: <DepartmentList committeeId={committee.id} canEdit={canEdit} />,
          },
          {
            key: 'members',
            label: t('org.members'),
            children: <MemberGrid fixedCommitteeId={committee.id} />,
          },
        ]}
      />
    </Card>
  );
}
