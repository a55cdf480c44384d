import { useTranslation } from 'react-i18next';
import { Card } from 'antd';
import { MemberGrid } from './member-grid.tsx';

export function MembersPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="lx-page-title">{t('members.title')}</h1>
      <Card>
        <MemberGrid />
      </Card>
    </>
  );
}
