import { useState } from 'react';
import { Button, Form, Input, InputNumber, Progress, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { answerResults } from '../../../../contracts/consultations.ts';
import type { Outcome } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { ActionDialog } from '../concerns/concern-dialogs.tsx';
import { StateTag } from './consultation-tags.tsx';

type Open = { kind: 'answer' | 'progress' | 'endorse'; outcome: Outcome };

/** Outcomes with their answer, follow-up and endorsements; the buttons are what the caller may do. */
export function OutcomeTable({
  items,
  onChange,
  showConsultation,
}: {
  items: Outcome[];
  onChange(): void;
  showConsultation: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open | null>(null);
  const req = { required: true, message: t('consultations.required') };
  const close = () => setOpen(null);
  const done = () => {
    setOpen(null);
    onChange();
  };
  const o = open?.outcome;
  return (
    <>
      <Table<Outcome>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        columns={[
          ...(showConsultation
            ? [
                {
                  key: 'c',
                  title: t('consultations.title'),
                  render: (_: unknown, x: Outcome) => x.consultationTitle,
                },
              ]
            : []),
          { key: 'text', title: t('consultations.outcome.text'), dataIndex: 'text' },
          { key: 'dept', title: t('consultations.outcome.department'), dataIndex: 'departmentName' },
          {
            key: 'due',
            title: t('consultations.outcome.dueOn'),
            render: (_, x) => (
              <>
                {x.dueOn} {x.overdue && <Tag color="red">{t('consultations.outcome.overdue')}</Tag>}
              </>
            ),
          },
          {
            key: 'status',
            title: t('common.status'),
            render: (_, x) => (
              <Space direction="vertical" size={0}>
                <StateTag kind="outcome" state={x.status} />
                {x.status !== 'assigned' && (
                  <Progress percent={x.progress} size="small" style={{ width: 120 }} />
                )}
              </Space>
            ),
          },
          {
            key: 'answer',
            title: t('consultations.outcome.answer'),
            render: (_, x) =>
              x.answerResult ? (
                <span>
                  {`${t(`consultations.result.${x.answerResult}`)}：${x.answerText ?? ''}`}
                  {x.answerPlan ? `（${x.answerPlan}${x.answerByDate ? `，${x.answerByDate}` : ''}）` : ''}
                  {x.endorsements.map((e, i) => (
                    <span key={i} style={{ display: 'block' }}>
                      {t('consultations.outcome.endorsementLine', {
                        level: e.level,
                        name: e.leaderName,
                        date: e.endorsedOn,
                        text: e.text,
                      })}
                    </span>
                  ))}
                </span>
              ) : (
                x.endorsements.map((e) => e.leaderName).join('、')
              ),
          },
          {
            key: 'act',
            title: t('common.actions'),
            render: (_, x) => (
              <Space size="small">
                {(['answer', 'progress', 'endorse'] as const)
                  .filter((a) => x.actions.includes(a))
                  .map((a) => (
                    <Button key={a} size="small" onClick={() => setOpen({ kind: a, outcome: x })}>
                      {t(`consultations.outcome.${a}Action`)}
                    </Button>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      <ActionDialog<{ result: (typeof answerResults)[number]; text: string; plan?: string; byDate?: string }>
        name="outcome-answer"
        okText={t('common.confirm')}
        open={open?.kind === 'answer'}
        title={t('consultations.outcome.answerAction')}
        hint={o?.text}
        onClose={close}
        send={async (v) => {
          await call('POST /api/consultation-outcomes/:id/answer', {
            params: { id: o!.id },
            body: { ...v, byDate: v.byDate || null },
          });
          done();
        }}
      >
        {() => (
          <>
            <Form.Item
              label={t('consultations.outcome.result')}
              name="result"
              initialValue="adopted"
              rules={[req]}
            >
              <Select
                options={answerResults.map((r) => ({ value: r, label: t(`consultations.result.${r}`) }))}
              />
            </Form.Item>
            <Form.Item
              label={t('consultations.outcome.answerText')}
              name="text"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item label={t('consultations.outcome.plan')} name="plan">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item label={t('consultations.outcome.byDate')} name="byDate">
              <Input type="date" />
            </Form.Item>
          </>
        )}
      </ActionDialog>
      <ActionDialog<{ status: 'in_progress' | 'done' | 'not_done'; progress: number; note: string }>
        name="outcome-progress"
        okText={t('common.confirm')}
        open={open?.kind === 'progress'}
        title={t('consultations.outcome.progressAction')}
        hint={o?.text}
        onClose={close}
        send={async (v) => {
          await call('POST /api/consultation-outcomes/:id/progress', { params: { id: o!.id }, body: v });
          done();
        }}
      >
        {() => (
          <>
            <Form.Item label={t('common.status')} name="status" initialValue="in_progress" rules={[req]}>
              <Select
                options={(['in_progress', 'done', 'not_done'] as const).map((s) => ({
                  value: s,
                  label: t(`consultations.outcomeState.${s}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              label={t('consultations.outcome.percent')}
              name="progress"
              initialValue={o?.progress ?? 0}
              rules={[req]}
            >
              <InputNumber min={0} max={100} precision={0} addonAfter="%" />
            </Form.Item>
            <Form.Item
              label={t('consultations.outcome.note')}
              name="note"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </ActionDialog>
      <ActionDialog<{ level: string; leaderName: string; endorsedOn: string; text: string }>
        name="outcome-endorse"
        okText={t('common.confirm')}
        open={open?.kind === 'endorse'}
        title={t('consultations.outcome.endorseAction')}
        hint={o?.text}
        onClose={close}
        send={async (v) => {
          await call('POST /api/consultation-outcomes/:id/endorsements', { params: { id: o!.id }, body: v });
          done();
        }}
      >
        {() => (
          <>
            <Form.Item
              label={t('consultations.outcome.level')}
              name="level"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input maxLength={limits.name} />
            </Form.Item>
            <Form.Item
              label={t('consultations.outcome.leader')}
              name="leaderName"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input maxLength={limits.personName} />
            </Form.Item>
            <Form.Item label={t('consultations.outcome.endorsedOn')} name="endorsedOn" rules={[req]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item
              label={t('consultations.outcome.endorsementText')}
              name="text"
              rules={[{ ...req, whitespace: true }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </ActionDialog>
    </>
  );
}
