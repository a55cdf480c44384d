import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { AccountsPage } from '../pages/auth/accounts-page.tsx';
import { PasswordPage } from '../pages/auth/password-page.tsx';
import { AuditPage } from '../pages/audit/audit-page.tsx';
import { ImportPage } from '../pages/members/import-page.tsx';
import { MembersPage } from '../pages/members/members-page.tsx';
import { OrgPage } from '../pages/org/org-page.tsx';
import { SearchPage } from '../pages/search/search-page.tsx';
import { CommonIssuePage } from '../pages/common-issues/common-issue-page.tsx';
import { CommonIssuesPage } from '../pages/common-issues/common-issues-page.tsx';
import { ConcernPage } from '../pages/concerns/concern-page.tsx';
import { ConcernsPage } from '../pages/concerns/concerns-page.tsx';
import { InboxPage } from '../pages/concerns/inbox-page.tsx';
import { StudioPage } from '../pages/studios/studio-page.tsx';
import { StudiosPage } from '../pages/studios/studios-page.tsx';
import { useAccount } from './session.tsx';

export function ConsoleRoutes() {
  const account = useAccount();
  const admin = account.role === 'admin';
  const member = account.role === 'member';
  return (
    <Routes>
      <Route path="/" element={<Navigate to={member ? '/inbox' : '/members'} replace />} />
      <Route path="/org" element={<OrgPage />} />
      <Route path="/org/:committeeId" element={<OrgPage />} />
      <Route path="/members" element={<MembersPage />} />
      <Route path="/members/import" element={<ImportPage />} />
      <Route path="/password" element={<PasswordPage />} />
      <Route path="/search" element={<SearchPage />} />
      {member && <Route path="/inbox" element={<InboxPage />} />}
      {member && <Route path="/inbox/:id" element={<ConcernPage from="inbox" />} />}
      {!member && <Route path="/studios" element={<StudiosPage />} />}
      {!member && <Route path="/studios/:id" element={<StudioPage />} />}
      {!member && <Route path="/concerns" element={<ConcernsPage />} />}
      {!member && <Route path="/concerns/:id" element={<ConcernPage from="concerns" />} />}
      {!member && <Route path="/common-issues" element={<CommonIssuesPage />} />}
      {!member && <Route path="/common-issues/:id" element={<CommonIssuePage />} />}
      {admin && <Route path="/accounts" element={<AccountsPage />} />}
      {admin && <Route path="/audit" element={<AuditPage />} />}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}
