import type { ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, Spin } from 'antd';
import { BrowserRouter } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { antdLocale } from '../i18n/antd-locale.ts';
import { useLang } from '../i18n/use-lang.ts';
import { LoginFlow } from '../pages/auth/login-flow.tsx';
import { ConsoleRoutes } from './routes.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { Shell } from './shell.tsx';
import { theme } from './theme.ts';

// The star is decoration: inputs carry aria-required, and a screen reader should read the
// label as "所属政协", not "star 所属政协".
const requiredMark = (label: ReactNode, { required }: { required: boolean }) => (
  <>
    {required && (
      <span aria-hidden="true" className="lx-required">
        *
      </span>
    )}
    {label}
  </>
);

export function App() {
  const lang = useLang();
  return (
    <ConfigProvider
      locale={antdLocale(lang)}
      theme={theme}
      button={{ autoInsertSpace: false }}
      form={{ requiredMark }}
    >
      <AntdApp>
        <SessionProvider>
          <BrowserRouter>
            <Gate />
          </BrowserRouter>
        </SessionProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

/** Nothing of the console renders until the session has passed every login stage. */
function Gate() {
  const { session } = useSession();
  const { t } = useTranslation();
  if (session === undefined) {
    return (
      <main className="lx-login" aria-busy="true">
        <Spin size="large" />
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  if (!session || session.stage !== 'full') return <LoginFlow />;
  return (
    <Shell>
      <ConsoleRoutes />
    </Shell>
  );
}
