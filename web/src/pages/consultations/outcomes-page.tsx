import { Alert, Card, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomeStatuses } from '../../../../contracts/consultations.ts';
import type { OutcomeStatus } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { OutcomeTable } from './outcome-table.tsx';

/** 协商成果: a department's own to answer (政府答题), or all of the scope for staff to follow. */
export function OutcomesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [status, setStatus] = useState<OutcomeStatus | undefined>();
  const list = useLoad(() => call('GET /api/consultation-outcomes', { query: { status } }), [status]);
  return (
    <>
      <h1 className="lx-page-title">{t('consultations.outcomes')}</h1>
      <Card>
        <div className="lx-toolbar">
          <label htmlFor="outcome-filter-status">{t('common.status')} </label>
          <Select<OutcomeStatus>
            id="outcome-filter-status"
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={outcomeStatuses.map((s) => ({ value: s, label: t(`consultations.outcomeState.${s}`) }))}
          />
        </div>
        {list.error !== null && <Alert type="error" showIcon title={errorText(list.error, lang)} />}
        <OutcomeTable items={list.data?.items ?? []} onChange={list.reload} showConsultation />
      </Card>
    </>
  );
}
