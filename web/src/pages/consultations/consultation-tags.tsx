import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = {
  draft: 'default',
  proposed: 'processing',
  approved: 'blue',
  published: 'green',
  chosen: 'green',
  not_chosen: 'default',
  scheduled: 'processing',
  closed: 'green',
  assigned: 'orange',
  answered: 'blue',
  in_progress: 'processing',
  done: 'green',
  not_done: 'red',
};

/** A state of a topic, plan, consultation or outcome, in words and colour. */
export function StateTag({
  kind,
  state,
}: {
  kind: 'topic' | 'plan' | 'consultation' | 'outcome';
  state: string;
}) {
  const { t } = useTranslation();
  return <Tag color={colors[state] ?? 'default'}>{t(`consultations.${kind}State.${state}`)}</Tag>;
}

/** Beijing local time of an ISO instant, as offices write it. */
export const localTime = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
};
