import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { ActionDialog } from './concern-dialogs.tsx';
import { chinaInstant, chinaToday } from './concern-rules.ts';

// dayjs is antd's own date type (the picker's values); only its type is named here.
type Values = { dueAt: Dayjs; reason: string };

const format = 'YYYY-MM-DD HH:mm';

/**
 * 设定办理期限: a date and time picked as China time (the picker shows the browser's wall clock;
 * its digits are read as +08:00, so a clerk travelling abroad still sets 17:00 in China), and a
 * required reason. The server refuses a past instant on the `dueAt` item.
 */
export function DeadlineDialog({
  open,
  onClose,
  send,
}: {
  open: boolean;
  onClose(): void;
  send(v: { dueAt: string; reason: string }): Promise<void>;
}) {
  const { t } = useTranslation();
  const dueAt = t('concerns.form.dueAtLabel');
  const reason = t('concerns.form.reasonLabel');
  return (
    <ActionDialog<Values>
      name="concern-deadline"
      open={open}
      title={t('concerns.action.deadline')}
      okText={t('concerns.action.deadline')}
      onClose={onClose}
      send={(v) => send({ dueAt: chinaInstant(v.dueAt.format(format)), reason: v.reason.trim() })}
    >
      {() => (
        <>
          <Form.Item
            label={dueAt}
            name="dueAt"
            extra={t('concerns.form.dueAtHint')}
            rules={[{ required: true, message: t('concerns.form.required', { field: dueAt }) }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={format}
              showNow={false}
              placeholder={t('concerns.form.dueAtPlaceholder')}
              disabledDate={(d) => d.format('YYYY-MM-DD') < chinaToday(new Date())}
              style={{ width: '100%', maxWidth: 260 }}
            />
          </Form.Item>
          <Form.Item
            label={reason}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('concerns.form.required', { field: reason }) },
            ]}
          >
            <Input.TextArea maxLength={limits.reason} showCount rows={3} />
          </Form.Item>
        </>
      )}
    </ActionDialog>
  );
}
