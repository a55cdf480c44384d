import { useState } from 'react';
import { Alert, App, Card, Form, Spin, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { CommitteeSelect } from './committee-select.tsx';
import { ReplyTemplates } from './reply-templates.tsx';

/**
 * A committee's own rules of work (本级设置), on one page: whether replies go to staff review
 * first (staff change it) and the separation of duties in approvals (only an admin changes it;
 * the server refuses anyone else, others see it).
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const account = useAccount();
  const [committeeId, setCommitteeId] = useState(account.committeeId);
  const settings = useLoad(
    () => call('GET /api/committees/:id', { params: { id: committeeId } }),
    [committeeId],
  );
  const save = useSubmit(
    async (body: { replyReview?: boolean; separateDuties?: boolean }) => {
      await call('PATCH /api/committees/:id/settings', { params: { id: committeeId }, body });
      void message.success(t('settings.saved'));
      settings.reload();
    },
    { onError: (e) => void message.error(errorText(e, lang)) },
  );
  const current = settings.data?.id === committeeId ? settings.data : undefined;
  return (
    <>
      <h1 className="lx-page-title">{t('settings.title')}</h1>
      <Card>
        <Form layout="vertical">
          <Form.Item label={t('settings.committee')} htmlFor="settings-committee">
            <CommitteeSelect
              id="settings-committee"
              value={committeeId}
              onChange={(v) => v && setCommitteeId(v)}
              style={{ width: 360 }}
            />
          </Form.Item>
          {settings.error !== null && <Alert type="error" showIcon title={errorText(settings.error, lang)} />}
          {!current && settings.loading && <Spin />}
          {current && (
            <Form.Item
              label={t('settings.replyReview')}
              extra={t('settings.replyReviewHint')}
              htmlFor="settings-review"
            >
              <Switch
                id="settings-review"
                checked={current.replyReview}
                loading={save.busy}
                onChange={(v) => void save.run({ replyReview: v })}
                checkedChildren={t('common.yes')}
                unCheckedChildren={t('common.no')}
              />
            </Form.Item>
          )}
          {current && (
            <Form.Item
              label={t('org.separateDuties.label')}
              extra={
                t(current.separateDuties ? 'org.separateDuties.on' : 'org.separateDuties.off') +
                (account.role === 'admin' ? '' : t('settings.adminOnly'))
              }
              htmlFor="separate-duties"
            >
              <Switch
                id="separate-duties"
                checked={current.separateDuties}
                disabled={account.role !== 'admin'}
                loading={save.busy}
                onChange={(v) => void save.run({ separateDuties: v })}
                checkedChildren={t('common.yes')}
                unCheckedChildren={t('common.no')}
              />
            </Form.Item>
          )}
        </Form>
      </Card>
      <ReplyTemplates committeeId={committeeId} />
    </>
  );
}
