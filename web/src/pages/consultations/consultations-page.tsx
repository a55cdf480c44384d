import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { limits } from '../../../../contracts/common.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { ActionDialog } from '../concerns/concern-dialogs.tsx';
import { CommitteeSelect } from '../org/committee-select.tsx';
import { ConsultationForm } from './consultation-form.tsx';
import { StateTag, localTime } from './consultation-tags.tsx';

/** Consultations (协商): the annual plans with their topics, and the consultations held. */
export function ConsultationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const account = useAccount();
  const staff = account.role === 'admin' || account.role === 'staff';
  const [creatingPlan, setCreatingPlan] = useState(false);
  const [creating, setCreating] = useState(false);
  const plans = useLoad(() => call('GET /api/consultation-plans'), []);
  const list = useLoad(() => call('GET /api/consultations'), []);
  const error = plans.error ?? list.error;

  return (
    <>
      <h1 className="lx-page-title">{t('consultations.title')}</h1>
      {error !== null && (
        <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} />
      )}
      <Card>
        <Tabs
          items={[
            {
              key: 'consultations',
              label: t('consultations.tabConsultations'),
              children: (
                <>
                  <Space className="lx-toolbar" wrap>
                    {staff && (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                        {t('consultations.create')}
                      </Button>
                    )}
                    <Link to="/consultations/micro">{t('consultations.micro.link')}</Link>
                    {staff && <Link to="/outcomes">{t('consultations.outcomesLink')}</Link>}
                  </Space>
                  <Table
                    rowKey="id"
                    size="middle"
                    loading={list.loading}
                    dataSource={list.data?.items ?? []}
                    scroll={{ x: 'max-content' }}
                    pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
                    columns={[
                      {
                        key: 'title',
                        title: t('consultations.field.title'),
                        render: (_, k) => <Link to={`/consultations/${k.id}`}>{k.title}</Link>,
                      },
                      {
                        key: 'kind',
                        title: t('consultations.field.kind'),
                        render: (_, k) => t(`consultations.form.${k.kind}`),
                      },
                      {
                        key: 'when',
                        title: t('consultations.field.startsAt'),
                        render: (_, k) => localTime(k.startsAt),
                      },
                      {
                        key: 'where',
                        title: t('consultations.field.place'),
                        render: (_, k) => k.place ?? k.studioName ?? '',
                      },
                      { key: 'committee', title: t('studios.committee'), dataIndex: 'committeeName' },
                      {
                        key: 'status',
                        title: t('common.status'),
                        render: (_, k) => <StateTag kind="consultation" state={k.status} />,
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'plans',
              label: t('consultations.tabPlans'),
              children: (
                <>
                  {staff && (
                    <div className="lx-toolbar">
                      <Button icon={<PlusOutlined />} onClick={() => setCreatingPlan(true)}>
                        {t('consultations.plan.create')}
                      </Button>
                    </div>
                  )}
                  <Table
                    rowKey="id"
                    size="middle"
                    loading={plans.loading}
                    dataSource={plans.data?.items ?? []}
                    pagination={false}
                    columns={[
                      {
                        key: 'title',
                        title: t('consultations.plan.title'),
                        render: (_, p) => <Link to={`/consultations/plans/${p.id}`}>{p.title}</Link>,
                      },
                      { key: 'committee', title: t('studios.committee'), dataIndex: 'committeeName' },
                      { key: 'topics', title: t('consultations.plan.topicCount'), dataIndex: 'topicCount' },
                      {
                        key: 'status',
                        title: t('common.status'),
                        render: (_, p) => <StateTag kind="plan" state={p.status} />,
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <ActionDialog<{ committeeId: string; year: number; title: string }>
        name="consultation-plan-create"
        okText={t('common.confirm')}
        open={creatingPlan}
        title={t('consultations.plan.create')}
        onClose={() => setCreatingPlan(false)}
        send={async (v) => {
          const p = await call('POST /api/consultation-plans', { body: v });
          setCreatingPlan(false);
          void navigate(`/consultations/plans/${p.id}`);
        }}
      >
        {() => (
          <>
            <Form.Item
              label={t('studios.committee')}
              name="committeeId"
              initialValue={account.committeeId}
              rules={[{ required: true }]}
            >
              <CommitteeSelect />
            </Form.Item>
            <Form.Item
              label={t('consultations.plan.year')}
              name="year"
              initialValue={new Date().getFullYear() + 1}
              rules={[{ required: true }]}
            >
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item
              label={t('consultations.plan.title')}
              name="title"
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={limits.name} />
            </Form.Item>
          </>
        )}
      </ActionDialog>
      <ConsultationForm
        open={creating}
        committeeId={account.committeeId}
        onClose={() => setCreating(false)}
        onSaved={(k) => {
          setCreating(false);
          void navigate(`/consultations/${k.id}`);
        }}
      />
    </>
  );
}
