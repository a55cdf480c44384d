import { Col, DatePicker, Input, Row, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { concernCategories, concernStatuses } from '../../../../contracts/concerns.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import type { ConcernFilters as Filters, ConcernStatus } from './concern-rules.ts';
import { FilterField, FilterSelect } from '../../console/filters.tsx';

type Category = NonNullable<Filters['category']>;

/** The staff list's filters: keyword, committee, status, studio, category, submitted dates, switches. */
export function ConcernFilters({
  value: f,
  onChange,
}: {
  value: Filters;
  onChange(p: Partial<Filters>): void;
}) {
  const { t } = useTranslation();
  // The caller's studios (the server scopes the list to their subtree).
  const studios = useLoad(() => call('GET /api/studios'), []);
  const col = { xs: 24, sm: 12, lg: 6 };
  return (
    <Row gutter={[12, 8]} style={{ marginBottom: 12 }} role="search" aria-label={t('concerns.filters')}>
      <FilterField xs={24} lg={12} id="concern-filter-q" label={t('concerns.keyword')}>
        {/* Asks on Enter or the button, not per keystroke; a new keyword in the address
            (back, a link) starts the box afresh. */}
        <Input.Search
          key={f.q ?? ''}
          id="concern-filter-q"
          type="search"
          allowClear
          maxLength={100}
          defaultValue={f.q ?? ''}
          placeholder={t('concerns.keywordPlaceholder')}
          enterButton={t('concerns.keywordSearch')}
          onChange={(e) => {
            if (!e.target.value && f.q) onChange({ q: undefined }); // cleared
          }}
          onSearch={(v) => onChange({ q: v.trim() || undefined })}
        />
      </FilterField>
      <FilterField {...col} id="concern-filter-committee" label={t('concerns.committee')}>
        <CommitteeSelect
          id="concern-filter-committee"
          value={f.committeeId}
          allowClear
          placeholder={t('common.all')}
          style={{ width: '100%' }}
          onChange={(committeeId) => onChange({ committeeId })}
        />
      </FilterField>
      <FilterField {...col} id="concern-filter-status" label={t('concerns.status')}>
        <FilterSelect
          id="concern-filter-status"
          value={f.status}
          onChange={(status?: ConcernStatus) => onChange({ status })}
          options={concernStatuses.map((s) => ({ value: s, label: t(`concerns.statusValue.${s}`) }))}
        />
      </FilterField>
      <FilterField {...col} id="concern-filter-studio" label={t('concerns.studio')}>
        <FilterSelect
          id="concern-filter-studio"
          value={f.studioId}
          showSearch={{ optionFilterProp: 'label' }}
          loading={studios.loading}
          onChange={(studioId?: string) => onChange({ studioId })}
          options={(studios.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </FilterField>
      <FilterField {...col} id="concern-filter-category" label={t('concerns.category')}>
        <FilterSelect
          id="concern-filter-category"
          value={f.category}
          onChange={(category?: Category) => onChange({ category })}
          options={concernCategories.map((c) => ({ value: c, label: t(`concerns.categoryValue.${c}`) }))}
        />
      </FilterField>
      <Col xs={24} sm={12} lg={8}>
        <label className="lx-filter-label" htmlFor="concern-filter-from">
          {t('concerns.submittedOn')}
        </label>
        <label className="lx-sr-only" htmlFor="concern-filter-to">
          {t('concerns.submittedOnTo')}
        </label>
        <DatePicker.RangePicker
          id={{ start: 'concern-filter-from', end: 'concern-filter-to' }}
          placeholder={[t('concerns.rangeFrom'), t('concerns.rangeTo')]}
          allowEmpty={[true, true]}
          value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
          style={{ width: '100%' }}
          onChange={(_, [from, to]) => onChange({ from: from || undefined, to: to || undefined })}
        />
      </Col>
      <FilterField xs={12} sm={6} lg={4} id="concern-filter-overdue" label={t('concerns.overdueOnly')}>
        <Switch
          id="concern-filter-overdue"
          checked={f.overdue}
          onChange={(overdue) => onChange({ overdue })}
          checkedChildren={t('common.yes')}
          unCheckedChildren={t('common.no')}
        />
      </FilterField>
      <FilterField xs={12} sm={6} lg={4} id="concern-filter-deed" label={t('concerns.serviceDeedOnly')}>
        <Switch
          id="concern-filter-deed"
          checked={f.serviceDeed}
          onChange={(serviceDeed) => onChange({ serviceDeed })}
          checkedChildren={t('common.yes')}
          unCheckedChildren={t('common.no')}
        />
      </FilterField>
      {(['dueSoon', 'unassigned', 'followed'] as const).map((k) => (
        <FilterField key={k} xs={12} sm={6} lg={4} id={`concern-filter-${k}`} label={t(`concerns.${k}Only`)}>
          <Switch
            id={`concern-filter-${k}`}
            checked={f[k] ?? false}
            onChange={(on) => onChange({ [k]: on })}
            checkedChildren={t('common.yes')}
            unCheckedChildren={t('common.no')}
          />
        </FilterField>
      ))}
    </Row>
  );
}
