import { Col, Select } from 'antd';
import type { ColProps, SelectProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// The pieces every list's filter bar is made of: a visible label tied to its control (screen
// readers and axe need the `for`), and a select that can be cleared back to "all".

export function FilterField({ id, label, children, ...col }: ColProps & { id: string; label: ReactNode }) {
  return (
    <Col {...col}>
      <label className="lx-filter-label" htmlFor={id}>
        {label}
      </label>
      {children}
    </Col>
  );
}

export function FilterSelect<V>(props: SelectProps<V>) {
  const { t } = useTranslation();
  return <Select<V> allowClear placeholder={t('common.all')} style={{ width: '100%' }} {...props} />;
}
