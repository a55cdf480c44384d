import { Col, DatePicker, Row, Select, Switch } from 'antd';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { concernCategories, concernStatuses } from '../../../../contracts/concerns.ts';
import type { studioList } from '../../../../contracts/studios.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import type { ConcernFilters as Filters, ConcernStatus } from './concern-rules.ts';

type Category = NonNullable<Filters['category']>;

/** The staff list's filters: committee, status, studio, category, submitted dates, two switches. */
export function ConcernFilters({
  value: f,
  onChange,
}: {
  value: Filters;
  onChange(p: Partial<Filters>): void;
}) {
  const { t } = useTranslation();
  // The caller's studios (the server scopes the list to their subtree).
  const studios = useLoad(() => api<z.infer<typeof studioList>>('/studios'), []);
  const col = { xs: 24, sm: 12, lg: 6 };
  return (
    <Row gutter={[12, 8]} style={{ marginBottom: 12 }} role="search" aria-label={t('concerns.filters')}>
      <Col {...col}>
        <label className="lx-filter-label" htmlFor="concern-filter-committee">
          {t('concerns.committee')}
        </label>
        <CommitteeSelect
          id="concern-filter-committee"
          value={f.committeeId}
          allowClear
          placeholder={t('common.all')}
          style={{ width: '100%' }}
          onChange={(committeeId) => onChange({ committeeId })}
        />
      </Col>
      <Col {...col}>
        <label className="lx-filter-label" htmlFor="concern-filter-status">
          {t('concerns.status')}
        </label>
        <Select
          id="concern-filter-status"
          value={f.status}
          allowClear
          placeholder={t('common.all')}
          style={{ width: '100%' }}
          onChange={(status?: ConcernStatus) => onChange({ status })}
          options={concernStatuses.map((s) => ({ value: s, label: t(`concerns.statusValue.${s}`) }))}
        />
      </Col>
      <Col {...col}>
        <label className="lx-filter-label" htmlFor="concern-filter-studio">
          {t('concerns.studio')}
        </label>
        <Select
          id="concern-filter-studio"
          value={f.studioId}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={studios.loading}
          placeholder={t('common.all')}
          style={{ width: '100%' }}
          onChange={(studioId?: string) => onChange({ studioId })}
          options={(studios.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Col>
      <Col {...col}>
        <label className="lx-filter-label" htmlFor="concern-filter-category">
          {t('concerns.category')}
        </label>
        <Select
          id="concern-filter-category"
          value={f.category}
          allowClear
          placeholder={t('common.all')}
          style={{ width: '100%' }}
          onChange={(category?: Category) => onChange({ category })}
          options={concernCategories.map((c) => ({ value: c, label: t(`concerns.categoryValue.${c}`) }))}
        />
      </Col>
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
          style={{ width: '100%' }}
          onChange={(_, [from, to]) => onChange({ from: from || undefined, to: to || undefined })}
        />
      </Col>
      <Col xs={12} sm={6} lg={4}>
        <label className="lx-filter-label" htmlFor="concern-filter-overdue">
          {t('concerns.overdueOnly')}
        </label>
        <Switch
          id="concern-filter-overdue"
          checked={f.overdue}
          onChange={(overdue) => onChange({ overdue })}
          checkedChildren={t('common.yes')}
          unCheckedChildren={t('common.no')}
        />
      </Col>
      <Col xs={12} sm={6} lg={4}>
        <label className="lx-filter-label" htmlFor="concern-filter-deed">
          {t('concerns.serviceDeedOnly')}
        </label>
        <Switch
          id="concern-filter-deed"
          checked={f.serviceDeed}
          onChange={(serviceDeed) => onChange({ serviceDeed })}
          checkedChildren={t('common.yes')}
          unCheckedChildren={t('common.no')}
        />
      </Col>
    </Row>
  );
}
