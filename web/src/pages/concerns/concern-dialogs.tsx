import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Form, Input, InputNumber } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ReplyTemplatePicker } from './reply-template-picker.tsx';
import { ApiError, formFieldPath } from '../../api.ts';
import { FormModal } from '../../console/form-modal.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

type Frame<V> = {
  /** The form's name, unique on the page: antd builds the fields' ids from it. */
  name: string;
  open: boolean;
  title: string;
  okText: string;
  hint?: string;
  onClose(): void;
  /** Sends the request; a rejection keeps the dialog open with the server's words. */
  send(v: V): Promise<void>;
  children(form: FormInstance<V>): ReactNode;
};

/** A dialog with one form: field errors from the server land on their items. */
export function ActionDialog<V extends object>({
  name,
  open,
  title,
  okText,
  hint,
  onClose,
  send,
  children,
}: Frame<V>) {
  const lang = useLang();
  const [form] = Form.useForm<V>();
  const submit = useSubmit(send, {
    form,
    // A domain refusal about one field ('concerns.deadline_past' on dueAt) says more than the
    // generic "invalid" its field entry carries: show the refusal itself on that item.
    onError: (e) => {
      if (e instanceof ApiError && e.code !== 'request.invalid' && e.fields.length === 1)
        (form as FormInstance).setFields([
          { name: formFieldPath(e.fields[0]!.field), errors: [errorText(e, lang)] },
        ]);
    },
  });
  const { setError } = submit;

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form, setError]);

  return (
    <FormModal<V>
      open={open}
      title={title}
      name={name}
      form={form}
      submit={submit}
      onFinish={(v) => void submit.run(v)}
      onCancel={onClose}
      okText={okText}
      hint={hint}
    >
      {children(form)}
    </FormModal>
  );
}

/** Reply, ask for more, escalate, a service deed's result: one text the server needs. */
export function TextDialog({
  name,
  open,
  title,
  label,
  hint,
  field,
  max,
  onClose,
  send,
  templates = false,
}: {
  name: string;
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  field: 'text' | 'reason' | 'result';
  max: number;
  onClose(): void;
  send(text: string): Promise<void>;
  /** Offer the committee's reply templates to start the text from. */
  templates?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ActionDialog<Record<string, string>>
      name={name}
      open={open}
      title={title}
      okText={title}
      hint={hint}
      onClose={onClose}
      send={(v) => send(String(v[field] ?? '').trim())}
    >
      {(form) => (
        <>
          {templates && <ReplyTemplatePicker onPick={(body) => form.setFieldValue(field, body)} />}
          <Form.Item
            label={label}
            name={field}
            rules={[
              { required: true, whitespace: true, message: t('concerns.form.required', { field: label }) },
            ]}
          >
            <Input.TextArea maxLength={max} showCount rows={5} />
          </Form.Item>
        </>
      )}
    </ActionDialog>
  );
}

export function ExtendDialog({
  open,
  onClose,
  send,
}: {
  open: boolean;
  onClose(): void;
  send(v: { days: number; reason: string }): Promise<void>;
}) {
  const { t } = useTranslation();
  const reason = t('concerns.form.reasonLabel');
  return (
    <ActionDialog<{ days: number; reason: string }>
      name="concern-extend"
      open={open}
      title={t('concerns.action.extend')}
      okText={t('concerns.action.extend')}
      onClose={onClose}
      send={(v) => send({ days: v.days, reason: v.reason.trim() })}
    >
      {() => (
        <>
          <Form.Item
            label={t('concerns.form.days')}
            name="days"
            initialValue={7}
            extra={t('concerns.form.daysHint')}
            rules={[
              { required: true, message: t('concerns.form.required', { field: t('concerns.form.days') }) },
            ]}
          >
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            label={reason}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('concerns.form.required', { field: reason }) },
            ]}
          >
            <Input.TextArea maxLength={500} showCount rows={3} />
          </Form.Item>
        </>
      )}
    </ActionDialog>
  );
}
