import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { applyFieldErrors } from '../../console/form-errors.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

type Props = {
  open: boolean;
  title: string;
  initial?: string;
  onSubmit(name: string): Promise<void>;
  onClose(): void;
};

/** Add / rename dialog for anything that is just a name (sector, special committee). */
export function NameModal({ open, title, initial, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ name: initial ?? '' });
      setError(null);
    }
  }, [open, initial, form]);

  async function submit(v: { name: string }) {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v.name.trim());
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e, lang)) setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} name="named" layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        {error !== null && (
          <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          label={t('common.name')}
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('auth.required', { field: t('common.name') }) },
            { max: limits.name },
          ]}
        >
          <Input maxLength={limits.name} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
