import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConcernStatus } from './concern-rules.ts';
import { daysLeft, isOpen, shortTime, statusColor } from './concern-rules.ts';

export function ConcernStatusTag({ status }: { status: ConcernStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColor(status)}>{t(`concerns.statusValue.${status}`)}</Tag>;
}

/** The deadline with what it means today: "超期 2 天" in red, "3 天后到期" otherwise. */
export function DueText({
  dueAt,
  overdue,
  status,
}: {
  dueAt: string | null;
  overdue: boolean;
  status: ConcernStatus;
}) {
  const { t } = useTranslation();
  if (!dueAt) return null;
  const left = daysLeft(dueAt, new Date());
  return (
    <span>
      {shortTime(dueAt)}{' '}
      {overdue ? (
        <Tag color="red">{t('concerns.overdueDays', { n: Math.max(1, -(left ?? 0)) })}</Tag>
      ) : (
        isOpen(status) &&
        left !== null &&
        left >= 0 && <span className="lx-hint">({t('concerns.dueInDays', { n: left })})</span>
      )}
    </span>
  );
}
