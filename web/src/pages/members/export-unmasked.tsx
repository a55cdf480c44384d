import { useState } from 'react';
import { App, Button, Form, Input } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { downloadPost } from '../../api.ts';
import type { Query } from '../../api.ts';
import { FormModal } from '../../console/form-modal.tsx';
import { useSubmit } from '../../console/use-submit.ts';

/**
 * The roster with phone numbers in full: for admins only (the server refuses anyone else), and
 * with a reason, which the audit log keeps with the count. The ordinary export masks them.
 */
export function ExportUnmasked({ query }: { query: Query }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = useSubmit(
    async (v: { reason: string }) => {
      await downloadPost('/members/export-unmasked.xlsx', { reason: v.reason.trim() }, query);
      setOpen(false);
      void message.success(t('members.exportUnmasked.done'));
    },
    { form, alert: 'unless-fields' },
  );
  return (
    <>
      <Button
        icon={<SafetyOutlined />}
        onClick={() => {
          form.resetFields();
          submit.setError(null);
          setOpen(true);
        }}
      >
        {t('members.exportUnmasked.button')}
      </Button>
      <FormModal<{ reason: string }>
        open={open}
        title={t('members.exportUnmasked.title')}
        name="export-unmasked"
        form={form}
        submit={submit}
        okText={t('members.exportUnmasked.ok')}
        hint={t('members.exportUnmasked.hint')}
        onFinish={(v) => void submit.run(v)}
        onCancel={() => setOpen(false)}
      >
        <Form.Item
          label={t('members.exportUnmasked.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('members.exportUnmasked.reasonRequired') }]}
        >
          <Input maxLength={limits.reason} showCount />
        </Form.Item>
      </FormModal>
    </>
  );
}
