import { Alert, Button, Card, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Consultation } from '../../../../contracts/consultations.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { localTime } from './consultation-tags.tsx';

/** Where the QR code at the door leads: the participant, signed in on their phone, confirms. */
export function SignInPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { code = '' } = useParams();
  const [done, setDone] = useState<Consultation | null>(null);
  const run = useSubmit(async () =>
    setDone(await call('POST /api/consultations/sign-in', { body: { doorCode: code } })),
  );
  if (done) {
    const me = done.participants.find((p) => p.id === done.myParticipantId);
    return (
      <Result
        status="success"
        title={t('consultations.signedInOk', { title: done.title })}
        subTitle={localTime(me?.signedInAt ?? null)}
        extra={<Link to={`/consultations/${done.id}`}>{t('consultations.open')}</Link>}
      />
    );
  }
  return (
    <Card style={{ maxWidth: 480, margin: '24px auto' }}>
      <h1 className="lx-page-title">{t('consultations.signInTitle')}</h1>
      {run.error !== null && (
        <Alert type="error" showIcon title={errorText(run.error, lang)} style={{ marginBottom: 12 }} />
      )}
      <Button type="primary" size="large" block loading={run.busy} onClick={() => void run.run()}>
        {t('consultations.signInButton')}
      </Button>
    </Card>
  );
}
