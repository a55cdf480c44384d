import { useState } from 'react';
import { Col, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import { levels } from '../../../../contracts/org.ts';
import type { Level } from '../../../../contracts/org.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import type { Option } from './use-org-options.ts';

export type Filters = {
  committeeId?: string;
  subtree: boolean;
  level?: Level;
  sectorId?: string;
  specialCommitteeId?: string;
  status: 'active' | 'retired' | 'all';
  q?: string;
};

type Props = {
  value: Filters;
  onChange(f: Filters): void;
  sectors: Option[];
  specialCommittees: Option[];
  hideCommittee?: boolean;
  idPrefix: string;
};

export function MemberFilters({
  value,
  onChange,
  sectors,
  specialCommittees,
  hideCommittee,
  idPrefix,
}: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value.q ?? '');
  // The box follows a query set from outside (a link, a reset) while rendering, not an effect later.
  const [qOf, setQOf] = useState(value.q);
  if (qOf !== value.q) {
    setQOf(value.q);
    setQ(value.q ?? '');
  }
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const id = (s: string) => `${idPrefix}-${s}`;

  return (
    <Row gutter={[12, 8]} style={{ marginBottom: 12 }} role="search" aria-label={t('members.filters')}>
      {!hideCommittee && (
        <Col xs={24} sm={12} lg={8}>
          <label className="lx-filter-label" htmlFor={id('committee')}>
            {t('members.committee')}
          </label>
          <CommitteeSelect
            id={id('committee')}
            value={value.committeeId}
            allowClear
            placeholder={t('common.all')}
            style={{ width: '100%' }}
            onChange={(committeeId) =>
              set({ committeeId, sectorId: undefined, specialCommitteeId: undefined })
            }
          />
        </Col>
      )}
      <Col xs={24} sm={12} lg={4}>
        <label className="lx-filter-label" htmlFor={id('subtree')}>
          {t('members.includeLower')}
        </label>
        <Switch
          id={id('subtree')}
          checked={value.subtree}
          onChange={(subtree) => set({ subtree })}
          checkedChildren={t('common.yes')}
          unCheckedChildren={t('common.no')}
        />
      </Col>
      <Col xs={12} sm={8} lg={4}>
        <label className="lx-filter-label" htmlFor={id('level')}>
          {t('members.level')}
        </label>
        <Select
          id={id('level')}
          value={value.level}
          allowClear
          placeholder={t('common.all')}
          style={{ width: '100%' }}
          onChange={(level?: Level) => set({ level })}
          options={levels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
      </Col>
      <Col xs={12} sm={8} lg={4}>
        <label className="lx-filter-label" htmlFor={id('status')}>
          {t('members.status')}
        </label>
        <Select
          id={id('status')}
          value={value.status}
          style={{ width: '100%' }}
          onChange={(status: Filters['status']) => set({ status })}
          options={(['active', 'retired', 'all'] as const).map((s) => ({
            value: s,
            label: t(`members.statusValue.${s}`),
          }))}
        />
      </Col>
      <Col xs={12} sm={8} lg={4}>
        <label className="lx-filter-label" htmlFor={id('sector')}>
          {t('members.sector')}
        </label>
        <Select
          id={id('sector')}
          value={value.sectorId}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.all')}
          style={{ width: '100%' }}
          onChange={(sectorId?: string) => set({ sectorId })}
          options={sectors}
        />
      </Col>
      <Col xs={12} sm={12} lg={6}>
        <label className="lx-filter-label" htmlFor={id('special')}>
          {t('members.specialCommittee')}
        </label>
        <Select
          id={id('special')}
          value={value.specialCommitteeId}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.all')}
          style={{ width: '100%' }}
          onChange={(specialCommitteeId?: string) => set({ specialCommitteeId })}
          options={specialCommittees}
        />
      </Col>
      <Col xs={24} sm={12} lg={hideCommittee ? 10 : 6}>
        <label className="lx-filter-label" htmlFor={id('q')}>
          {t('members.search')}
        </label>
        <Input.Search
          id={id('q')}
          value={q}
          maxLength={limits.query}
          allowClear
          enterButton={t('common.search')}
          onChange={(e) => {
            setQ(e.target.value);
            if (e.target.value === '' && value.q) set({ q: undefined });
          }}
          onSearch={(s) => set({ q: s.trim() || undefined })}
        />
      </Col>
    </Row>
  );
}
