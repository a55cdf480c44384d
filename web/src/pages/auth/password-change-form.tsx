import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionBody } from '../../../../contracts/auth.ts';
import { limits, passwordStrongEnough } from '../../../../contracts/limits.ts';
import { call } from '../../api.ts';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useSubmit } from '../../console/use-submit.ts';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export function PasswordChangeForm({ forced, onDone }: { forced?: boolean; onDone(s: SessionBody): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  const submit = useSubmit(
    async (v: Values) => {
      const s = await call('POST /api/auth/password', {
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
      });
      form.resetFields();
      onDone(s);
    },
    { form },
  );

  return (
    <Form
      form={form}
      name="password"
      layout="vertical"
      onFinish={(v) => void submit.run(v)}
      requiredMark={false}
      style={{ maxWidth: 440 }}
    >
      {forced && <p>{t('auth.passwordChangeForced')}</p>}
      <SubmitAlert error={submit.error} />
      <Form.Item
        label={t('auth.currentPassword')}
        name="currentPassword"
        rules={[{ required: true, message: t('auth.required', { field: t('auth.currentPassword') }) }]}
      >
        <Input.Password autoComplete="current-password" maxLength={limits.password} size="large" />
      </Form.Item>
      <Form.Item
        label={t('auth.newPassword')}
        name="newPassword"
        extra={t('auth.passwordRule')}
        rules={[
          { required: true, message: t('auth.required', { field: t('auth.newPassword') }) },
          {
            validator: (_r, value: string | undefined) =>
              !value || passwordStrongEnough(value)
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.passwordRule'))),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={limits.password} size="large" />
      </Form.Item>
      <Form.Item
        label={t('auth.confirmPassword')}
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.required', { field: t('auth.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: (_r, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={limits.password} size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={submit.busy}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
