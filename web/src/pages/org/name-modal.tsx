import { useEffect } from 'react';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { FormModal } from '../../console/form-modal.tsx';
import { useSubmit } from '../../console/use-submit.ts';

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
  const [form] = Form.useForm<{ name: string }>();
  const submit = useSubmit(
    async (v: { name: string }) => {
      await onSubmit(v.name.trim());
      onClose();
    },
    { form, alert: 'unless-fields' },
  );
  const { setError } = submit;

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ name: initial ?? '' });
      setError(null);
    }
  }, [open, initial, form, setError]);

  return (
    <FormModal
      open={open}
      title={title}
      name="named"
      form={form}
      submit={submit}
      onFinish={(v) => void submit.run(v)}
      onCancel={onClose}
      requiredMark={false}
    >
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
    </FormModal>
  );
}
