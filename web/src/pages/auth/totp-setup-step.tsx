import { useEffect, useState } from 'react';
import { Alert, Button, Form, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { SessionBody, totpSetupBody } from '../../../../contracts/auth.ts';
import { call } from '../../api.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { TotpCodeField } from './totp-step.tsx';

type Setup = z.infer<typeof totpSetupBody>;

export function TotpSetupStep({ onDone }: { onDone(s: SessionBody): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  useEffect(() => {
    call('GET /api/auth/totp/setup').then(setSetup, setError);
  }, []);

  async function submit(v: { code: string }) {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('POST /api/auth/totp/enroll', { body: { code: v.code.trim() } }));
    } catch (e) {
      setError(e);
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form
      form={form}
      name="totpSetup"
      layout="vertical"
      onFinish={(v) => void submit(v)}
      requiredMark={false}
    >
      <p>{t('auth.totpSetupHint')}</p>
      {!setup && !error && <Spin />}
      {setup && (
        <>
          <img className="lx-qr" src={setup.qrDataUrl} alt={t('auth.totpQrAlt')} />
          <p>
            {t('auth.totpSecret')}: <span className="lx-secret">{setup.secret}</span>
          </p>
        </>
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
      <TotpCodeField />
      <Button type="primary" htmlType="submit" size="large" block loading={busy} disabled={!setup}>
        {t('auth.enroll')}
      </Button>
    </Form>
  );
}
