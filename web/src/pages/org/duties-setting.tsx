import { useState } from 'react';
import { Alert, App, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Committee } from '../../../../contracts/org.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

/**
 * Separation of duties for the committee: on, whoever submits (a studio for approval) may not
 * also approve it. Only an admin changes it (the server refuses anyone else); others see it.
 */
export function DutiesSetting({ committee, canChange }: { committee: Committee; canChange: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [on, setOn] = useState(committee.separateDuties);
  const save = useSubmit(async (value: boolean) => {
    const c = await call('PATCH /api/committees/:id/settings', {
      params: { id: committee.id },
      body: { separateDuties: value },
    });
    setOn(c.separateDuties);
    void message.success(t('org.separateDuties.saved'));
  });
  return (
    <Space direction="vertical" size={4}>
      <Space>
        <Switch
          id="separate-duties"
          checked={on}
          disabled={!canChange}
          loading={save.busy}
          aria-label={t('org.separateDuties.label')}
          onChange={(v) => void save.run(v)}
        />
        <span>{t(on ? 'org.separateDuties.on' : 'org.separateDuties.off')}</span>
      </Space>
      {save.error !== null && (
        <Alert type="error" showIcon role="alert" title={errorText(save.error, lang)} />
      )}
    </Space>
  );
}
