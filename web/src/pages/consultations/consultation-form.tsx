import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { consultationForms, consultationModes } from '../../../../contracts/consultations.ts';
import type { Consultation, ConsultationForm as Kind } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { ActionDialog } from '../concerns/concern-dialogs.tsx';

type Values = {
  title: string;
  kind: Kind;
  mode: (typeof consultationModes)[number];
  startsAt: string;
  endsAt: string;
  place?: string;
  hostName?: string;
  agenda?: { title: string; durationMinutes: number; speaker?: string }[];
};

/** A local date-time field's value (Beijing time) as an instant with its offset. */
export const beijing = (local: string) => `${local.length === 16 ? `${local}:00` : local}+08:00`;

/** A new consultation of the committee, optionally for an item of the plan. */
export function ConsultationForm({
  open,
  committeeId,
  planItemId,
  initialTitle,
  initialKind,
  onClose,
  onSaved,
}: {
  open: boolean;
  committeeId: string;
  planItemId?: string;
  initialTitle?: string;
  initialKind?: Kind;
  onClose(): void;
  onSaved(k: Consultation): void;
}) {
  const { t } = useTranslation();
  const req = { required: true, message: t('consultations.required') };
  return (
    <ActionDialog<Values>
      name="consultation-create"
      okText={t('common.confirm')}
      open={open}
      title={t('consultations.create')}
      onClose={onClose}
      send={async (v) =>
        onSaved(
          await call('POST /api/consultations', {
            body: {
              committeeId,
              planItemId: planItemId ?? null,
              title: v.title,
              kind: v.kind,
              mode: v.mode,
              startsAt: beijing(v.startsAt),
              endsAt: beijing(v.endsAt),
              place: v.place ?? null,
              hostName: v.hostName ?? null,
              agenda: (v.agenda ?? []).filter((a) => a?.title),
            },
          }),
        )
      }
    >
      {() => (
        <>
          <Form.Item
            label={t('consultations.field.title')}
            name="title"
            initialValue={initialTitle}
            rules={[{ ...req, whitespace: true }]}
          >
            <Input maxLength={limits.name} />
          </Form.Item>
          <Space wrap>
            <Form.Item
              label={t('consultations.field.kind')}
              name="kind"
              initialValue={initialKind ?? 'special'}
              rules={[req]}
            >
              <Select
                style={{ width: 180 }}
                options={consultationForms.map((f) => ({ value: f, label: t(`consultations.form.${f}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('consultations.field.mode')} name="mode" initialValue="on_site" rules={[req]}>
              <Select
                style={{ width: 160 }}
                options={consultationModes.map((m) => ({ value: m, label: t(`consultations.mode.${m}`) }))}
              />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item label={t('consultations.field.startsAt')} name="startsAt" rules={[req]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item label={t('consultations.field.endsAt')} name="endsAt" rules={[req]}>
              <Input type="datetime-local" />
            </Form.Item>
          </Space>
          <Form.Item label={t('consultations.field.place')} name="place">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('consultations.field.host')} name="hostName">
            <Input maxLength={limits.personName} />
          </Form.Item>
          <p className="lx-hint">{t('consultations.field.agenda')}</p>
          <Form.List name="agenda">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'title']} rules={[req]}>
                      <Input
                        placeholder={t('consultations.field.agendaTitle')}
                        aria-label={t('consultations.field.agendaTitle')}
                        maxLength={limits.name}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'durationMinutes']} initialValue={30} rules={[req]}>
                      <InputNumber
                        min={1}
                        max={600}
                        aria-label={t('consultations.field.minutesLong')}
                        addonAfter={t('consultations.field.min')}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'speaker']}>
                      <Input
                        placeholder={t('consultations.field.speaker')}
                        aria-label={t('consultations.field.speaker')}
                        maxLength={limits.name}
                      />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t('common.retire')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  {t('consultations.field.addAgenda')}
                </Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </ActionDialog>
  );
}
