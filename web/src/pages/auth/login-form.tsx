import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionBody } from '../../../../contracts/auth.ts';
import { limits } from '../../../../contracts/limits.ts';
import { call } from '../../api.ts';
import { useSession } from '../../console/session.tsx';
import { errorText, useLang } from '../../i18n/use-lang.ts';

type Values = { username: string; password: string };

export function LoginForm({ onDone }: { onDone(s: SessionBody): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { expired } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('POST /api/auth/login', { body: v }));
    } catch (e) {
      setError(e);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} name="login" layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
      {expired && !error && (
        <Alert type="warning" showIcon title={t('app.sessionExpired')} style={{ marginBottom: 16 }} />
      )}
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(error, lang)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        label={t('auth.username')}
        name="username"
        rules={[
          { required: true, whitespace: true, message: t('auth.required', { field: t('auth.username') }) },
        ]}
      >
        <Input autoComplete="username" maxLength={limits.username} size="large" autoFocus />
      </Form.Item>
      <Form.Item
        label={t('auth.password')}
        name="password"
        rules={[{ required: true, message: t('auth.required', { field: t('auth.password') }) }]}
      >
        <Input.Password autoComplete="current-password" maxLength={limits.password} size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        {t('auth.login')}
      </Button>
    </Form>
  );
}
