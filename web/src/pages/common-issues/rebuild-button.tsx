import { App, Button, Popconfirm } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

/**
 * 重新归并: regroups a committee's subtree from scratch. It is a background job (202), so the
 * button only says it started; the lists show the result once the job has run.
 */
export function RebuildButton({
  committeeId,
  committeeName,
}: {
  committeeId: string;
  committeeName: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const rebuild = useSubmit(
    async () => {
      const r = await call('POST /api/common-issues/rebuild', { body: { committeeId } });
      void message.info(t('commonIssues.rebuildStarted', { id: r.jobId }), 8);
    },
    { onError: (e) => void message.error(errorText(e, lang)) },
  );

  return (
    <Popconfirm
      title={t('commonIssues.rebuild')}
      description={
        <div style={{ maxWidth: 320 }}>
          <p style={{ margin: 0 }}>{t('commonIssues.rebuildAsk', { committee: committeeName })}</p>
          <p className="lx-hint" style={{ margin: 0 }}>
            {t('commonIssues.rebuildHint')}
          </p>
        </div>
      }
      okText={t('commonIssues.rebuild')}
      cancelText={t('common.cancel')}
      onConfirm={() => void rebuild.run()}
    >
      <Button icon={<SyncOutlined />} loading={rebuild.busy} className="lx-no-print">
        {t('commonIssues.rebuild')}
      </Button>
    </Popconfirm>
  );
}
