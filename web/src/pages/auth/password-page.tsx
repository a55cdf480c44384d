import { App, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../console/session.tsx';
import { PasswordChangeForm } from './password-change-form.tsx';

export function PasswordPage() {
  const { t } = useTranslation();
  const { setSession } = useSession();
  const { message } = App.useApp();
  return (
    <>
      <h1 className="lx-page-title">{t('app.changePassword')}</h1>
      <Card>
        <PasswordChangeForm
          onDone={(s) => {
            setSession(s);
            void message.success(t('auth.passwordChanged'));
          }}
        />
      </Card>
    </>
  );
}
