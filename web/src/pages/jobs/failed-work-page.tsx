import { Alert, App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { chinaTime } from '../../../../contracts/china-time.ts';
import { call } from '../../api.ts';
import type { CallResult } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

type Item = CallResult<'GET /api/jobs/failed'>['items'][number];

/**
 * What the machinery gave up on, and the transports that are down right now. An outage is a
 * banner, not a list of failures: the messages wait and go out by themselves when the gateway
 * answers again. Given-up messages (and, for admins, jobs) can be sent again from here.
 */
export function FailedWorkPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const paging = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(100, Math.max(1, Number(params.get('pageSize')) || 50)),
  };
  const list = useLoad(() => call('GET /api/jobs/failed', { query: paging }), [paging.page, paging.pageSize]);

  async function resend(item: Item) {
    try {
      await call('POST /api/jobs/:id/retry', { params: { id: item.id } });
      void message.success(t(item.type === 'job' ? 'failedWork.retried' : 'failedWork.resent'));
      list.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  }

  return (
    <>
      <h1 className="lx-page-title">{t('failedWork.title')}</h1>
      {(list.data?.outages ?? []).map((o) => (
        <Alert
          key={o.channel}
          type="warning"
          showIcon
          role="status"
          style={{ marginBottom: 12 }}
          title={t(`failedWork.outage.${o.channel}`, { since: chinaTime(o.since, 'minute') })}
          description={t('failedWork.outageWaiting', { n: o.waiting })}
        />
      ))}
      <Card>
        <p className="lx-hint">{t('failedWork.hint')}</p>
        {list.error !== null && <Alert type="error" showIcon title={errorText(list.error, lang)} />}
        <Table<Item>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('failedWork.empty') }}
          onChange={(p) => setParams({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 50) })}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            {
              key: 'what',
              title: t('failedWork.what'),
              render: (_, i) => (
                <>
                  <Tag>
                    {t(i.type === 'job' ? 'failedWork.job' : `failedWork.channel.${i.channel ?? 'sms'}`)}
                  </Tag>
                  {i.kind}
                </>
              ),
            },
            { key: 'attempts', title: t('failedWork.attempts'), width: 90, render: (_, i) => i.attempts },
            { key: 'error', title: t('failedWork.lastError'), render: (_, i) => i.lastError ?? '' },
            {
              key: 'created',
              title: t('failedWork.createdAt'),
              width: 170,
              render: (_, i) => chinaTime(i.createdAt, 'minute'),
            },
            {
              key: 'tried',
              title: t('failedWork.lastTriedAt'),
              width: 170,
              render: (_, i) => chinaTime(i.lastTriedAt, 'minute'),
            },
            {
              key: 'act',
              title: t('failedWork.action'),
              width: 110,
              render: (_, i) => (
                <Popconfirm
                  title={t(i.type === 'job' ? 'failedWork.retryConfirm' : 'failedWork.resendConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => resend(i)}
                >
                  <Button size="small">
                    {t(i.type === 'job' ? 'failedWork.retry' : 'failedWork.resend')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
