import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { chinaTime } from '../../../../contracts/china-time.ts';
import { handOverDueDays } from '../../../../contracts/concerns.ts';
import { limits } from '../../../../contracts/common.ts';
import { ActionDialog } from './concern-dialogs.tsx';
import { chinaInstant, chinaToday } from './concern-rules.ts';

// A concern passed to another committee starts its deadline afresh. The dialog says so and
// when (the standard days from now, as the server counts them), and staff may set another
// date; a member passing it up sees the date but leaves it to the staff above.

const format = 'YYYY-MM-DD HH:mm';
/** The standard deadline of a hand-over made now, as China wall-clock time. */
const standardDue = () => chinaTime(new Date(Date.now() + handOverDueDays * 86_400_000), 'minute');

/** The picked date (read as China time) as the instant the server takes; none when not picked. */
export const dueAtOf = (v: Dayjs | undefined | null): string | undefined =>
  v ? chinaInstant(v.format(format)) : undefined;

/** The deadline item of a hand-over dialog: a picker for staff, the fixed date for a member. */
export function HandOverDue({ settable }: { settable: boolean }) {
  const { t } = useTranslation();
  const at = standardDue();
  if (!settable)
    return <p className="lx-hint">{t('concerns.form.handOverDueFixed', { days: handOverDueDays, at })}</p>;
  const label = t('concerns.form.handOverDue');
  return (
    <Form.Item
      label={label}
      name="dueAt"
      initialValue={dayjs(at)}
      extra={t('concerns.form.handOverDueHint', { days: handOverDueDays, at })}
      rules={[{ required: true, message: t('concerns.form.required', { field: label }) }]}
    >
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format={format}
        showNow={false}
        disabledDate={(d) => d.format('YYYY-MM-DD') < chinaToday(new Date())}
        style={{ width: '100%', maxWidth: 260 }}
      />
    </Form.Item>
  );
}

type Values = { reason: string; dueAt?: Dayjs };

/** 报送上级政协: why, and the deadline the committee above will have. */
export function EscalateDialog({
  open,
  staff,
  onClose,
  send,
}: {
  open: boolean;
  staff: boolean;
  onClose(): void;
  send(v: { reason: string; dueAt?: string }): Promise<void>;
}) {
  const { t } = useTranslation();
  const title = t('concerns.action.escalate');
  const reason = t('concerns.form.escalateLabel');
  return (
    <ActionDialog<Values>
      name="concern-escalate"
      open={open}
      title={title}
      okText={title}
      hint={t('concerns.form.escalateHint')}
      onClose={onClose}
      send={(v) => send({ reason: v.reason.trim(), dueAt: staff ? dueAtOf(v.dueAt) : undefined })}
    >
      {() => (
        <>
          <Form.Item
            label={reason}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('concerns.form.required', { field: reason }) },
            ]}
          >
            <Input.TextArea maxLength={limits.reason} showCount rows={4} />
          </Form.Item>
          <HandOverDue settable={staff} />
        </>
      )}
    </ActionDialog>
  );
}
