import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { studioSubjectOf, studioWorkflow } from '../../../../contracts/studio-workflow.ts';
import type { Studio } from '../../../../contracts/studios.ts';
import { allowedTransitions, refusal } from '../../../../contracts/workflow.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { shortTime } from '../concerns/concern-rules.ts';
import { StudioStatusTag } from './studio-tags.tsx';

type Props = { studio: Studio; canAct: boolean; onChange(s: Studio): void };
type Decision = 'approve' | 'reject';

/**
 * draft → submitted → approved | rejected (with a reason); a rejected studio may be resubmitted.
 * The buttons are the transitions contracts/studio-workflow.ts allows this account: the one
 * that submitted it sees no review buttons (another account reviews), unless the committee
 * waived the separation.
 */
export function StudioApproval({ studio, canAct, onChange }: Props) {
  const { t } = useTranslation();
  const account = useAccount();
  const actor = { id: account.id, role: account.role };
  const subject = studioSubjectOf(studio);
  const allowed = canAct ? allowedTransitions(studioWorkflow, subject, actor) : [];
  const sameReviewer =
    canAct && refusal(studioWorkflow, 'approve', subject, actor) === 'studios.same_reviewer';
  const lang = useLang();
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<Decision | null>(null);

  const at = shortTime(studio.status === 'submitted' ? studio.submittedAt : studio.reviewedAt);
  const text = t(`studios.approval.${studio.status}`, { at, reason: studio.reviewReason ?? '' });

  const submit = useSubmit(async () => {
    onChange(await call('POST /api/studios/:id/submit', { params: { id: studio.id } }));
    void message.success(t('studios.approval.submitted_ok'));
  });
  const { setError } = submit;
  const open = (d: Decision) => {
    setError(null);
    setDeciding(d);
  };
  const dialog = {
    studio,
    busy: submit.busy,
    onCancel: () => setDeciding(null),
    onDone: (s: Studio) => {
      setDeciding(null);
      onChange(s);
    },
    // Anything but a field problem (e.g. already reviewed) shows on the page.
    onPageError: (e: unknown) => {
      setError(e);
      setDeciding(null);
    },
  };

  return (
    <Card
      size="small"
      title={
        <h2 id="studio-approval-title" className="lx-section-title">
          {t('studios.approval.title')} <StudioStatusTag status={studio.status} />
        </h2>
      }
    >
      <p style={{ margin: '0 0 8px' }}>{text}</p>
      {sameReviewer && <p style={{ margin: '0 0 8px' }}>{t('studios.approval.otherReviewer')}</p>}
      {allowed.length > 0 && (
        <Space wrap>
          {allowed.includes('submit') && (
            <Button type="primary" loading={submit.busy} onClick={() => void submit.run()}>
              {t(studio.status === 'draft' ? 'studios.approval.submit' : 'studios.approval.resubmit')}
            </Button>
          )}
          {allowed.includes('approve') && (
            <Button type="primary" onClick={() => open('approve')}>
              {t('studios.approval.approve')}
            </Button>
          )}
          {allowed.includes('reject') && (
            <Button danger onClick={() => open('reject')}>
              {t('studios.approval.reject')}
            </Button>
          )}
        </Space>
      )}
      {submit.error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(submit.error, lang)}
          style={{ marginTop: 8 }}
        />
      )}
      <ReviewDialog decision="approve" open={deciding === 'approve'} {...dialog} />
      <ReviewDialog decision="reject" open={deciding === 'reject'} {...dialog} />
    </Card>
  );
}

type DialogProps = {
  decision: Decision;
  open: boolean;
  studio: Studio;
  busy: boolean;
  onCancel(): void;
  onDone(s: Studio): void;
  onPageError(e: unknown): void;
};

/**
 * One dialog per decision, each with its own form: approving and rejecting once shared one
 * dialog whose words and rules switched with the decision, so what one opening left behind
 * (the reason rule, its error, a closing animation) could meet the next opening.
 */
function ReviewDialog({ decision, open, studio, busy, onCancel, onDone, onPageError }: DialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const reject = decision === 'reject';
  const review = useSubmit(
    async (v: { reason?: string }) => {
      const s = await call('POST /api/studios/:id/review', {
        params: { id: studio.id },
        body: { decision, reason: v.reason?.trim() || null },
      });
      void message.success(t(reject ? 'studios.approval.rejected_ok' : 'studios.approval.approved_ok'));
      onDone(s);
    },
    {
      form,
      // A field problem stays in the dialog; anything else shows on the page.
      alert: 'unless-fields',
      onError: (e, marked) => {
        if (!marked) onPageError(e);
      },
    },
  );

  return (
    <Modal
      open={open}
      title={t(reject ? 'studios.approval.rejectTitle' : 'studios.approval.approveTitle', {
        name: studio.name,
      })}
      okText={t(reject ? 'studios.approval.reject' : 'studios.approval.approve')}
      okButtonProps={{ danger: reject }}
      cancelText={t('common.cancel')}
      confirmLoading={busy || review.busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      // Each opening starts from an empty reason and no error.
      afterOpenChange={(opened) => {
        if (!opened) form.resetFields();
      }}
      forceRender
    >
      <Form form={form} name={`studio-${decision}`} layout="vertical" onFinish={(v) => void review.run(v)}>
        <Form.Item
          label={t(reject ? 'studios.approval.reason' : 'studios.approval.approveNote')}
          name="reason"
          rules={
            reject
              ? [{ required: true, whitespace: true, message: t('studios.approval.reasonRequired') }]
              : []
          }
        >
          <Input.TextArea maxLength={limits.reason} showCount rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
