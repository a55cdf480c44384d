import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { amendmentFields, participantRoles } from '../../../../contracts/consultations.ts';
import type { Consultation } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { ActionDialog } from '../concerns/concern-dialogs.tsx';
import { PersonPicker } from '../members/person-picker.tsx';
import { DepartmentSelect } from '../org/department-select.tsx';

export type Dialog = { kind: 'invite' | 'decline' | 'close' | 'amend' | 'outcome' };
type Props = {
  consultation: Consultation;
  dialog: Dialog | null;
  onClose(): void;
  onDone(k: Consultation): void;
};

/** The consultation's dialogs: invite, decline the invitation, add an outcome, close, amend a closed one. */
export function ConsultationDialogs({ consultation: k, dialog, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const req = { required: true, message: t('consultations.required') };
  const params = { id: k.id };
  const studios = useLoad(
    () => (dialog?.kind === 'invite' ? call('GET /api/studios') : Promise.resolve({ items: [] })),
    [dialog?.kind],
  );
  const open = (kind: Dialog['kind']) => dialog?.kind === kind;
  return (
    <>
      <ActionDialog<{
        role: (typeof participantRoles)[number];
        personId?: string;
        name?: string;
        studioIds?: string[];
      }>
        name="consultation-invite"
        okText={t('common.confirm')}
        open={open('invite')}
        title={t('consultations.invite')}
        hint={t('consultations.inviteHint')}
        onClose={onClose}
        send={async (v) => {
          const one = v.personId || v.name ? [{ role: v.role, personId: v.personId, name: v.name }] : [];
          onDone(
            await call('POST /api/consultations/:id/invitations', {
              params,
              body: { participants: one, studioIds: v.studioIds ?? [] },
            }),
          );
        }}
      >
        {() => (
          <>
            <Form.Item
              label={t('consultations.participant.role')}
              name="role"
              initialValue="member"
              rules={[req]}
            >
              <Select
                options={participantRoles.map((r) => ({ value: r, label: t(`consultations.role.${r}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('consultations.participant.member')} name="personId">
              <PersonPicker placeholder={t('consultations.participant.memberHint')} />
            </Form.Item>
            <Form.Item label={t('consultations.participant.nameOther')} name="name">
              <Input maxLength={limits.personName} />
            </Form.Item>
            <Form.Item label={t('consultations.participant.studios')} name="studioIds">
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={(studios.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </>
        )}
      </ActionDialog>
      <ActionDialog<{ reason: string }>
        name="consultation-decline"
        okText={t('common.confirm')}
        open={open('decline')}
        title={t('consultations.decline')}
        onClose={onClose}
        send={async (v) =>
          onDone(
            await call('POST /api/consultations/:id/reply', {
              params,
              body: { reply: 'declined', reason: v.reason },
            }),
          )
        }
      >
        {() => (
          <Form.Item
            label={t('consultations.declineReason')}
            name="reason"
            rules={[{ ...req, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={limits.reason} />
          </Form.Item>
        )}
      </ActionDialog>
      <ActionDialog<{ text: string; departmentId: string; dueOn: string }>
        name="consultation-outcome"
        okText={t('common.confirm')}
        open={open('outcome')}
        title={t('consultations.outcome.add')}
        onClose={onClose}
        send={async (v) => onDone(await call('POST /api/consultations/:id/outcomes', { params, body: v }))}
      >
        {() => (
          <>
            <Form.Item
              label={t('consultations.outcome.text')}
              name="text"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item label={t('consultations.outcome.department')} name="departmentId" rules={[req]}>
              <DepartmentSelect committeeId={k.committeeId} />
            </Form.Item>
            <Form.Item label={t('consultations.outcome.dueOn')} name="dueOn" rules={[req]}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
      </ActionDialog>
      <ActionDialog<{ attendeeCount: number; contributionCount: number }>
        name="consultation-close"
        okText={t('common.confirm')}
        open={open('close')}
        title={t('consultations.close')}
        hint={t('consultations.closeHint')}
        onClose={onClose}
        send={async (v) => onDone(await call('POST /api/consultations/:id/close', { params, body: v }))}
      >
        {() => (
          <>
            <Form.Item
              label={t('consultations.field.attendees')}
              name="attendeeCount"
              initialValue={k.signedInCount}
              rules={[req]}
            >
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item label={t('consultations.field.contributions')} name="contributionCount" rules={[req]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </>
        )}
      </ActionDialog>
      <ActionDialog<{ field: (typeof amendmentFields)[number]; value: string; reason: string }>
        name="consultation-amend"
        okText={t('common.confirm')}
        open={open('amend')}
        title={t('consultations.amend')}
        hint={t('consultations.amendHint')}
        onClose={onClose}
        send={async (v) => onDone(await call('POST /api/consultations/:id/amendments', { params, body: v }))}
      >
        {() => (
          <>
            <Form.Item label={t('consultations.amendFieldLabel')} name="field" rules={[req]}>
              <Select
                options={amendmentFields.map((f) => ({
                  value: f,
                  label: t(`consultations.amendField.${f}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              label={t('consultations.amendValue')}
              name="value"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item
              label={t('consultations.amendReason')}
              name="reason"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input.TextArea rows={2} maxLength={limits.reason} />
            </Form.Item>
          </>
        )}
      </ActionDialog>
    </>
  );
}
