import { Alert, Button, Card, DatePicker, Input, Row, Select, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { AuditEntry } from '../../../../contracts/audit.ts';
import {
  actionsOfGroup,
  auditActions,
  auditGroups,
  auditResultWords,
  auditSentence,
  detailWords,
} from '../../../../contracts/audit-texts.ts';
import type { AuditGroup } from '../../../../contracts/audit-texts.ts';
import { chinaTime } from '../../../../contracts/china-time.ts';
import { call } from '../../api.ts';
import { FilterField, FilterSelect } from '../../console/filters.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import { filtersOf, paramsOf } from './audit-filters.ts';
import type { AuditFilterValues } from './audit-filters.ts';

type Result = AuditEntry['result'];
const results: Result[] = ['ok', 'denied', 'invalid', 'failed'];
const colours: Record<Result, string> = { ok: 'green', denied: 'red', invalid: 'orange', failed: 'red' };

/** The log as an office reads it: sentences, Beijing time, filters from lists, an Excel copy. */
export function AuditPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const f = filtersOf(params);
  const paging = {
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Math.min(100, Math.max(1, Number(params.get('pageSize')) || 50)),
  };
  const key = paramsOf(f, paging).toString();
  const page = useLoad(() => call('GET /api/audit', { query: { ...f, ...paging } }), [key]);
  const set = (p: Partial<AuditFilterValues>) => setParams(paramsOf({ ...f, ...p }));

  // One list: the kinds (groups), each followed by its actions, so "诉求" or "交办诉求" are both one pick.
  const kindOptions = (Object.keys(auditGroups) as AuditGroup[]).map((g) => ({
    label: auditGroups[g][lang],
    options: [
      {
        value: `group:${g}`,
        label: t('common.withNote', { text: auditGroups[g][lang], note: t('audit.allOfKind') }),
      },
      ...actionsOfGroup(g).map((a) => ({ value: a, label: auditActions[a][lang] })),
    ],
  }));
  const kindValue = f.action ?? (f.group ? `group:${f.group}` : undefined);

  return (
    <>
      <h1 className="lx-page-title">{t('audit.title')}</h1>
      <Card>
        <Row gutter={[12, 8]} style={{ marginBottom: 12 }} role="search" aria-label={t('audit.filters')}>
          <FilterField xs={24} sm={12} lg={8} id="audit-from" label={t('audit.dates')}>
            <label className="lx-sr-only" htmlFor="audit-to">
              {t('audit.dateTo')}
            </label>
            <DatePicker.RangePicker
              id={{ start: 'audit-from', end: 'audit-to' }}
              placeholder={[t('concerns.rangeFrom'), t('concerns.rangeTo')]}
              allowEmpty={[true, true]}
              value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
              style={{ width: '100%' }}
              onChange={(_, [from, to]) => set({ from: from || undefined, to: to || undefined })}
            />
          </FilterField>
          <FilterField xs={24} sm={12} lg={4} id="audit-actor" label={t('audit.actor')}>
            <Input.Search
              id="audit-actor"
              allowClear
              maxLength={64}
              defaultValue={f.actor ?? ''}
              onSearch={(s) => set({ actor: s.trim() || undefined })}
            />
          </FilterField>
          <FilterField xs={24} sm={12} lg={6} id="audit-committee" label={t('audit.committee')}>
            <CommitteeSelect
              id="audit-committee"
              value={f.committeeId}
              allowClear
              placeholder={t('common.all')}
              style={{ width: '100%' }}
              onChange={(committeeId) => set({ committeeId })}
            />
          </FilterField>
          <FilterField xs={24} sm={12} lg={6} id="audit-kind" label={t('audit.kind')}>
            <Select<string>
              id="audit-kind"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              style={{ width: '100%' }}
              value={kindValue}
              options={kindOptions}
              onChange={(v?: string) =>
                set(
                  v?.startsWith('group:')
                    ? { group: v.slice(6) as AuditGroup, action: undefined }
                    : { action: v as AuditFilterValues['action'], group: undefined },
                )
              }
            />
          </FilterField>
          <FilterField xs={12} sm={6} lg={4} id="audit-result" label={t('audit.result')}>
            <FilterSelect<Result>
              id="audit-result"
              value={f.result}
              onChange={(result?: Result) => set({ result })}
              options={results.map((r) => ({ value: r, label: auditResultWords[r][lang] }))}
            />
          </FilterField>
        </Row>
        <p>
          <Button href={`/api/audit/export.xlsx?${paramsOf(f).toString()}`} download>
            {t('audit.export')}
          </Button>
        </p>
        {page.error !== null && <Alert type="error" showIcon title={errorText(page.error, lang)} />}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={page.loading}
          dataSource={page.data?.items ?? []}
          onChange={(p) => setParams(paramsOf(f, { page: p.current ?? 1, pageSize: p.pageSize ?? 50 }))}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: page.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            {
              key: 'at',
              title: t('audit.atChina'),
              width: 170,
              render: (_, e) => chinaTime(e.at),
            },
            { key: 'what', title: t('audit.what'), render: (_, e) => auditSentence(e, lang) },
            { key: 'committee', title: t('audit.committee'), render: (_, e) => e.committeeName ?? '' },
            {
              key: 'result',
              title: t('audit.result'),
              width: 100,
              render: (_, e) => (
                <Tooltip title={e.status ? t('audit.statusHint', { status: e.status }) : undefined}>
                  <Tag color={colours[e.result]}>{auditResultWords[e.result][lang]}</Tag>
                </Tooltip>
              ),
            },
            { key: 'detail', title: t('audit.detail'), render: (_, e) => detailWords(e.detail, lang) },
            { key: 'ip', title: t('audit.ip'), width: 130, render: (_, e) => e.ip ?? '' },
          ]}
        />
      </Card>
    </>
  );
}
