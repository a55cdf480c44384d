import type { ReactNode } from 'react';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import type { ConcernDetail } from '../../../../contracts/concerns.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { PersonPicker } from '../members/person-picker.tsx';
import { CommitteeSelect } from '../org/committee-select.tsx';
import type { Dayjs } from 'dayjs';
import { ActionDialog } from './concern-dialogs.tsx';
import { HandOverDue, dueAtOf } from './concern-handover-due.tsx';

type Values = { committeeId: string; studioId?: string; personId?: string; reason?: string; dueAt?: Dayjs };
export type RouteTarget = {
  committeeId: string;
  studioId?: string;
  personId?: string;
  reason: string | null;
  /** The receiving committee's deadline, when it moves to another committee. */
  dueAt?: string;
};

type Props = {
  /** transfer: within the concern's committee (members and staff); assign: anywhere in the staff's subtree. */
  mode: 'transfer' | 'assign';
  open: boolean;
  /** Where it is now (a batch: the staff's own committee). */
  concern: Pick<ConcernDetail, 'committeeId'>;
  staff: boolean;
  onClose(): void;
  send(target: RouteTarget): Promise<void>;
};

/** Pick where a concern goes: a committee (assign only), then optionally a studio and a member. */
export function RouteDialog({ mode, open, concern, staff, onClose, send }: Props) {
  const { t } = useTranslation();
  const reasonLabel =
    mode === 'transfer' ? t('concerns.form.reasonLabel') : t('concerns.form.reasonOptional');
  return (
    <ActionDialog<Values>
      name={`concern-${mode}`}
      open={open}
      title={t(`concerns.action.${mode}`)}
      okText={t(`concerns.action.${mode}`)}
      hint={t(mode === 'transfer' ? 'concerns.form.transferHint' : 'concerns.form.assignHint')}
      onClose={onClose}
      send={(v) =>
        send({
          committeeId: v.committeeId ?? concern.committeeId,
          studioId: v.studioId || undefined,
          personId: v.personId || undefined,
          reason: v.reason?.trim() || null,
          // Only a move to another committee starts a new deadline (the item shows only then).
          dueAt:
            (v.committeeId ?? concern.committeeId) !== concern.committeeId ? dueAtOf(v.dueAt) : undefined,
        })
      }
    >
      {(form) => (
        <Targets mode={mode} concern={concern} staff={staff} form={form}>
          <Form.Item
            label={reasonLabel}
            name="reason"
            rules={
              mode === 'transfer'
                ? [
                    {
                      required: true,
                      whitespace: true,
                      message: t('concerns.form.required', { field: reasonLabel }),
                    },
                  ]
                : []
            }
          >
            <Input.TextArea maxLength={limits.reason} showCount rows={3} />
          </Form.Item>
        </Targets>
      )}
    </ActionDialog>
  );
}

function Targets({
  mode,
  concern,
  staff,
  form,
  children,
}: {
  mode: Props['mode'];
  concern: Pick<ConcernDetail, 'committeeId'>;
  staff: boolean;
  form: ReturnType<typeof Form.useForm<Values>>[0];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const committeeId = Form.useWatch('committeeId', form) ?? concern.committeeId;
  const studioId = Form.useWatch('studioId', form);
  const studios = useLoad(() => call('GET /api/studios', { query: { committeeId } }), [committeeId]);
  const studio = useLoad(
    () =>
      studioId ? call('GET /api/studios/:id', { params: { id: studioId } }) : Promise.resolve(undefined),
    [studioId],
  );
  return (
    <>
      {mode === 'assign' && (
        <Form.Item
          label={t('concerns.form.targetCommittee')}
          name="committeeId"
          initialValue={concern.committeeId}
          rules={[{ required: true }]}
        >
          <CommitteeSelect
            style={{ width: '100%' }}
            onChange={() => form.setFieldsValue({ studioId: undefined, personId: undefined })}
          />
        </Form.Item>
      )}
      {mode === 'assign' && committeeId !== concern.committeeId && <HandOverDue settable={staff} />}
      <Form.Item label={t('concerns.form.targetStudio')} name="studioId">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={studios.loading}
          onChange={() => form.setFieldsValue({ personId: undefined })}
          options={(studios.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item label={t('concerns.form.targetMember')} name="personId">
        {studioId || !staff ? (
          <Select
            allowClear
            disabled={!studioId}
            loading={studio.loading}
            options={(studio.data?.members ?? []).map((m) => ({ value: m.personId, label: m.name }))}
          />
        ) : (
          <PersonPicker placeholder={t('studios.members.searchPlaceholder')} />
        )}
      </Form.Item>
      {children}
    </>
  );
}
