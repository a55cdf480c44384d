import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionBody } from '../../../../contracts/auth.ts';
import { call } from '../../api.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

export function TotpCodeField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      label={t('auth.totpCode')}
      name="code"
      rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('auth.totpCodeRule') }]}
    >
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" autoFocus />
    </Form.Item>
  );
}

export function TotpStep({ onDone }: { onDone(s: SessionBody): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  async function submit(v: { code: string }) {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('POST /api/auth/totp', { body: { code: v.code.trim() } }));
    } catch (e) {
      setError(e);
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} name="totp" layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
      <p>{t('auth.totpHint')}</p>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(error, lang)}
          style={{ marginBottom: 16 }}
        />
      )}
      <TotpCodeField />
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        {t('auth.verify')}
      </Button>
    </Form>
  );
}
