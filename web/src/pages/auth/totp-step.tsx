import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionBody } from '../../../../contracts/auth.ts';
import { call } from '../../api.ts';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useSubmit } from '../../console/use-submit.ts';

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
  const [form] = Form.useForm<{ code: string }>();
  const submit = useSubmit(
    async (v: { code: string }) =>
      onDone(await call('POST /api/auth/totp', { body: { code: v.code.trim() } })),
    { onError: () => form.setFieldValue('code', '') },
  );

  return (
    <Form form={form} name="totp" layout="vertical" onFinish={(v) => void submit.run(v)} requiredMark={false}>
      <p>{t('auth.totpHint')}</p>
      <SubmitAlert error={submit.error} />
      <TotpCodeField />
      <Button type="primary" htmlType="submit" size="large" block loading={submit.busy}>
        {t('auth.verify')}
      </Button>
    </Form>
  );
}
