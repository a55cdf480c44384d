import { Select } from 'antd';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';

type Props = {
  committeeId: string;
  value?: string;
  onChange?(v: string): void;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
};

/** The committee's handling departments (承办单位) still in use, by name. */
export function DepartmentSelect({ committeeId, ...rest }: Props) {
  const list = useLoad(() => call('GET /api/departments', { query: { committeeId } }), [committeeId]);
  const options = (list.data?.items ?? [])
    .filter((d) => !d.retired)
    .map((d) => ({ value: d.id, label: d.name }));
  return (
    <Select
      {...rest}
      showSearch
      optionFilterProp="label"
      loading={list.loading}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
