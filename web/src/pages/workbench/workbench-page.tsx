import { Alert, Card, Col, Empty, Row, Spin, Statistic, Table, Tooltip } from 'antd';
import { ArrowUpOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Workbench } from '../../../../contracts/workbench.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { shortTime } from '../concerns/concern-rules.ts';
import { hrefOf } from './workbench-links.ts';
import './workbench.css';

type StaffCounter = NonNullable<Workbench['staff']>['counters'][number];
type MemberCounter = NonNullable<Workbench['member']>['counters'][number];
type Counter = StaffCounter | MemberCounter;
type ChildRow = NonNullable<Workbench['staff']>['children'][number];
type Duty = NonNullable<Workbench['member']>['dutyToday'][number];

/**
 * The first page after login: what waits for the caller today. Staff see their committee's
 * counters and one row per committee below (a name drills into that committee's workbench);
 * members their inbox by state, their studios' new concerns and their duty. Every number links
 * to the list it counts, with the filters the server counted by.
 */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const committeeId = params.get('committee') ?? undefined;
  const wb = useLoad(() => call('GET /api/workbench', { query: { committeeId } }), [committeeId]);
  const data = wb.data;
  return (
    <>
      <h1 className="lx-page-title">{t('workbench.title')}</h1>
      {wb.error !== null && <Alert type="error" showIcon title={errorText(wb.error, lang)} />}
      {!data && wb.loading && <Spin />}
      {data && (
        <>
          <p className="lx-hint">{t('workbench.today', { date: data.today })}</p>
          {data.staff && <StaffSection wb={data} staff={data.staff} />}
          {data.member && <MemberSection member={data.member} />}
          {/* A handling department's section (承办单位) joins here with the department role. */}
        </>
      )}
    </>
  );
}

function CounterCard({ c, definition }: { c: Counter; definition?: string }) {
  const { t } = useTranslation();
  const label = t(`workbench.counter.${c.key}`);
  const def = definition ?? t(`workbench.define.${c.key}`);
  const defId = `wb-def-${c.key}`;
  const title = (
    <Tooltip title={def}>
      <span className="lx-wb-label">
        {label} <QuestionCircleOutlined aria-hidden="true" />
      </span>
    </Tooltip>
  );
  const number = (n: number) =>
    c.link ? (
      <Tooltip title={def} trigger={['hover', 'focus']}>
        <Link
          to={hrefOf(c.link)}
          className="lx-wb-number"
          aria-label={t('common.labelled', { label, value: n })}
          aria-describedby={defId}
          data-counter={c.key}
        >
          {n}
        </Link>
      </Tooltip>
    ) : (
      <span className="lx-wb-number" data-counter={c.key}>
        {n}
      </span>
    );
  return (
    <Card size="small" className="lx-wb-card">
      <Statistic title={title} value={c.count} formatter={(v) => number(Number(v))} />
      <span id={defId} className="lx-sr-only">
        {def}
      </span>
    </Card>
  );
}

function Counters({ counters }: { counters: Counter[] }) {
  return (
    <Row gutter={[12, 12]}>
      {counters.map((c) => (
        <Col key={c.key} xs={12} sm={8} lg={6} xl={6}>
          <CounterCard c={c} />
        </Col>
      ))}
    </Row>
  );
}

function StaffSection({ wb, staff }: { wb: Workbench; staff: NonNullable<Workbench['staff']> }) {
  const { t } = useTranslation();
  const keys = staff.counters.filter((c) => c.key !== 'failedWork').map((c) => c.key);
  return (
    <>
      <section aria-labelledby="wb-staff">
        <h2 id="wb-staff" className="lx-wb-heading">
          {t('workbench.staffSection')} · {t('workbench.scopeOf', { name: wb.committee.name })}
          {wb.committee.parentId && (
            <Link
              to={`/workbench?committee=${wb.committee.parentId}`}
              className="lx-wb-up"
              aria-label={t('workbench.backUp')}
            >
              <ArrowUpOutlined aria-hidden="true" /> {t('workbench.backUp')}
            </Link>
          )}
        </h2>
        <Counters counters={staff.counters} />
      </section>
      {staff.children.length > 0 && (
        <section aria-labelledby="wb-children">
          <h2 id="wb-children" className="lx-wb-heading">
            {t('workbench.childrenTitle')}
          </h2>
          <p className="lx-hint">{t('workbench.childrenHint')}</p>
          <Table<ChildRow>
            rowKey="committeeId"
            size="small"
            pagination={false}
            dataSource={staff.children}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'name',
                title: t('workbench.committee'),
                render: (_, r) =>
                  r.hasChildren ? (
                    <Link
                      to={`/workbench?committee=${r.committeeId}`}
                      aria-label={t('workbench.drill', { name: r.name })}
                    >
                      {r.name}
                    </Link>
                  ) : (
                    r.name
                  ),
              },
              ...keys.map((key) => ({
                key,
                title: (
                  <Tooltip title={t(`workbench.define.${key}`)}>
                    <span>{t(`workbench.counter.${key}`)}</span>
                  </Tooltip>
                ),
                align: 'right' as const,
                render: (_: unknown, r: ChildRow) => {
                  const c = r.counters.find((x) => x.key === key);
                  if (!c) return null;
                  return c.link ? (
                    <Link
                      to={hrefOf(c.link)}
                      aria-label={t('common.labelled', {
                        label: `${r.name} ${t(`workbench.counter.${key}`)}`,
                        value: c.count,
                      })}
                      data-counter={`${r.committeeId}:${key}`}
                    >
                      {c.count}
                    </Link>
                  ) : (
                    c.count
                  );
                },
              })),
            ]}
          />
        </section>
      )}
    </>
  );
}

function MemberSection({ member }: { member: NonNullable<Workbench['member']> }) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="wb-inbox">
        <h2 id="wb-inbox" className="lx-wb-heading">
          {t('workbench.memberSection')}
        </h2>
        <Counters counters={member.counters} />
      </section>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={<h2 className="lx-wb-card-title">{t('workbench.dutySection')}</h2>}>
            <dl className="lx-wb-duty">
              <dt>{t('workbench.dutyToday')}</dt>
              <dd>
                {member.dutyToday.length ? (
                  <ul>
                    {member.dutyToday.map((d) => (
                      <li key={d.startsAt + d.studioId}>
                        <DutyText d={d} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('workbench.dutyNone')
                )}
              </dd>
              <dt>{t('workbench.dutyNext')}</dt>
              <dd>{member.dutyNext ? <DutyText d={member.dutyNext} /> : t('workbench.dutyNone')}</dd>
            </dl>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={<h2 className="lx-wb-card-title">{t('workbench.studiosSection')}</h2>}>
            {member.studios.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.studiosEmpty')} />
            ) : (
              <ul className="lx-wb-studios">
                {member.studios.map((s) => (
                  <li key={s.studioId}>
                    <span>{s.name}</span>{' '}
                    <Tooltip title={t('workbench.define.studioWaiting')} trigger={['hover', 'focus']}>
                      <Link to={hrefOf(s.link)} data-counter={`studio:${s.studioId}`}>
                        {t('workbench.waiting', { n: s.waiting })}
                      </Link>
                    </Tooltip>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function DutyText({ d }: { d: Duty }) {
  const { t } = useTranslation();
  const from = shortTime(d.startsAt);
  return (
    <>
      {t('workbench.dutyTime', { from, to: shortTime(d.endsAt).slice(11) })} · {d.studioName}
      {d.note ? ` · ${d.note}` : ''}
    </>
  );
}
