import { useMemo } from 'react';
import type { CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildTree, useCommittees } from './committees.ts';

type Props = {
  id?: string;
  value?: string | null;
  onChange?(id: string | undefined): void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
};

/** A committee picker over the caller's subtree, searchable by name. */
export function CommitteeSelect({ id, value, onChange, allowClear, placeholder, style, ...rest }: Props) {
  const { t } = useTranslation();
  const { items } = useCommittees();
  const treeData = useMemo(() => buildTree(items ?? []), [items]);
  const expanded = useMemo(() => treeData.map((n) => n.key), [treeData]);
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={treeData}
      treeDefaultExpandedKeys={expanded}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('members.committee')}
      loading={!items}
      style={{ minWidth: 220, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
