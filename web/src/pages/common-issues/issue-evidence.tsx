import { useState } from 'react';
import { App, Button, Popconfirm, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { concernStatuses } from '../../../../contracts/concerns.ts';
import type { CommonIssueDetail } from '../../../../contracts/common-issues.ts';
import { call } from '../../api.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import type { ConcernStatus } from '../concerns/concern-rules.ts';
import { shortTime } from '../concerns/concern-rules.ts';
import { ConcernStatusTag } from '../concerns/concern-tags.tsx';

type Row = CommonIssueDetail['concerns'][number];
type Props = { issue: CommonIssueDetail; onChanged(): void };

const isConcernStatus = (s: string): s is ConcernStatus => (concernStatuses as readonly string[]).includes(s);

/**
 * The evidence: every concern of the issue, each linked to its page. Staff correct the
 * grouping here: detach one concern (per row, after a confirmation) or select some and split
 * them off as a new common issue (the server refuses splitting off all of them).
 */
export function IssueEvidence({ issue, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const reps = new Set(issue.representatives.map((r) => r.id));
  const known = selected.filter((id) => issue.concerns.some((c) => c.id === id));
  const canSplit = known.length > 0 && known.length < issue.concerns.length;

  const params = { id: issue.id };
  async function act(what: string, request: () => Promise<unknown>, done: string) {
    setBusy(what);
    try {
      await request();
      void message.success(done);
      setSelected([]);
      onChanged();
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <div className="lx-toolbar lx-no-print">
        <Popconfirm
          title={t('commonIssues.splitAsk', { n: known.length })}
          okText={t('commonIssues.split')}
          cancelText={t('common.cancel')}
          disabled={!canSplit}
          onConfirm={() =>
            void act(
              'split',
              () => call('POST /api/common-issues/:id/split', { params, body: { concernIds: known } }),
              t('commonIssues.splitDone'),
            )
          }
        >
          <Button disabled={!canSplit} loading={busy === 'split'}>
            {t('commonIssues.split')}
          </Button>
        </Popconfirm>
        <span className="lx-hint">{t('commonIssues.splitHint')}</span>
      </div>
      <Table<Row>
        rowKey="id"
        size="small"
        className="lx-ci-evidence"
        dataSource={issue.concerns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowSelection={{
          selectedRowKeys: known,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (r) => ({ 'aria-label': t('commonIssues.select', { code: r.trackingCode }) }),
          // No select-all: splitting off every concern is refused anyway, and antd renders the header
          // checkbox again in its aria-hidden measure row, where it is focusable (axe aria-hidden-focus).
          hideSelectAll: true,
        }}
        columns={[
          {
            key: 'code',
            title: t('concerns.trackingCode'),
            render: (_, k) => (
              <>
                <Link to={`/concerns/${k.id}`}>{k.trackingCode}</Link>
                {reps.has(k.id) && (
                  <Tag color="blue" style={{ marginLeft: 6 }}>
                    {t('commonIssues.representative')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            key: 'excerpt',
            title: t('concerns.excerpt'),
            render: (_, k) => <span className="lx-excerpt">{k.excerpt}</span>,
          },
          { key: 'place', title: t('commonIssues.place'), render: (_, k) => k.place ?? '' },
          { key: 'studio', title: t('concerns.studio'), render: (_, k) => k.studioName ?? '' },
          {
            key: 'status',
            title: t('concerns.status'),
            render: (_, k) => (isConcernStatus(k.status) ? <ConcernStatusTag status={k.status} /> : k.status),
          },
          {
            key: 'category',
            title: t('concerns.category'),
            render: (_, k) => t(`concerns.categoryValue.${k.category}`, { defaultValue: k.category }),
          },
          { key: 'submitted', title: t('concerns.submittedAt'), render: (_, k) => shortTime(k.submittedAt) },
          {
            key: 'detach',
            title: t('common.actions'),
            className: 'lx-no-print',
            render: (_, k) => (
              <Popconfirm
                title={t('commonIssues.detachAsk', { code: k.trackingCode })}
                okText={t('commonIssues.detach')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  void act(
                    `detach:${k.id}`,
                    () => call('POST /api/common-issues/:id/detach', { params, body: { concernId: k.id } }),
                    t('commonIssues.detached', { code: k.trackingCode }),
                  )
                }
              >
                <Button
                  size="small"
                  danger
                  loading={busy === `detach:${k.id}`}
                  aria-label={t('commonIssues.detachLabel', { code: k.trackingCode })}
                >
                  {t('commonIssues.detach')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}
