import { useEffect } from 'react';
import { App, Button, Col, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { studioKinds } from '../../../../contracts/studios.ts';
import type { Studio } from '../../../../contracts/studios.ts';
import { call } from '../../api.ts';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { PersonPicker } from '../members/person-picker.tsx';
import { useOrgOptions } from '../members/use-org-options.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import type { StudioKind } from './studio-filter.ts';

type Values = {
  committeeId: string;
  name: string;
  kind: StudioKind;
  sectorId?: string | null;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  leadPersonId?: string | null;
  openingHours?: string;
  hotline?: string;
  intro?: string;
  services?: string;
};

type Props = {
  open: boolean;
  /** Absent: create a studio. */
  studio?: Studio;
  defaultCommitteeId: string;
  onClose(): void;
  onSaved(s: Studio): void;
};

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** Create or edit a studio's own fields, in a drawer (full width on a phone). */
export function StudioFormDrawer({ open, studio, defaultCommitteeId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const committeeId = Form.useWatch('committeeId', form) ?? studio?.committeeId ?? defaultCommitteeId;
  const { sectors } = useOrgOptions(committeeId);

  const submit = useSubmit(
    async (v: Values) => {
      const fields = {
        name: v.name.trim(),
        kind: v.kind,
        sectorId: v.kind === 'sector' ? (v.sectorId ?? null) : null,
        address: orNull(v.address),
        lat: v.lat ?? null,
        lng: v.lng ?? null,
        leadPersonId: v.leadPersonId ?? null,
        openingHours: orNull(v.openingHours),
        hotline: orNull(v.hotline),
        intro: orNull(v.intro),
        services: orNull(v.services),
      };
      const saved = studio
        ? await call('PATCH /api/studios/:id', { params: { id: studio.id }, body: fields })
        : await call('POST /api/studios', { body: { committeeId: v.committeeId, ...fields } });
      void message.success(t(studio ? 'studios.saved' : 'studios.created'));
      onSaved(saved);
    },
    { form },
  );
  const { setError } = submit;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (studio)
      form.setFieldsValue({
        committeeId: studio.committeeId,
        name: studio.name,
        kind: studio.kind,
        sectorId: studio.sectorId,
        address: studio.address ?? '',
        lat: studio.lat,
        lng: studio.lng,
        leadPersonId: studio.leadPersonId,
        openingHours: studio.openingHours ?? '',
        hotline: studio.hotline ?? '',
        intro: studio.intro ?? '',
        services: studio.services ?? '',
      });
  }, [open, studio, form, setError]);

  const required = (label: string) => ({
    required: true,
    whitespace: true,
    message: t('auth.required', { field: label }),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={studio ? t('studios.edit') : t('studios.create')}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="studio"
        layout="vertical"
        onFinish={(v) => void submit.run(v)}
        initialValues={{ committeeId: defaultCommitteeId, kind: 'regional' }}
      >
        <SubmitAlert error={submit.error} />
        <Form.Item label={t('studios.name')} name="name" rules={[required(t('studios.name'))]}>
          <Input maxLength={limits.name} />
        </Form.Item>
        {!studio && (
          <Form.Item label={t('studios.committee')} name="committeeId" rules={[{ required: true }]}>
            <CommitteeSelect style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item label={t('studios.kind')} name="kind" rules={[{ required: true }]}>
          <Select options={studioKinds.map((k) => ({ value: k, label: t(`studios.kindValue.${k}`) }))} />
        </Form.Item>
        {kind === 'sector' && (
          <Form.Item label={t('studios.sector')} name="sectorId">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={sectors} />
          </Form.Item>
        )}
        <Form.Item label={t('studios.address')} name="address">
          <Input maxLength={200} />
        </Form.Item>
        <fieldset className="lx-fieldset">
          <legend>{t('studios.mapPoint')}</legend>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item label={t('studios.lat')} name="lat">
                <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label={t('studios.lng')} name="lng">
                <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <p className="lx-hint">{t('studios.mapPointHint')}</p>
        </fieldset>
        <Form.Item label={t('studios.lead')} name="leadPersonId" extra={t('studios.leadHint')}>
          <PersonPicker
            initialLabel={studio?.leadName ?? undefined}
            placeholder={t('studios.members.searchPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          label={t('studios.openingHours')}
          name="openingHours"
          extra={t('studios.openingHoursHint')}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('studios.hotline')} name="hotline" extra={t('studios.hotlineHint')}>
          <Input maxLength={40} inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('studios.intro')} name="intro">
          <Input.TextArea maxLength={2000} showCount rows={4} />
        </Form.Item>
        <Form.Item label={t('studios.services')} name="services">
          <Input.TextArea maxLength={1000} showCount rows={3} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={submit.busy}>
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
