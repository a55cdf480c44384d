import { useEffect, useRef, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';

type Props = {
  id?: string;
  value?: string | null;
  onChange?(personId: string | undefined): void;
  /** Label of the current value when it is not among the search results (edit forms). */
  initialLabel?: string;
  disabled?: boolean;
  /** Defaults to the member form's hint (which says a seat will be added). */
  placeholder?: string;
};

/** Picks a person (not a seat) by searching the roster of the caller's whole scope. */
export function PersonPicker({ id, value, onChange, initialLabel, disabled, placeholder }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      call('GET /api/members', {
        query: { q: q.trim() || undefined, subtree: 'true', status: 'all', pageSize: 20 },
      })
        .then((r) => {
          const seen = new Map<string, string>();
          for (const m of r.items) {
            if (!seen.has(m.personId))
              seen.set(m.personId, `${m.name} · ${m.committeeName} · ${m.workUnitPost}`);
          }
          setOptions([...seen].map(([value, label]) => ({ value, label })));
        })
        .catch(() => setOptions([]))
        .finally(() => setLoading(false));
    }, 300);
    return () => window.clearTimeout(timer.current);
  }, [q]);

  const withCurrent =
    value && initialLabel && !options.some((o) => o.value === value)
      ? [{ value, label: initialLabel }, ...options]
      : options;

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      disabled={disabled}
      loading={loading}
      options={withCurrent}
      placeholder={placeholder ?? t('members.existingPersonHint')}
      style={{ width: '100%' }}
      notFoundContent={loading ? t('app.loading') : t('common.none')}
    />
  );
}
