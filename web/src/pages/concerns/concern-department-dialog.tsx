import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { ActionDialog } from './concern-dialogs.tsx';
import { DepartmentSelect } from '../org/department-select.tsx';

type Values = { departmentId: string; workingDays: number; note: string };

/** 交办承办单位: which department of the concern's committee, how many working days, and a note. */
export function DepartmentDialog({
  open,
  committeeId,
  onClose,
  send,
}: {
  open: boolean;
  committeeId: string;
  onClose(): void;
  send(v: Values): Promise<void>;
}) {
  const { t } = useTranslation();
  const required = (field: string) => ({
    required: true,
    message: t('concerns.form.required', { field }),
  });
  return (
    <ActionDialog<Values>
      name="concern-to-department"
      open={open}
      title={t('concerns.action.toDepartment')}
      okText={t('concerns.action.toDepartment')}
      onClose={onClose}
      send={(v) => send({ ...v, note: v.note.trim() })}
    >
      {() => (
        <>
          <Form.Item
            label={t('concerns.form.department')}
            name="departmentId"
            rules={[required(t('concerns.form.department'))]}
          >
            <DepartmentSelect committeeId={committeeId} />
          </Form.Item>
          <Form.Item
            label={t('concerns.form.workingDays')}
            name="workingDays"
            initialValue={10}
            extra={t('concerns.form.workingDaysHint')}
            rules={[required(t('concerns.form.workingDays'))]}
          >
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            label={t('concerns.form.departmentNote')}
            name="note"
            rules={[{ ...required(t('concerns.form.departmentNote')), whitespace: true }]}
          >
            <Input.TextArea maxLength={limits.reason} showCount rows={3} />
          </Form.Item>
        </>
      )}
    </ActionDialog>
  );
}
