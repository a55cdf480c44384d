import type { ReactNode } from 'react';
import { Form, Modal } from 'antd';
import { SubmitAlert } from './submit-alert.tsx';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

type Props<V> = {
  open: boolean;
  title: ReactNode;
  /** The form's name, unique on the page: antd builds the fields' ids from it. */
  name: string;
  form: FormInstance<V>;
  /** From useSubmit: the ok button spins while busy; the error shows above the fields. */
  submit: { busy: boolean; error: unknown };
  onFinish(values: V): void;
  onCancel(): void;
  okText?: string;
  danger?: boolean;
  hint?: ReactNode;
  requiredMark?: boolean;
  children: ReactNode;
};

/** A dialog holding one form: ok submits it, the error of the last try is shown in it. */
export function FormModal<V extends object>({
  open,
  title,
  name,
  form,
  submit,
  onFinish,
  onCancel,
  okText,
  danger,
  hint,
  requiredMark,
  children,
}: Props<V>) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.save')}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText={t('common.cancel')}
      confirmLoading={submit.busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      // Rendered while closed too, so the form instance is connected before the first opening.
      forceRender
    >
      <Form<V> form={form} name={name} layout="vertical" onFinish={onFinish} requiredMark={requiredMark}>
        {hint && <p className="lx-hint">{hint}</p>}
        <SubmitAlert error={submit.error} />
        {children}
      </Form>
    </Modal>
  );
}
