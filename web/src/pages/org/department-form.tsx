import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { departmentKinds } from '../../../../contracts/org.ts';
import type { Department } from '../../../../contracts/org.ts';
import { call } from '../../api.ts';
import { applyFieldErrors } from '../../console/form-errors.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

type Values = {
  name: string;
  kind: Department['kind'];
  contactName?: string;
  contactPhone?: string;
};

type Props = {
  committeeId: string;
  department: Department | 'new' | null;
  onClose(): void;
  onSaved(): void;
};

export function DepartmentForm({ committeeId, department, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = department !== null;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (department !== 'new') {
      form.setFieldsValue({
        name: department.name,
        kind: department.kind,
        contactName: department.contactName ?? '',
        contactPhone: department.contactPhone ?? '',
      });
    } else form.setFieldsValue({ kind: 'government' });
  }, [open, department, form]);

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    const body = {
      name: v.name,
      kind: v.kind,
      contactName: v.contactName ?? '',
      contactPhone: v.contactPhone ?? '',
    };
    try {
      if (department === 'new') await call('POST /api/departments', { body: { committeeId, ...body } });
      else if (department) await call('PATCH /api/departments/:id', { params: { id: department.id }, body });
      onSaved();
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
      title={department === 'new' ? t('org.addDepartment') : t('org.editDepartment')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form
        form={form}
        name="department"
        layout="vertical"
        onFinish={(v) => void submit(v)}
        requiredMark={false}
      >
        {error !== null && (
          <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          label={t('common.name')}
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('auth.required', { field: t('common.name') }) },
          ]}
        >
          <Input maxLength={limits.name} />
        </Form.Item>
        <Form.Item label={t('org.kind')} name="kind" rules={[{ required: true }]}>
          <Select options={departmentKinds.map((k) => ({ value: k, label: t(`org.departmentKind.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t('org.contactName')} name="contactName">
          <Input maxLength={limits.personName} />
        </Form.Item>
        <Form.Item
          label={t('org.contactPhone')}
          name="contactPhone"
          rules={[{ pattern: /^[\d\-+() ]{0,30}$/, message: t('org.contactPhoneRule') }]}
        >
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
