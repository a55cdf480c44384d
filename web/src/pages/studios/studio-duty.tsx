import { useState } from 'react';
import { Alert, App, Button, Card, Col, List, Popconfirm, Row, Space, Spin } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { DutyOccurrence, Studio, dutyRoster } from '../../../../contracts/studios.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { DutyRuleModal, DutySlotModal } from './duty-forms.tsx';
import { occurrenceText, ruleText, todayAndNext } from './duty-format.ts';

export type Roster = z.infer<typeof dutyRoster>;
type Props = { studio: Studio; canEdit: boolean };

/** Reception days (recurring rules), one-off slots, and who is on duty today and next. */
export function StudioDuty({ studio, canEdit }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<'rule' | 'slot' | null>(null);
  const [fresh, setFresh] = useState<Roster | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loaded = useLoad(() => call('GET /api/studios/:id/duty', { params: { id: studio.id } }), [studio.id]);
  const roster = fresh ?? loaded.data;
  const names = new Map(studio.members.map((m) => [m.personId, m.name]));
  const people = (ids: string[]) =>
    ids
      .map((p) => names.get(p) ?? '')
      .filter(Boolean)
      .join(t('common.nameSep')) || t('studios.duty.nobody');

  if (loaded.error !== null && !roster)
    return <Alert type="error" showIcon title={errorText(loaded.error, lang)} />;
  if (!roster) return <Spin />;
  const { today, upcoming } = todayAndNext(roster.occurrences, new Date());

  const remove = async (kind: 'rules' | 'slots', entryId: string) => {
    setError(null);
    try {
      setFresh(
        await call(
          kind === 'rules'
            ? 'DELETE /api/studios/:id/duty-rules/:entryId'
            : 'DELETE /api/studios/:id/duty-slots/:entryId',
          { params: { id: studio.id, entryId } },
        ),
      );
      void message.success(t('studios.duty.removed'));
    } catch (e) {
      setError(e);
    }
  };
  const removeButton = (kind: 'rules' | 'slots', entryId: string, what: string) =>
    canEdit && (
      <Popconfirm
        title={t('studios.duty.confirmRemove')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={() => void remove(kind, entryId)}
      >
        <Button size="small" danger aria-label={`${t('studios.duty.remove')} ${what}`}>
          {t('studios.duty.remove')}
        </Button>
      </Popconfirm>
    );

  const occurrenceItem = (o: DutyOccurrence) => (
    <List.Item>
      <div>
        <strong>{occurrenceText(o)}</strong>
        <div>
          {t('common.labelled', {
            label: t('studios.duty.onDuty'),
            value: o.people.map((p) => p.name).join(t('common.nameSep')) || t('studios.duty.nobody'),
          })}
        </div>
        {o.note && <div className="lx-hint">{o.note}</div>}
      </div>
    </List.Item>
  );

  return (
    <section aria-labelledby="studio-duty-title">
      <h2 id="studio-duty-title" className="lx-section-title">
        {t('studios.duty.heading')}
      </h2>
      <p>
        <Link to={`/studios/${studio.id}/duty-print`}>
          <PrinterOutlined /> {t('print.dutyLink')}
        </Link>
      </p>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(error, lang)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small" title={<h3 className="lx-section-title">{t('studios.duty.today')}</h3>}>
            {today.length === 0 ? (
              <p className="lx-hint">{t('studios.duty.noneToday')}</p>
            ) : (
              <List size="small" dataSource={today} renderItem={occurrenceItem} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={<h3 className="lx-section-title">{t('studios.duty.upcoming')}</h3>}>
            {upcoming.length === 0 ? (
              <p className="lx-hint">{t('studios.duty.noneUpcoming')}</p>
            ) : (
              <List size="small" dataSource={upcoming} renderItem={occurrenceItem} />
            )}
          </Card>
        </Col>
      </Row>
      {canEdit && (
        <Space wrap style={{ margin: '16px 0' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('rule')}>
            {t('studios.duty.addRule')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setAdding('slot')}>
            {t('studios.duty.addSlot')}
          </Button>
        </Space>
      )}
      <h3 className="lx-section-title" style={{ marginTop: 16 }}>
        {t('studios.duty.rules')}
      </h3>
      {roster.rules.length === 0 ? (
        <p className="lx-hint">{t('studios.duty.empty')}</p>
      ) : (
        <List
          size="small"
          bordered
          dataSource={roster.rules}
          renderItem={(r) => (
            <List.Item extra={removeButton('rules', r.id, ruleText(r, t))}>
              <div>
                <strong>{ruleText(r, t)}</strong>{' '}
                <span className="lx-hint">
                  {r.validTo
                    ? t('studios.duty.validRangeTo', { from: r.validFrom, to: r.validTo })
                    : t('studios.duty.validRange', { from: r.validFrom })}
                </span>
                <div>
                  {t('common.labelled', { label: t('studios.duty.onDuty'), value: people(r.personIds) })}
                </div>
                {r.note && <div className="lx-hint">{r.note}</div>}
              </div>
            </List.Item>
          )}
        />
      )}
      <h3 className="lx-section-title" style={{ marginTop: 16 }}>
        {t('studios.duty.slots')}
      </h3>
      {roster.slots.length === 0 ? (
        <p className="lx-hint">{t('studios.duty.empty')}</p>
      ) : (
        <List
          size="small"
          bordered
          dataSource={roster.slots}
          renderItem={(s) => (
            <List.Item extra={removeButton('slots', s.id, occurrenceText(s))}>
              <div>
                <strong>{occurrenceText(s)}</strong>
                <div>
                  {t('common.labelled', { label: t('studios.duty.onDuty'), value: people(s.personIds) })}
                </div>
                {s.note && <div className="lx-hint">{s.note}</div>}
              </div>
            </List.Item>
          )}
        />
      )}
      <DutyRuleModal
        open={adding === 'rule'}
        studio={studio}
        onClose={() => setAdding(null)}
        onSaved={(r) => {
          setAdding(null);
          setFresh(r);
        }}
      />
      <DutySlotModal
        open={adding === 'slot'}
        studio={studio}
        onClose={() => setAdding(null)}
        onSaved={(r) => {
          setAdding(null);
          setFresh(r);
        }}
      />
    </section>
  );
}
