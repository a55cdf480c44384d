import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Studio } from '../../../../contracts/studios.ts';

const colours: Record<Studio['status'], string | undefined> = {
  draft: undefined,
  submitted: 'orange',
  approved: 'green',
  rejected: 'red',
};

export function StudioStatusTag({ status }: { status: Studio['status'] }) {
  const { t } = useTranslation();
  return <Tag color={colours[status]}>{t(`studios.statusValue.${status}`)}</Tag>;
}
