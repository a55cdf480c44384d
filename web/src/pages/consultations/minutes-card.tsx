import { useState } from 'react';
import { Button, Card, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { SubmitAlert } from '../../console/submit-alert.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { localTime } from './consultation-tags.tsx';

/**
 * 会议纪要 in three steps: drafted, amended by participants until the set time, locked. The
 * buttons are what contracts/consultation-workflow.ts (minutesWorkflow) lets the caller do now.
 */
export function MinutesCard({
  consultation: k,
  onChange,
}: {
  consultation: Consultation;
  onChange(k: Consultation): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const [hours, setHours] = useState(48);
  const value = text ?? k.minutes ?? '';
  const params = { id: k.id };
  const run = useSubmit(async (op: 'draft' | 'open' | 'amend' | 'lock') => {
    const next =
      op === 'draft'
        ? await call('POST /api/consultations/:id/minutes', { params, body: { text: value } })
        : op === 'open'
          ? await call('POST /api/consultations/:id/minutes/open', { params, body: { amendHours: hours } })
          : op === 'amend'
            ? await call('POST /api/consultations/:id/minutes/amend', { params, body: { text: value } })
            : await call('POST /api/consultations/:id/minutes/lock', { params });
    setText(null);
    onChange(next);
  });
  const may = (a: string) => k.minutesActions.includes(a) && k.status !== 'closed';
  const editable = may('draft') || may('amend');
  return (
    <Card
      size="small"
      title={
        <h2 className="lx-section-title">
          {t('consultations.minutes.title')} · {t(`consultations.minutesState.${k.minutesStatus}`)}
        </h2>
      }
      style={{ marginBottom: 12 }}
    >
      <SubmitAlert error={run.error} />
      {k.amendUntil && k.minutesStatus === 'amending' && (
        <p className="lx-hint">{t('consultations.minutes.until', { at: localTime(k.amendUntil) })}</p>
      )}
      {editable ? (
        <Input.TextArea
          aria-label={t('consultations.minutes.title')}
          rows={6}
          maxLength={20000}
          value={value}
          onChange={(e) => setText(e.target.value)}
        />
      ) : (
        <p style={{ whiteSpace: 'pre-wrap' }}>{k.minutes ?? t('common.none')}</p>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {may('draft') && (
          <Button loading={run.busy} disabled={!value.trim()} onClick={() => void run.run('draft')}>
            {t('consultations.minutes.save')}
          </Button>
        )}
        {may('openAmending') && (
          <>
            <InputNumber
              min={1}
              max={720}
              value={hours}
              aria-label={t('consultations.minutes.hours')}
              addonAfter={t('consultations.minutes.hoursUnit')}
              onChange={(v) => setHours(v ?? 48)}
            />
            <Button loading={run.busy} onClick={() => void run.run('open')}>
              {t('consultations.minutes.open')}
            </Button>
          </>
        )}
        {may('amend') && (
          <Button loading={run.busy} disabled={!value.trim()} onClick={() => void run.run('amend')}>
            {t('consultations.minutes.amend')}
          </Button>
        )}
        {may('lock') && (
          <Button type="primary" loading={run.busy} onClick={() => void run.run('lock')}>
            {t('consultations.minutes.lock')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
