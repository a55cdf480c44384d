import { Button, Card } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../console/session.tsx';
import { changeLang } from '../../i18n/index.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { LoginForm } from './login-form.tsx';
import { PasswordChangeForm } from './password-change-form.tsx';
import { TotpSetupStep } from './totp-setup-step.tsx';
import { TotpStep } from './totp-step.tsx';

/** Login, then whatever stage the server asks for next: TOTP, TOTP setup, forced password change. */
export function LoginFlow() {
  const { t } = useTranslation();
  const lang = useLang();
  const { session, setSession, logout } = useSession();
  const stage = session?.stage ?? 'credentials';

  const titles = {
    credentials: t('auth.loginTitle'),
    totp: t('auth.totpTitle'),
    totp_setup: t('auth.totpSetupTitle'),
    password_change: t('auth.passwordChangeTitle'),
    full: t('auth.loginTitle'),
  } as const;

  return (
    <main className="lx-login">
      <h1 style={{ margin: 0, fontSize: 26, textAlign: 'center' }}>
        {t('app.name')} · {t('app.title')}
      </h1>
      <Card
        title={<h2 style={{ margin: 0, fontSize: 20 }}>{titles[stage]}</h2>}
        extra={
          <Button
            icon={<TranslationOutlined />}
            lang={lang === 'en' ? 'zh-CN' : 'en'}
            onClick={() => void changeLang(lang === 'en' ? 'zh-CN' : 'en')}
          >
            {lang === 'en' ? '中文' : 'English'}
          </Button>
        }
      >
        {stage === 'credentials' && <LoginForm onDone={setSession} />}
        {stage === 'totp' && <TotpStep onDone={setSession} />}
        {stage === 'totp_setup' && <TotpSetupStep onDone={setSession} />}
        {stage === 'password_change' && <PasswordChangeForm forced onDone={setSession} />}
        {stage !== 'credentials' && (
          <Button type="link" onClick={() => void logout()} style={{ paddingLeft: 0 }}>
            {t('auth.backToLogin')}
          </Button>
        )}
      </Card>
    </main>
  );
}
