import { useState } from 'react';
import { Button, Checkbox, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hiddenByDefault, optionalColumns } from './member-columns.tsx';
import type { OptionalColumn } from './member-columns.tsx';

const storageKey = 'lx.memberGrid.hidden';

function readHidden(): OptionalColumn[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    if (Array.isArray(v)) return v.filter((k): k is OptionalColumn => optionalColumns.includes(k));
  } catch {
    // an unreadable choice is no choice
  }
  return hiddenByDefault;
}

/** The columns this browser hides, remembered in localStorage. */
export function useHiddenColumns(): [OptionalColumn[], (h: OptionalColumn[]) => void] {
  const [hidden, setHidden] = useState(readHidden);
  return [
    hidden,
    (h) => {
      setHidden(h);
      localStorage.setItem(storageKey, JSON.stringify(h));
    },
  ];
}

export function ColumnChooser({
  hidden,
  onChange,
  labels,
}: {
  hidden: OptionalColumn[];
  onChange(h: OptionalColumn[]): void;
  labels: Record<OptionalColumn, string>;
}) {
  const { t } = useTranslation();
  const shown = optionalColumns.filter((c) => !hidden.includes(c));
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('members.columns.title')}
      content={
        <Checkbox.Group
          aria-label={t('members.columns.title')}
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          value={shown}
          options={optionalColumns.map((c) => ({ value: c, label: labels[c] }))}
          onChange={(v) => onChange(optionalColumns.filter((c) => !v.includes(c)))}
        />
      }
    >
      <Button icon={<SettingOutlined />}>{t('members.columns.button')}</Button>
    </Popover>
  );
}
