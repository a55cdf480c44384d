import { useState } from 'react';
import { Alert, App, Button, Checkbox, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../../contracts/common.ts';
import type { Studio } from '../../../../contracts/studios.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

type Props = { studio: Studio; canEdit: boolean; onChange(s: Studio): void };

/** The committee's checklist (五有/八有…) with this studio's ticks; staff may add items. */
const metOf = (studio: Studio): Record<string, boolean> =>
  Object.fromEntries(studio.standards.map((s) => [s.standardId, s.met]));

export function StudioStandards({ studio, canEdit, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [met, setMet] = useState(() => metOf(studio));
  // A studio saved or reloaded resets the ticks while rendering, not in an effect after paint.
  const [shown, setShown] = useState(studio);
  if (shown !== studio) {
    setShown(studio);
    setMet(metOf(studio));
  }
  const [newName, setNewName] = useState('');
  const { busy, error, run } = useSubmit((fn: () => Promise<void>) => fn());

  const count = studio.standards.filter((s) => met[s.standardId]).length;

  const save = () =>
    run(async () => {
      const checks = studio.standards.map((s) => ({
        standardId: s.standardId,
        met: !!met[s.standardId],
        note: s.note,
      }));
      onChange(await call('PUT /api/studios/:id/standards', { params: { id: studio.id }, body: { checks } }));
      void message.success(t('studios.standards.saved'));
    });

  const addStandard = () =>
    run(async () => {
      if (!newName.trim()) return;
      await call('POST /api/studio-standards', {
        body: { committeeId: studio.committeeId, name: newName.trim() },
      });
      setNewName('');
      onChange(await call('GET /api/studios/:id', { params: { id: studio.id } }));
      void message.success(t('studios.standards.addedOk'));
    });

  return (
    <section aria-labelledby="studio-standards-title">
      <h2 id="studio-standards-title" className="lx-section-title">
        {t('studios.standards.heading')}
      </h2>
      <p className="lx-hint">{t('studios.standards.hint')}</p>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(error, lang)}
          style={{ marginBottom: 12 }}
        />
      )}
      {studio.standards.length === 0 ? (
        <p>{t('studios.standards.empty')}</p>
      ) : (
        <>
          <p>
            <strong>{t('studios.standards.met', { met: count, total: studio.standards.length })}</strong>
          </p>
          <ul className="lx-checklist">
            {studio.standards.map((s) => (
              <li key={s.standardId}>
                <Checkbox
                  checked={!!met[s.standardId]}
                  disabled={!canEdit}
                  onChange={(e) => setMet((m) => ({ ...m, [s.standardId]: e.target.checked }))}
                >
                  {s.name}
                </Checkbox>
                {s.note && <span className="lx-hint"> · {s.note}</span>}
              </li>
            ))}
          </ul>
          {canEdit && (
            <Button type="primary" loading={busy} onClick={() => void save()}>
              {t('studios.standards.save')}
            </Button>
          )}
        </>
      )}
      {canEdit && (
        <div style={{ marginTop: 24, maxWidth: 560 }}>
          <label className="lx-filter-label" htmlFor="studio-standard-new">
            {t('studios.standards.addLabel')}
          </label>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              id="studio-standard-new"
              value={newName}
              maxLength={limits.name}
              placeholder={t('studios.standards.addPlaceholder')}
              onChange={(e) => setNewName(e.target.value)}
              onPressEnter={() => void addStandard()}
            />
            <Button loading={busy} onClick={() => void addStandard()}>
              {t('studios.standards.add')}
            </Button>
          </Space.Compact>
        </div>
      )}
    </section>
  );
}
