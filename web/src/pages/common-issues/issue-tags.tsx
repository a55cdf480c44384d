import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CommonIssueSummary } from '../../../../contracts/common-issues.ts';

export type IssueStatus = CommonIssueSummary['status'];

export function IssueStatusTag({ status }: { status: IssueStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'confirmed' ? 'green' : 'gold'}>{t(`commonIssues.statusValue.${status}`)}</Tag>
  );
}

/** Key terms as tags: the words the engine found shared by the issue's concerns. */
export function KeyTerms({ terms }: { terms: string[] }) {
  const { t } = useTranslation();
  if (terms.length === 0) return null;
  return (
    <Space size={[0, 4]} wrap aria-label={t('commonIssues.keyTerms')} role="list">
      {terms.map((term) => (
        <Tag key={term} role="listitem">
          {term}
        </Tag>
      ))}
    </Space>
  );
}
