import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionBody } from '../../../../contracts/auth.ts';
import { limits } from '../../../../contracts/limits.ts';
import { call } from '../../api.ts';
import { useSession } from '../../console/session.tsx';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useSubmit } from '../../console/use-submit.ts';

type Values = { username: string; password: string };

export function LoginForm({ onDone }: { onDone(s: SessionBody): void }) {
  const { t } = useTranslation();
  const { expired } = useSession();
  const [form] = Form.useForm<Values>();
  const submit = useSubmit(async (v: Values) => onDone(await call('POST /api/auth/login', { body: v })), {
    onError: () => form.setFieldValue('password', ''),
  });
  const { error } = submit;

  return (
    <Form
      form={form}
      name="login"
      layout="vertical"
      onFinish={(v) => void submit.run(v)}
      requiredMark={false}
    >
      {expired && !error && (
        <Alert type="warning" showIcon title={t('app.sessionExpired')} style={{ marginBottom: 16 }} />
      )}
      <SubmitAlert error={error} />
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
      <Button type="primary" htmlType="submit" size="large" block loading={submit.busy}>
        {t('auth.login')}
      </Button>
    </Form>
  );
}
