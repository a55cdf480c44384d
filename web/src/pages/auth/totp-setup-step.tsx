import { useEffect, useState } from 'react';
import { Button, Form, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { SessionBody, totpSetupBody } from '../../../../contracts/auth.ts';
import { call } from '../../api.ts';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { TotpCodeField } from './totp-step.tsx';

type Setup = z.infer<typeof totpSetupBody>;

export function TotpSetupStep({ onDone }: { onDone(s: SessionBody): void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [form] = Form.useForm<{ code: string }>();
  const submit = useSubmit(
    async (v: { code: string }) =>
      onDone(await call('POST /api/auth/totp/enroll', { body: { code: v.code.trim() } })),
    { onError: () => form.setFieldValue('code', '') },
  );
  const { error, setError } = submit;

  useEffect(() => {
    call('GET /api/auth/totp/setup').then(setSetup, setError);
  }, [setError]);

  return (
    <Form
      form={form}
      name="totpSetup"
      layout="vertical"
      onFinish={(v) => void submit.run(v)}
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
      <SubmitAlert error={error} />
      <TotpCodeField />
      <Button type="primary" htmlType="submit" size="large" block loading={submit.busy} disabled={!setup}>
        {t('auth.enroll')}
      </Button>
    </Form>
  );
}
