import { App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CommonIssueDetail } from '../../../../contracts/common-issues.ts';
import { call } from '../../api.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

/**
 * The issue's title, which staff can rename in place (the engine's is the first concern cut
 * off); emptied, it goes back to the engine's. The server keeps a staff name across regrouping.
 */
export function IssueTitle({ issue, onChanged }: { issue: CommonIssueDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const rename = async (title: string) => {
    if (title.trim() === issue.title) return;
    try {
      await call('PATCH /api/common-issues/:id', { params: { id: issue.id }, body: { title: title.trim() } });
      void message.success(t('commonIssues.renamed'));
      onChanged();
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  };
  return (
    <Typography.Title
      level={1}
      className="lx-page-title"
      editable={{
        onChange: (v) => void rename(v),
        tooltip: t('commonIssues.rename'),
        text: issue.named ? issue.title : '',
        maxLength: 60,
        triggerType: ['icon'],
        icon: <span aria-label={t('commonIssues.rename')}>✎</span>,
      }}
    >
      {issue.title}
    </Typography.Title>
  );
}
