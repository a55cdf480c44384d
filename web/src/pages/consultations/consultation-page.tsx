import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { Consultation } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { ConsultationDialogs } from './consultation-dialogs.tsx';
import type { Dialog } from './consultation-dialogs.tsx';
import { MinutesCard } from './minutes-card.tsx';
import { OutcomeTable } from './outcome-table.tsx';
import { StateTag, localTime } from './consultation-tags.tsx';

/** One consultation: its record, who takes part and their sign-in, the minutes, the outcomes. */
export function ConsultationPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const account = useAccount();
  const staff = account.role === 'admin' || account.role === 'staff';
  const loaded = useLoad(() => call('GET /api/consultations/:id', { params: { id } }), [id]);
  const [fresh, setFresh] = useState<Consultation | null>(null);
  const k = fresh && fresh.id === id ? fresh : loaded.data;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const done = (next: Consultation) => {
    setDialog(null);
    setFresh(next);
  };
  const step = useSubmit(async (run: () => Promise<Consultation>) => done(await run()));
  const error = loaded.error ?? step.error;
  if (!k) return error ? <Alert type="error" showIcon title={errorText(error, lang)} /> : null;
  const can = (a: string) => k.actions.includes(a);
  const mine = k.participants.find((p) => p.id === k.myParticipantId);

  return (
    <>
      <h1 className="lx-page-title">
        {k.title} <StateTag kind="consultation" state={k.status} />
      </h1>
      {error !== null && (
        <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('consultations.field.kind')}>
            {t(`consultations.form.${k.kind}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('consultations.field.mode')}>
            {t(`consultations.mode.${k.mode}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('consultations.field.startsAt')}>
            {`${localTime(k.startsAt)} – ${localTime(k.endsAt).slice(11)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('consultations.field.place')}>
            {k.place ?? k.studioName ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('consultations.field.host')}>{k.hostName ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('consultations.signedIn')}>{k.signedInCount}</Descriptions.Item>
          {k.doorUrl && (
            <Descriptions.Item label={t('consultations.doorCode')}>{k.doorUrl}</Descriptions.Item>
          )}
          {k.attendeeCount !== null && (
            <Descriptions.Item label={t('consultations.field.attendees')}>
              {k.attendeeCount}
            </Descriptions.Item>
          )}
          {k.contributionCount !== null && (
            <Descriptions.Item label={t('consultations.field.contributions')}>
              {k.contributionCount}
            </Descriptions.Item>
          )}
          {k.consensus && (
            <Descriptions.Item label={t('consultations.micro.consensus')}>{k.consensus}</Descriptions.Item>
          )}
          {k.followUp && (
            <Descriptions.Item label={t('consultations.micro.followUp')}>{k.followUp}</Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap>
          {can('invite') && (
            <Button onClick={() => setDialog({ kind: 'invite' })}>{t('consultations.invite')}</Button>
          )}
          {can('schedule') && (
            <Button
              type="primary"
              loading={step.busy}
              onClick={() =>
                void step.run(() => call('POST /api/consultations/:id/schedule', { params: { id } }))
              }
            >
              {t('consultations.schedule')}
            </Button>
          )}
          {mine && k.status !== 'closed' && (
            <>
              <Button
                onClick={() =>
                  void step.run(() =>
                    call('POST /api/consultations/:id/reply', {
                      params: { id },
                      body: { reply: 'accepted' },
                    }),
                  )
                }
              >
                {t('consultations.accept')}
              </Button>
              <Button onClick={() => setDialog({ kind: 'decline' })}>{t('consultations.decline')}</Button>
            </>
          )}
          {can('close') && (
            <Button onClick={() => setDialog({ kind: 'close' })}>{t('consultations.close')}</Button>
          )}
          {can('amend') && (
            <Button onClick={() => setDialog({ kind: 'amend' })}>{t('consultations.amend')}</Button>
          )}
        </Space>
      </Card>
      {k.agenda.length > 0 && (
        <Card
          size="small"
          title={<h2 className="lx-section-title">{t('consultations.field.agenda')}</h2>}
          style={{ marginBottom: 12 }}
        >
          <ol>
            {k.agenda.map((a, i) => (
              <li
                key={i}
              >{`${a.title}（${a.durationMinutes} ${t('consultations.field.min')}）${a.speaker ? ` · ${a.speaker}` : ''}`}</li>
            ))}
          </ol>
        </Card>
      )}
      <Card
        size="small"
        title={<h2 className="lx-section-title">{t('consultations.participants')}</h2>}
        style={{ marginBottom: 12 }}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={k.participants}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'name', title: t('consultations.participant.name'), dataIndex: 'name' },
            {
              key: 'role',
              title: t('consultations.participant.role'),
              render: (_, p) => t(`consultations.role.${p.role}`),
            },
            {
              key: 'via',
              title: t('consultations.participant.via'),
              render: (_, p) => p.viaStudioName ?? '',
            },
            {
              key: 'reply',
              title: t('consultations.participant.reply'),
              render: (_, p) =>
                `${t(`consultations.reply.${p.reply}`)}${p.declineReason ? `：${p.declineReason}` : ''}`,
            },
            {
              key: 'signed',
              title: t('consultations.signedIn'),
              render: (_, p) =>
                p.signedInAt ? (
                  localTime(p.signedInAt)
                ) : staff && can('signIn') ? (
                  <Button
                    size="small"
                    onClick={() =>
                      void step.run(() =>
                        call('POST /api/consultations/:id/participants/:participantId/sign-in', {
                          params: { id, participantId: p.id },
                        }),
                      )
                    }
                  >
                    {t('consultations.signInFor', { name: p.name })}
                  </Button>
                ) : (
                  ''
                ),
            },
          ]}
        />
      </Card>
      <MinutesCard consultation={k} onChange={done} />
      <Card
        size="small"
        title={<h2 className="lx-section-title">{t('consultations.outcomes')}</h2>}
        extra={
          can('addOutcome') && (
            <Button onClick={() => setDialog({ kind: 'outcome' })}>{t('consultations.outcome.add')}</Button>
          )
        }
        style={{ marginBottom: 12 }}
      >
        <OutcomeTable items={k.outcomes} onChange={() => loaded.reload()} showConsultation={false} />
      </Card>
      {k.amendments.length > 0 && (
        <Card size="small" title={<h2 className="lx-section-title">{t('consultations.amendments')}</h2>}>
          <ul>
            {k.amendments.map((a, i) => (
              <li
                key={i}
              >{`${localTime(a.at)} ${t(`consultations.amendField.${a.field}`)}：${a.before ?? ''} → ${a.after ?? ''}（${a.reason}）`}</li>
            ))}
          </ul>
        </Card>
      )}
      <ConsultationDialogs consultation={k} dialog={dialog} onClose={() => setDialog(null)} onDone={done} />
    </>
  );
}
