import { lazy, Suspense } from 'react';
import type { ComponentType } from 'react';
import { App as AntdApp, Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { useAccount } from './session.tsx';
import { Shell } from './shell.tsx';

// Each page is its own chunk: a page (and the antd components only it uses) is fetched when
// its route is first opened, so the login page and every other page stay small.
function page<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const OrgPage = page(() => import('../pages/org/org-page.tsx'), 'OrgPage');
const MembersPage = page(() => import('../pages/members/members-page.tsx'), 'MembersPage');
const ImportPage = page(() => import('../pages/members/import-page.tsx'), 'ImportPage');
const PasswordPage = page(() => import('../pages/auth/password-page.tsx'), 'PasswordPage');
const SearchPage = page(() => import('../pages/search/search-page.tsx'), 'SearchPage');
const InboxPage = page(() => import('../pages/concerns/inbox-page.tsx'), 'InboxPage');
const ConcernPage = page(() => import('../pages/concerns/concern-page.tsx'), 'ConcernPage');
const ConcernsPage = page(() => import('../pages/concerns/concerns-page.tsx'), 'ConcernsPage');
const StudiosPage = page(() => import('../pages/studios/studios-page.tsx'), 'StudiosPage');
const StudioPage = page(() => import('../pages/studios/studio-page.tsx'), 'StudioPage');
const CommonIssuesPage = page(
  () => import('../pages/common-issues/common-issues-page.tsx'),
  'CommonIssuesPage',
);
const CommonIssuePage = page(() => import('../pages/common-issues/common-issue-page.tsx'), 'CommonIssuePage');
const AccountsPage = page(() => import('../pages/auth/accounts-page.tsx'), 'AccountsPage');
const AuditPage = page(() => import('../pages/audit/audit-page.tsx'), 'AuditPage');
const WorkbenchPage = page(() => import('../pages/workbench/workbench-page.tsx'), 'WorkbenchPage');
const ConcernPrintPage = page(() => import('../pages/concerns/concern-print-page.tsx'), 'ConcernPrintPage');
const DutyPrintPage = page(() => import('../pages/studios/duty-print-page.tsx'), 'DutyPrintPage');
const SettingsPage = page(() => import('../pages/org/settings-page.tsx'), 'SettingsPage');
const FailedWorkPage = page(() => import('../pages/jobs/failed-work-page.tsx'), 'FailedWorkPage');
const ConsultationsPage = page(
  () => import('../pages/consultations/consultations-page.tsx'),
  'ConsultationsPage',
);
const ConsultationPage = page(
  () => import('../pages/consultations/consultation-page.tsx'),
  'ConsultationPage',
);
const PlanPage = page(() => import('../pages/consultations/plan-page.tsx'), 'PlanPage');
const MicroPage = page(() => import('../pages/consultations/micro-page.tsx'), 'MicroPage');
const SignInPage = page(() => import('../pages/consultations/sign-in-page.tsx'), 'SignInPage');
const OutcomesPage = page(() => import('../pages/consultations/outcomes-page.tsx'), 'OutcomesPage');

/** The logged-in console: the shell around the page of the current route. */
export function Console() {
  return (
    <AntdApp>
      <BrowserRouter>
        <Shell>
          <Suspense fallback={<PageLoading />}>
            <ConsoleRoutes />
          </Suspense>
        </Shell>
      </BrowserRouter>
    </AntdApp>
  );
}

function ConsoleRoutes() {
  const account = useAccount();
  const admin = account.role === 'admin';
  const member = account.role === 'member';
  // A handling department's console is its inbox and the concerns in it, nothing else.
  const department = account.role === 'department';
  const inbox = member || department;
  const staff = account.role === 'admin' || account.role === 'staff';
  if (department)
    return (
      <Routes>
        <Route path="/" element={<Navigate to="/inbox" replace />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/inbox/:id" element={<ConcernPage from="inbox" />} />
        <Route path="/inbox/:id/print" element={<ConcernPrintPage from="inbox" />} />
        <Route path="/outcomes" element={<OutcomesPage />} />
        <Route path="/password" element={<PasswordPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    );
  return (
    <Routes>
      {/* Everyone lands on the workbench: what waits for them today. */}
      <Route path="/" element={<Navigate to="/workbench" replace />} />
      <Route path="/workbench" element={<WorkbenchPage />} />
      <Route path="/org" element={<OrgPage />} />
      <Route path="/org/:committeeId" element={<OrgPage />} />
      <Route path="/members" element={<MembersPage />} />
      <Route path="/members/import" element={<ImportPage />} />
      <Route path="/password" element={<PasswordPage />} />
      <Route path="/search" element={<SearchPage />} />
      {inbox && <Route path="/inbox" element={<InboxPage />} />}
      {inbox && <Route path="/inbox/:id" element={<ConcernPage from="inbox" />} />}
      {inbox && <Route path="/inbox/:id/print" element={<ConcernPrintPage from="inbox" />} />}
      {staff && <Route path="/settings" element={<SettingsPage />} />}
      {staff && <Route path="/failed-work" element={<FailedWorkPage />} />}
      <Route path="/consultations" element={<ConsultationsPage />} />
      <Route path="/consultations/micro" element={<MicroPage />} />
      <Route path="/consultations/plans/:id" element={<PlanPage />} />
      <Route path="/consultations/:id" element={<ConsultationPage />} />
      <Route path="/sign-in/:code" element={<SignInPage />} />
      {staff && <Route path="/outcomes" element={<OutcomesPage />} />}
      {!member && <Route path="/studios" element={<StudiosPage />} />}
      {!member && <Route path="/studios/:id" element={<StudioPage />} />}
      {!member && <Route path="/studios/:id/duty-print" element={<DutyPrintPage />} />}
      {!member && <Route path="/concerns" element={<ConcernsPage />} />}
      {!member && <Route path="/concerns/:id" element={<ConcernPage from="concerns" />} />}
      {!member && <Route path="/concerns/:id/print" element={<ConcernPrintPage from="concerns" />} />}
      {!member && <Route path="/common-issues" element={<CommonIssuesPage />} />}
      {!member && <Route path="/common-issues/:id" element={<CommonIssuePage />} />}
      {admin && <Route path="/accounts" element={<AccountsPage />} />}
      {admin && <Route path="/audit" element={<AuditPage />} />}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function PageLoading() {
  const { t } = useTranslation();
  return (
    <div aria-busy="true" style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <p>{t('app.loading')}</p>
    </div>
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
