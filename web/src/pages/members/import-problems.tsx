import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../../contracts/members.ts';
import { useLang } from '../../i18n/use-lang.ts';

/** One line per problem: spreadsheet row, column header, the value found, what is wrong. */
export function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<ImportProblem>
      rowKey={(p) => `${p.row}-${p.column}-${p.field}`}
      size="small"
      dataSource={problems}
      scroll={{ x: 'max-content' }}
      pagination={problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      columns={[
        { key: 'row', title: t('import.row'), dataIndex: 'row', width: 80 },
        { key: 'column', title: t('import.column'), dataIndex: 'column' },
        { key: 'value', title: t('import.value'), dataIndex: 'value' },
        { key: 'message', title: t('import.problem'), render: (_, p) => p.messages[lang] },
      ]}
    />
  );
}
