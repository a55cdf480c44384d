import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { limits } from '../../../../contracts/common.ts';
import { consultationForms, topicSources } from '../../../../contracts/consultations.ts';
import type { ConsultationForm as Kind, Plan, Topic } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { ActionDialog } from '../concerns/concern-dialogs.tsx';
import { ConsultationForm } from './consultation-form.tsx';
import { StateTag } from './consultation-tags.tsx';

type Dialog =
  | { kind: 'propose' }
  | { kind: 'choose'; topic: Topic }
  | { kind: 'decline'; topic: Topic }
  | { kind: 'approve' }
  | { kind: 'hold'; item: Plan['items'][number] };

/** One year's plan: its topics from every source, the chosen ones with their form, approval and publication. */
export function PlanPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const account = useAccount();
  const staff = account.role === 'admin' || account.role === 'staff';
  const plan = useLoad(() => call('GET /api/consultation-plans/:id', { params: { id } }), [id]);
  const topics = useLoad(() => call('GET /api/consultation-topics', { query: { planId: id } }), [id]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const refresh = () => {
    close();
    plan.reload();
    topics.reload();
  };
  const publish = useSubmit(async () => {
    await call('POST /api/consultation-plans/:id/publish', { params: { id } });
    refresh();
  });
  const second = useSubmit(async (topicId: string) => {
    await call('POST /api/consultation-topics/:id/second', { params: { id: topicId }, body: {} });
    topics.reload();
  });
  const p = plan.data;
  const error = plan.error ?? topics.error ?? publish.error ?? second.error;
  if (!p) return error ? <Alert type="error" showIcon title={errorText(error, lang)} /> : null;

  return (
    <>
      <h1 className="lx-page-title">
        {p.title} <StateTag kind="plan" state={p.status} />
      </h1>
      {error !== null && (
        <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('studios.committee')}>{p.committeeName}</Descriptions.Item>
          <Descriptions.Item label={t('consultations.plan.call')}>
            <a href={p.topicCallUrl}>{p.topicCallUrl}</a>
          </Descriptions.Item>
          {p.approvedByName && (
            <Descriptions.Item label={t('consultations.plan.approval')}>
              {`${p.approvedByName} · ${p.approvedOn ?? ''} · ${p.documentRef ?? ''}`}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('consultations.plan.unanswered')}>
            {p.unansweredCount}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap>
          {p.status === 'draft' && (
            <Button onClick={() => setDialog({ kind: 'propose' })}>{t('consultations.topic.propose')}</Button>
          )}
          {p.actions.includes('approve') && (
            <Button onClick={() => setDialog({ kind: 'approve' })}>{t('consultations.plan.approve')}</Button>
          )}
          {p.actions.includes('publish') && (
            <Button type="primary" loading={publish.busy} onClick={() => void publish.run()}>
              {t('consultations.plan.publish')}
            </Button>
          )}
        </Space>
      </Card>
      <Card
        size="small"
        title={<h2 className="lx-section-title">{t('consultations.plan.items')}</h2>}
        style={{ marginBottom: 12 }}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.items}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'month',
              title: t('consultations.plan.month'),
              render: (_, i) => t('consultations.plan.monthValue', { n: i.plannedMonth }),
            },
            { key: 'topic', title: t('consultations.topic.title'), dataIndex: 'topicTitle' },
            {
              key: 'form',
              title: t('consultations.field.kind'),
              render: (_, i) => t(`consultations.form.${i.form}`),
            },
            { key: 'lead', title: t('consultations.plan.lead'), render: (_, i) => i.leadName ?? '' },
            {
              key: 'departments',
              title: t('consultations.plan.departments'),
              render: (_, i) => i.departmentNames.join('、'),
            },
            {
              key: 'consultation',
              title: t('consultations.title'),
              render: (_, i) =>
                i.consultationId ? (
                  <Link to={`/consultations/${i.consultationId}`}>{t('consultations.open')}</Link>
                ) : staff && p.status !== 'draft' ? (
                  <Button size="small" onClick={() => setDialog({ kind: 'hold', item: i })}>
                    {t('consultations.create')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title={<h2 className="lx-section-title">{t('consultations.topic.list')}</h2>}>
        <Table<Topic>
          rowKey="id"
          size="small"
          loading={topics.loading}
          dataSource={topics.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20 }}
          columns={[
            { key: 'title', title: t('consultations.topic.title'), dataIndex: 'title' },
            {
              key: 'source',
              title: t('consultations.topic.source'),
              render: (_, x) => t(`consultations.source.${x.source}`),
            },
            {
              key: 'by',
              title: t('consultations.topic.by'),
              render: (_, x) =>
                x.setBy ??
                x.proposerName ??
                x.citizenName ??
                (x.evidence.length ? x.evidence.map((e) => e.label).join('；') : ''),
            },
            {
              key: 'seconds',
              title: t('consultations.topic.seconds'),
              render: (_, x) => x.seconds.map((s) => s.name).join('、'),
            },
            {
              key: 'status',
              title: t('common.status'),
              render: (_, x) => <StateTag kind="topic" state={x.status} />,
            },
            { key: 'answer', title: t('consultations.topic.answer'), render: (_, x) => x.answer ?? '' },
            {
              key: 'act',
              title: t('common.actions'),
              render: (_, x) => (
                <Space size="small">
                  {x.actions.includes('choose') && p.status === 'draft' && (
                    <Button size="small" onClick={() => setDialog({ kind: 'choose', topic: x })}>
                      {t('consultations.topic.choose')}
                    </Button>
                  )}
                  {x.actions.includes('decline') && (
                    <Button size="small" onClick={() => setDialog({ kind: 'decline', topic: x })}>
                      {t('consultations.topic.decline')}
                    </Button>
                  )}
                  {x.actions.includes('second') &&
                    !x.seconds.some((s) => s.personId === account.personId) && (
                      <Button size="small" onClick={() => void second.run(x.id)}>
                        {t('consultations.topic.second')}
                      </Button>
                    )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <TopicDialogs plan={p} dialog={dialog} staff={staff} onClose={close} onDone={refresh} />
      {dialog?.kind === 'hold' && (
        <ConsultationForm
          open
          committeeId={p.committeeId}
          planItemId={dialog.item.id}
          initialTitle={dialog.item.topicTitle}
          initialKind={dialog.item.form}
          onClose={close}
          onSaved={(k) => void navigate(`/consultations/${k.id}`)}
        />
      )}
    </>
  );
}

function TopicDialogs({
  plan,
  dialog,
  staff,
  onClose,
  onDone,
}: {
  plan: Plan;
  dialog: Dialog | null;
  staff: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const req = { required: true, message: t('consultations.required') };
  const topic = dialog && 'topic' in dialog ? dialog.topic : undefined;
  return (
    <>
      <ProposeDialog
        plan={plan}
        open={dialog?.kind === 'propose'}
        staff={staff}
        onClose={onClose}
        onDone={onDone}
      />
      <ActionDialog<{
        form: Kind;
        plannedMonth: number;
        leadSpecialCommitteeId?: string;
        leadText?: string;
        sectorIds?: string[];
        departmentIds?: string[];
      }>
        name="consultation-plan-item"
        okText={t('common.confirm')}
        open={dialog?.kind === 'choose'}
        title={t('consultations.topic.choose')}
        hint={topic?.title}
        onClose={onClose}
        send={async (v) => {
          await call('POST /api/consultation-plans/:id/items', {
            params: { id: plan.id },
            body: {
              ...v,
              topicId: topic!.id,
              sectorIds: v.sectorIds ?? [],
              departmentIds: v.departmentIds ?? [],
            },
          });
          onDone();
        }}
      >
        {() => (
          <>
            <Form.Item label={t('consultations.field.kind')} name="form" initialValue="special" rules={[req]}>
              <Select
                options={consultationForms.map((f) => ({ value: f, label: t(`consultations.form.${f}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('consultations.plan.month')} name="plannedMonth" rules={[req]}>
              <InputNumber min={1} max={12} precision={0} />
            </Form.Item>
            <Form.Item label={t('consultations.plan.leadSpecial')} name="leadSpecialCommitteeId">
              <OrgSelect committeeId={plan.committeeId} list="special" />
            </Form.Item>
            <Form.Item label={t('consultations.plan.leadOther')} name="leadText">
              <Input maxLength={limits.name} />
            </Form.Item>
            <Form.Item label={t('consultations.plan.sectors')} name="sectorIds">
              <OrgSelect committeeId={plan.committeeId} list="sectors" multiple />
            </Form.Item>
            <Form.Item label={t('consultations.plan.departments')} name="departmentIds">
              <MultiDepartments committeeId={plan.committeeId} />
            </Form.Item>
          </>
        )}
      </ActionDialog>
      <ActionDialog<{ reason: string }>
        name="consultation-topic-decline"
        okText={t('common.confirm')}
        open={dialog?.kind === 'decline'}
        title={t('consultations.topic.decline')}
        hint={topic?.title}
        onClose={onClose}
        send={async (v) => {
          await call('POST /api/consultation-topics/:id/decline', { params: { id: topic!.id }, body: v });
          onDone();
        }}
      >
        {() => (
          <Form.Item
            label={t('consultations.topic.declineReason')}
            name="reason"
            rules={[{ ...req, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={limits.reason} />
          </Form.Item>
        )}
      </ActionDialog>
      <ActionDialog<{ approvedByName: string; approvedOn: string; documentRef: string }>
        name="consultation-plan-approve"
        okText={t('common.confirm')}
        open={dialog?.kind === 'approve'}
        title={t('consultations.plan.approve')}
        onClose={onClose}
        send={async (v) => {
          await call('POST /api/consultation-plans/:id/approve', { params: { id: plan.id }, body: v });
          onDone();
        }}
      >
        {() => (
          <>
            <Form.Item
              label={t('consultations.plan.approvedBy')}
              name="approvedByName"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input maxLength={limits.name} />
            </Form.Item>
            <Form.Item label={t('consultations.plan.approvedOn')} name="approvedOn" rules={[req]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item
              label={t('consultations.plan.documentRef')}
              name="documentRef"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input maxLength={limits.name} />
            </Form.Item>
          </>
        )}
      </ActionDialog>
    </>
  );
}

type Proposed = {
  title: string;
  source: (typeof topicSources)[number];
  setBy?: string;
  reasons?: string;
  background?: string;
  issueIds?: string[];
};

/**
 * A topic from any source (staff) or a member's recommendation. A citizens' topic raised by
 * staff names the common issues it stands on: they are kept as its evidence.
 */
function ProposeDialog({
  plan,
  open,
  staff,
  onClose,
  onDone,
}: {
  plan: Plan;
  open: boolean;
  staff: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const req = { required: true, message: t('consultations.required') };
  const [source, setSource] = useState<Proposed['source']>(staff ? 'committee' : 'member');
  const issues = useLoad(
    () =>
      open && staff && source === 'citizen'
        ? call('GET /api/common-issues', { query: { pageSize: 100 } })
        : Promise.resolve(undefined),
    [open, staff, source],
  );
  return (
    <ActionDialog<Proposed>
      name="consultation-topic-propose"
      okText={t('common.confirm')}
      open={open}
      title={t('consultations.topic.propose')}
      onClose={onClose}
      send={async ({ issueIds, ...v }) => {
        await call('POST /api/consultation-topics', {
          body: {
            ...v,
            planId: plan.id,
            ...(issueIds?.length
              ? { evidence: issueIds.map((id) => ({ kind: 'common_issue' as const, id })) }
              : {}),
          },
        });
        onDone();
      }}
    >
      {() => (
        <>
          <Form.Item
            label={t('consultations.topic.title')}
            name="title"
            rules={[{ ...req, whitespace: true }]}
          >
            <Input maxLength={limits.name} />
          </Form.Item>
          <Form.Item
            label={t('consultations.topic.source')}
            name="source"
            initialValue={source}
            rules={[req]}
          >
            <Select
              disabled={!staff}
              onChange={(v: Proposed['source']) => setSource(v)}
              options={topicSources.map((s) => ({ value: s, label: t(`consultations.source.${s}`) }))}
            />
          </Form.Item>
          {staff && source === 'party_government' && (
            <Form.Item
              label={t('consultations.topic.setBy')}
              name="setBy"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input maxLength={limits.name} />
            </Form.Item>
          )}
          {staff && source === 'citizen' && (
            <Form.Item
              label={t('consultations.topic.evidence')}
              name="issueIds"
              extra={t('consultations.topic.evidenceHint')}
              rules={[req]}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                loading={issues.loading}
                options={(issues.data?.items ?? []).map((i) => ({
                  value: i.id,
                  label: `${i.title}（${i.concernCount}）`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('consultations.topic.reasons')} name="reasons">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item label={t('consultations.topic.background')} name="background">
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </>
      )}
    </ActionDialog>
  );
}

/** The committee's special committees (one) or sectors (several), still in use. */
function OrgSelect({
  committeeId,
  list,
  multiple,
  value,
  onChange,
  id,
}: {
  committeeId: string;
  list: 'special' | 'sectors';
  multiple?: boolean;
  value?: string | string[];
  onChange?(v: string | string[]): void;
  id?: string;
}) {
  const rows = useLoad(
    async (): Promise<{ items: { id: string; name: string; retired: boolean }[] }> =>
      list === 'special'
        ? call('GET /api/special-committees', { query: { committeeId } })
        : call('GET /api/sectors', { query: { committeeId } }),
    [committeeId, list],
  );
  return (
    <Select
      id={id}
      allowClear
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      optionFilterProp="label"
      showSearch
      options={(rows.data?.items ?? [])
        .filter((d) => !d.retired)
        .map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}

/** Several departments of the committee, still in use. */
function MultiDepartments({
  committeeId,
  value,
  onChange,
  id,
}: {
  committeeId: string;
  value?: string[];
  onChange?(v: string[]): void;
  id?: string;
}) {
  const list = useLoad(() => call('GET /api/departments', { query: { committeeId } }), [committeeId]);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      optionFilterProp="label"
      options={(list.data?.items ?? [])
        .filter((d) => !d.retired)
        .map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
