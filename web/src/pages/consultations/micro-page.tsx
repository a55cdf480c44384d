import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Result, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { limits } from '../../../../contracts/common.ts';
import type { Consultation } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useLoad } from '../../console/use-load.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { beijing } from './consultation-form.tsx';

type Values = {
  studioId: string;
  title: string;
  heldAt: string;
  place?: string;
  memberIds?: string[];
  citizenCount: number;
  citizenNames?: string;
  consensus: string;
  followUp: string;
};

const nowLocal = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);

/** 微协商 on a convenor's phone: one short form, one column, sent once. */
export function MicroPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const account = useAccount();
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState<Consultation | null>(null);
  const studios = useLoad(() => call('GET /api/studios'), []);
  // A member records for the studios they lead; staff for any in their scope.
  const mine = (studios.data?.items ?? []).filter(
    (s) => account.role !== 'member' || s.leadPersonId === account.personId,
  );
  const studioId = Form.useWatch('studioId', form);
  const studio = useLoad(
    () =>
      studioId ? call('GET /api/studios/:id', { params: { id: studioId } }) : Promise.resolve(undefined),
    [studioId],
  );
  const submit = useSubmit(
    async (v: Values) =>
      setSaved(
        await call('POST /api/micro-consultations', {
          body: { ...v, heldAt: beijing(v.heldAt), memberIds: v.memberIds ?? [] },
        }),
      ),
    { form },
  );
  const req = { required: true, message: t('consultations.required') };
  if (saved)
    return (
      <Result
        status="success"
        title={t('consultations.micro.saved')}
        extra={<Link to={`/consultations/${saved.id}`}>{t('consultations.open')}</Link>}
      />
    );
  return (
    <div style={{ maxWidth: 520, margin: '0 auto' }}>
      <h1 className="lx-page-title">{t('consultations.micro.title')}</h1>
      {studios.error !== null && <Alert type="error" showIcon title={errorText(studios.error, lang)} />}
      <Card size="small">
        <Form<Values> form={form} name="micro" layout="vertical" onFinish={(v) => void submit.run(v)}>
          <SubmitAlert error={submit.error} />
          <Form.Item label={t('consultations.micro.studio')} name="studioId" rules={[req]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={mine.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item
            label={t('consultations.micro.topic')}
            name="title"
            rules={[{ ...req, whitespace: true }]}
          >
            <Input maxLength={limits.name} />
          </Form.Item>
          <Form.Item
            label={t('consultations.micro.heldAt')}
            name="heldAt"
            initialValue={nowLocal()}
            rules={[req]}
          >
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item label={t('consultations.field.place')} name="place">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('consultations.micro.members')} name="memberIds">
            <Checkbox.Group
              options={(studio.data?.members ?? []).map((m) => ({ value: m.personId, label: m.name }))}
            />
          </Form.Item>
          <Form.Item
            label={t('consultations.micro.citizenCount')}
            name="citizenCount"
            initialValue={0}
            rules={[req]}
          >
            <InputNumber min={0} max={10000} precision={0} inputMode="numeric" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('consultations.micro.citizenNames')} name="citizenNames">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item
            label={t('consultations.micro.consensus')}
            name="consensus"
            rules={[{ ...req, whitespace: true }]}
          >
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Form.Item
            label={t('consultations.micro.followUp')}
            name="followUp"
            rules={[{ ...req, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <p className="lx-hint">{t('consultations.micro.photosLater')}</p>
          <Button type="primary" htmlType="submit" block size="large" loading={submit.busy}>
            {t('consultations.micro.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
