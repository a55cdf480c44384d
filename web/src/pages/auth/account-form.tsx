import { useEffect } from 'react';
import { Button, Form, Input, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordStrongEnough, roles } from '../../../../contracts/auth.ts';
import type { Account, Role } from '../../../../contracts/auth.ts';
import { limits } from '../../../../contracts/common.ts';
import { call } from '../../api.ts';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { PersonPicker } from '../members/person-picker.tsx';
import { CommitteeSelect } from '../org/committee-select.tsx';
import { DepartmentSelect } from '../org/department-select.tsx';

type Values = {
  username: string;
  displayName: string;
  role: Role;
  committeeId: string;
  personId?: string;
  departmentId?: string;
  requireTotp: boolean;
  password?: string;
};

type Props = { account?: Account; defaultCommitteeId: string; onSaved(a: Account): void; onCancel(): void };

export function AccountForm({ account, defaultCommitteeId, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const committeeId = Form.useWatch('committeeId', form);

  useEffect(() => {
    form.resetFields();
    if (account) {
      form.setFieldsValue({
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        committeeId: account.committeeId,
        personId: account.personId ?? undefined,
        departmentId: account.departmentId ?? undefined,
        requireTotp: account.requireTotp,
        password: '',
      });
    }
  }, [account, form]);

  const submit = useSubmit(
    async (v: Values) => {
      const saved = account
        ? await call('PATCH /api/accounts/:id', {
            params: { id: account.id },
            body: {
              displayName: v.displayName,
              role: v.role,
              committeeId: v.committeeId,
              departmentId: v.role === 'department' ? (v.departmentId ?? null) : null,
              requireTotp: v.requireTotp,
              ...(v.password ? { password: v.password } : {}),
            },
          })
        : await call('POST /api/accounts', {
            body: {
              username: v.username.trim(),
              displayName: v.displayName,
              role: v.role,
              committeeId: v.committeeId,
              personId: v.role === 'member' ? (v.personId ?? null) : null,
              departmentId: v.role === 'department' ? (v.departmentId ?? null) : null,
              requireTotp: v.requireTotp,
              password: v.password ?? '',
            },
          });
      onSaved(saved);
    },
    { form },
  );

  const strong = {
    validator: (_r: unknown, value: string | undefined) =>
      !value || passwordStrongEnough(value)
        ? Promise.resolve()
        : Promise.reject(new Error(t('auth.passwordRule'))),
  };

  return (
    <Form<Values>
      form={form}
      name="account"
      layout="vertical"
      onFinish={(v) => void submit.run(v)}
      initialValues={{ role: 'staff', committeeId: defaultCommitteeId, requireTotp: true }}
    >
      <SubmitAlert error={submit.error} />
      <Form.Item
        label={t('accounts.username')}
        name="username"
        extra={account ? undefined : t('accounts.usernameRule')}
        rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,64}$/, message: t('accounts.usernameRule') }]}
      >
        <Input maxLength={limits.username} disabled={!!account} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('accounts.displayName')}
        name="displayName"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('auth.required', { field: t('accounts.displayName') }),
          },
        ]}
      >
        <Input maxLength={limits.personName} />
      </Form.Item>
      <Form.Item label={t('accounts.role')} name="role" rules={[{ required: true }]}>
        <Select options={roles.map((r) => ({ value: r, label: t(`app.role.${r}`) }))} />
      </Form.Item>
      <Form.Item label={t('accounts.committee')} name="committeeId" rules={[{ required: true }]}>
        <CommitteeSelect style={{ width: '100%' }} />
      </Form.Item>
      {role === 'member' && (
        <Form.Item
          label={t('accounts.person')}
          name="personId"
          extra={t('accounts.personHint')}
          rules={[{ required: !account, message: t('accounts.personHint') }]}
        >
          {/* accountUpdateBody has no personId: the link is set when the account is created. */}
          <PersonPicker disabled={!!account} initialLabel={account ? account.displayName : undefined} />
        </Form.Item>
      )}
      {role === 'department' && committeeId && (
        <Form.Item
          label={t('accounts.department')}
          name="departmentId"
          extra={t('accounts.departmentHint')}
          rules={[{ required: true, message: t('accounts.departmentHint') }]}
        >
          <DepartmentSelect committeeId={committeeId} />
        </Form.Item>
      )}
      <Form.Item label={t('accounts.requireTotp')} name="requireTotp" valuePropName="checked">
        <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
      </Form.Item>
      <Form.Item
        label={account ? t('accounts.newPassword') : t('accounts.initialPassword')}
        name="password"
        extra={t('auth.passwordRule')}
        rules={[
          ...(account
            ? []
            : [{ required: true, message: t('auth.required', { field: t('accounts.initialPassword') }) }]),
          strong,
        ]}
      >
        <Input.Password maxLength={limits.password} autoComplete="new-password" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={submit.busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
