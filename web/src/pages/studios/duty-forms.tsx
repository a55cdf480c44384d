import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { App, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Studio } from '../../../../contracts/studios.ts';
import { call } from '../../api.ts';
import { FormModal } from '../../console/form-modal.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { slotInstant, studioToday } from './duty-format.ts';
import type { Roster } from './studio-duty.tsx';

type Common = { open: boolean; studio: Studio; onClose(): void; onSaved(r: Roster): void };
type RuleValues = {
  freq: 'monthly' | 'weekly';
  day: number;
  startTime: string;
  endTime: string;
  personIds: string[];
  validFrom: string;
  validTo?: string;
  note?: string;
};
type SlotValues = { date: string; startTime: string; endTime: string; personIds: string[]; note?: string };

/** Shared dialog frame: a form whose server field errors land on its items. */
function DutyModal<V extends object>({
  open,
  title,
  name,
  initial,
  send,
  onClose,
  onSaved,
  children,
}: {
  open: boolean;
  title: string;
  name: string;
  initial: Partial<V>;
  send(v: V): Promise<Roster>;
  onClose(): void;
  onSaved(r: Roster): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const submit = useSubmit(
    async (v: V) => {
      onSaved(await send(v));
      void message.success(t('studios.duty.added'));
    },
    { form },
  );
  const { setError } = submit;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initial as Parameters<typeof form.setFieldsValue>[0]);
    setError(null);
    // `initial` is rebuilt on each render; resetting once per opening is the intent.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
    >
      {children}
    </FormModal>
  );
}

function useDutyFields(studio: Studio) {
  const { t } = useTranslation();
  const req = (label: string) => [{ required: true, message: t('auth.required', { field: label }) }];
  const times = (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item label={t('studios.duty.start')} name="startTime" rules={req(t('studios.duty.start'))}>
          <Input type="time" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label={t('studios.duty.end')} name="endTime" rules={req(t('studios.duty.end'))}>
          <Input type="time" />
        </Form.Item>
      </Col>
    </Row>
  );
  const tail = (
    <>
      <Form.Item
        label={t('studios.duty.onDuty')}
        name="personIds"
        extra={studio.members.length === 0 ? t('studios.duty.membersFirst') : undefined}
      >
        <Select
          mode="multiple"
          allowClear
          optionFilterProp="label"
          options={studio.members.map((m) => ({ value: m.personId, label: m.name }))}
        />
      </Form.Item>
      <Form.Item label={t('studios.duty.note')} name="note">
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
  return { t, req, times, tail };
}

const orNull = (s?: string) => (s && s.trim() ? s.trim() : null);

export function DutyRuleModal({ open, studio, onClose, onSaved }: Common) {
  const { t, req, times, tail } = useDutyFields(studio);
  const [freq, setFreq] = useState<RuleValues['freq']>('monthly');
  useEffect(() => {
    if (open) setFreq('monthly');
  }, [open]);
  const days =
    freq === 'monthly'
      ? Array.from({ length: 31 }, (_, i) => ({
          value: i + 1,
          label: t('studios.duty.dayOption', { day: i + 1 }),
        }))
      : Array.from({ length: 7 }, (_, i) => ({ value: i + 1, label: t(`studios.duty.weekday.${i + 1}`) }));
  return (
    <DutyModal<RuleValues>
      open={open}
      name="duty-rule"
      title={t('studios.duty.addRule')}
      initial={{
        freq: 'monthly',
        day: 15,
        startTime: '09:00',
        endTime: '11:30',
        personIds: [],
        validFrom: studioToday(new Date()),
      }}
      onClose={onClose}
      onSaved={onSaved}
      send={(v) =>
        call('POST /api/studios/:id/duty-rules', {
          params: { id: studio.id },
          body: { ...v, validTo: orNull(v.validTo), note: orNull(v.note), personIds: v.personIds ?? [] },
        })
      }
    >
      <Form.Item label={t('studios.duty.freq')} name="freq">
        <Radio.Group
          onChange={(e) => setFreq(e.target.value as RuleValues['freq'])}
          options={(['monthly', 'weekly'] as const).map((f) => ({
            value: f,
            label: t(`studios.duty.freqValue.${f}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        label={freq === 'monthly' ? t('studios.duty.dayOfMonth') : t('studios.duty.dayOfWeek')}
        name="day"
        rules={req(t('studios.duty.dayOfMonth'))}
      >
        <Select options={days} />
      </Form.Item>
      {times}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            label={t('studios.duty.validFrom')}
            name="validFrom"
            rules={req(t('studios.duty.validFrom'))}
          >
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('studios.duty.validTo')} name="validTo">
            <Input type="date" />
          </Form.Item>
        </Col>
      </Row>
      {tail}
    </DutyModal>
  );
}

export function DutySlotModal({ open, studio, onClose, onSaved }: Common) {
  const { t, req, times, tail } = useDutyFields(studio);
  return (
    <DutyModal<SlotValues>
      open={open}
      name="duty-slot"
      title={t('studios.duty.addSlot')}
      initial={{ date: studioToday(new Date()), startTime: '09:00', endTime: '11:30', personIds: [] }}
      onClose={onClose}
      onSaved={onSaved}
      send={(v) =>
        call('POST /api/studios/:id/duty-slots', {
          params: { id: studio.id },
          body: {
            startsAt: slotInstant(v.date, v.startTime),
            endsAt: slotInstant(v.date, v.endTime),
            personIds: v.personIds ?? [],
            note: orNull(v.note),
          },
        })
      }
    >
      <Form.Item label={t('studios.duty.date')} name="date" rules={req(t('studios.duty.date'))}>
        <Input type="date" />
      </Form.Item>
      {times}
      {tail}
    </DutyModal>
  );
}
