import { useEffect } from 'react';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import type { MemberRow } from '../../../../contracts/members.ts';
import { call } from '../../api.ts';
import { FormModal } from '../../console/form-modal.tsx';
import { useSubmit } from '../../console/use-submit.ts';

type Values = { retiredOn: string; reason?: string };

export const today = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

export function RetireModal({
  member,
  onClose,
  onDone,
}: {
  member: MemberRow | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = useSubmit(
    async (v: Values) => {
      if (!member) return;
      await call('POST /api/members/:id/retire', {
        params: { id: member.id },
        body: { retiredOn: v.retiredOn, reason: v.reason ?? '' },
      });
      void message.success(t('members.retired'));
      onDone();
    },
    { form, alert: 'unless-fields' },
  );
  const { setError } = submit;

  useEffect(() => {
    if (member) {
      form.setFieldsValue({ retiredOn: today(), reason: '' });
      setError(null);
    }
  }, [member, form, setError]);

  return (
    <FormModal
      open={member !== null}
      title={t('members.retireTitle', { name: member?.name ?? '' })}
      name="retire"
      form={form}
      submit={submit}
      onFinish={(v) => void submit.run(v)}
      onCancel={onClose}
      okText={t('members.retire')}
      danger
      requiredMark={false}
    >
      <Form.Item
        label={t('members.retiredOn')}
        name="retiredOn"
        rules={[{ required: true, message: t('auth.required', { field: t('members.retiredOn') }) }]}
      >
        <Input type="date" />
      </Form.Item>
      <Form.Item label={t('members.retireReason')} name="reason">
        <Input.TextArea maxLength={limits.reason} showCount rows={3} />
      </Form.Item>
    </FormModal>
  );
}
