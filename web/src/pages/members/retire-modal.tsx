import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import type { MemberRow } from '../../../../contracts/members.ts';
import { call } from '../../api.ts';
import { applyFieldErrors } from '../../console/form-errors.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

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
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (member) {
      form.setFieldsValue({ retiredOn: today(), reason: '' });
      setError(null);
    }
  }, [member, form]);

  async function submit(v: Values) {
    if (!member) return;
    setBusy(true);
    setError(null);
    try {
      await call('POST /api/members/:id/retire', {
        params: { id: member.id },
        body: { retiredOn: v.retiredOn, reason: v.reason ?? '' },
      });
      void message.success(t('members.retired'));
      onDone();
    } catch (e) {
      if (!applyFieldErrors(form, e, lang)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={member !== null}
      title={t('members.retireTitle', { name: member?.name ?? '' })}
      okText={t('members.retire')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} name="retire" layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        {error !== null && (
          <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />
        )}
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
      </Form>
    </Modal>
  );
}
