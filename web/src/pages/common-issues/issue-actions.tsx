import { useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Popconfirm, Select, Space, Tag } from 'antd';
import { CheckOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CommonIssueDetail } from '../../../../contracts/common-issues.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { AnswerTogether } from './answer-together.tsx';
import { RebuildButton } from './rebuild-button.tsx';

type Props = { issue: CommonIssueDetail; onChanged(): void };

/**
 * What staff decide about the issue as a whole: confirm it, merge another issue of the same
 * committee into it, start the opinion-report draft (once: the server returns the same draft
 * on a retry), regroup the committee, print.
 */
export function IssueActions({ issue, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  // Which button's request is running, so only that one spins.
  const [what, setWhat] = useState<string | null>(null);
  const [otherId, setOtherId] = useState<string | undefined>(undefined);
  // Merge candidates: the server merges only issues of the very same committee (one index each);
  // the committee filter also returns the subtree, so keep the exact committee only.
  const others = useLoad(
    () => call('GET /api/common-issues', { query: { committeeId: issue.committeeId, pageSize: 100 } }),
    [issue.committeeId, issue.concernCount],
  );
  const candidates = (others.data?.items ?? []).filter(
    (o) => o.id !== issue.id && o.committeeId === issue.committeeId,
  );

  const params = { id: issue.id };
  const { busy: running, run } = useSubmit(
    async (w: string, request: () => Promise<unknown>, done: string) => {
      setWhat(w);
      await request();
      void message.success(done);
      if (w === 'merge') setOtherId(undefined);
      onChanged();
    },
    { onError: (e) => void message.error(errorText(e, lang)) },
  );
  const busy = running ? what : null;

  const ask = (title: string, ok: string, onConfirm: () => void, button: ReactNode) => (
    <Popconfirm title={title} okText={ok} cancelText={t('common.cancel')} onConfirm={onConfirm}>
      {button}
    </Popconfirm>
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} className="lx-no-print">
      <Space wrap>
        {issue.status === 'proposed' &&
          ask(
            t('commonIssues.confirmAsk'),
            t('commonIssues.confirm'),
            () =>
              void run(
                'confirm',
                () => call('POST /api/common-issues/:id/confirm', { params }),
                t('commonIssues.confirmed'),
              ),
            <Button type="primary" icon={<CheckOutlined />} loading={busy === 'confirm'}>
              {t('commonIssues.confirm')}
            </Button>,
          )}
        {issue.reportDraftId ? (
          <Button icon={<FileTextOutlined />} disabled>
            {t('commonIssues.draftMade')}
          </Button>
        ) : (
          <Button
            icon={<FileTextOutlined />}
            loading={busy === 'draft'}
            // The reload shows the draft id: the issue carries reportDraftId from now on.
            onClick={() =>
              void run(
                'draft',
                () => call('POST /api/common-issues/:id/report-draft', { params }),
                t('commonIssues.draftDone'),
              )
            }
          >
            {t('commonIssues.draft')}
          </Button>
        )}
        <AnswerTogether issue={issue} onChanged={onChanged} />
        <RebuildButton committeeId={issue.committeeId} committeeName={issue.committeeName} />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('commonIssues.print')}
        </Button>
      </Space>
      {issue.reportDraftId && (
        <p className="lx-hint" style={{ margin: 0 }}>
          <Tag color="green">{t('commonIssues.draftMade')}</Tag>
          {t('commonIssues.draftId', { id: issue.reportDraftId })} · {t('commonIssues.draftHint')}
        </p>
      )}
      <div className="lx-toolbar" style={{ marginBottom: 0 }}>
        <label className="lx-filter-label" htmlFor="ci-merge-other" style={{ margin: 0 }}>
          {t('commonIssues.mergePick')}
        </label>
        <Select
          id="ci-merge-other"
          value={otherId}
          onChange={setOtherId}
          allowClear
          loading={others.loading}
          disabled={candidates.length === 0}
          placeholder={candidates.length === 0 ? t('commonIssues.mergeNone') : undefined}
          style={{ minWidth: 240, maxWidth: '100%', flex: '1 1 240px' }}
          options={candidates.map((o) => ({
            value: o.id,
            label: t('common.withNote', {
              text: o.title,
              note: t('commonIssues.countValue', { n: o.concernCount }),
            }),
          }))}
        />
        {ask(
          t('commonIssues.mergeAsk'),
          t('commonIssues.merge'),
          () =>
            void run(
              'merge',
              () => call('POST /api/common-issues/:id/merge', { params, body: { otherId: otherId ?? '' } }),
              t('commonIssues.merged'),
            ),
          <Button disabled={!otherId} loading={busy === 'merge'}>
            {t('commonIssues.merge')}
          </Button>,
        )}
      </div>
    </Space>
  );
}
