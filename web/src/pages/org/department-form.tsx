import { useEffect } from 'react';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { departmentKinds } from '../../../../contracts/org.ts';
import type { Department } from '../../../../contracts/org.ts';
import { call } from '../../api.ts';
import { FormModal } from '../../console/form-modal.tsx';
import { useSubmit } from '../../console/use-submit.ts';

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
  const [form] = Form.useForm<Values>();
  const open = department !== null;
  const submit = useSubmit(
    async (v: Values) => {
      const body = {
        name: v.name,
        kind: v.kind,
        contactName: v.contactName ?? '',
        contactPhone: v.contactPhone ?? '',
      };
      if (department === 'new') await call('POST /api/departments', { body: { committeeId, ...body } });
      else if (department) await call('PATCH /api/departments/:id', { params: { id: department.id }, body });
      onSaved();
      onClose();
    },
    { form, alert: 'unless-fields' },
  );
  const { setError } = submit;

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
  }, [open, department, form, setError]);

  return (
    <FormModal
      open={open}
      title={department === 'new' ? t('org.addDepartment') : t('org.editDepartment')}
      name="department"
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
    </FormModal>
  );
}
