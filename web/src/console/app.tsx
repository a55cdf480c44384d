import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { ConfigProvider, Spin, theme as antdTheme } from 'antd';
import { useTranslation } from 'react-i18next';
import { antdLocale } from '../i18n/antd-locale.ts';
import { useLang } from '../i18n/use-lang.ts';
import { LoginFlow } from '../pages/auth/login-flow.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { theme } from './theme.ts';

// The first load carries only what the login page needs; the shell, the router, antd's App
// (message, modal, notification) and the pages come in their own chunks once a session has
// passed every login stage.
const Console = lazy(async () => ({ default: (await import('./routes.tsx')).Console }));

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
      <BaseText>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </BaseText>
    </ConfigProvider>
  );
}

/** The text colour, size and font antd's App gives the console, for the login stages too. */
function BaseText({ children }: { children: ReactNode }) {
  const { token } = antdTheme.useToken();
  const { colorText: color, fontSize, lineHeight, fontFamily } = token;
  return <div style={{ color, fontSize, lineHeight, fontFamily }}>{children}</div>;
}

/** Nothing of the console renders until the session has passed every login stage. */
function Gate() {
  const { session } = useSession();
  const { t } = useTranslation();
  const loading = (
    <main className="lx-login" aria-busy="true">
      <Spin size="large" />
      <p>{t('app.loading')}</p>
    </main>
  );
  if (session === undefined) return loading;
  if (!session || session.stage !== 'full') return <LoginFlow />;
  return (
    <Suspense fallback={loading}>
      <Console />
    </Suspense>
  );
}
