import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLang } from '../../i18n/use-lang.ts';
import { EscalateDialog } from './concern-handover-due.tsx';
import { RouteDialog } from './concern-route-dialog.tsx';

type Picked = { id: string; trackingCode: string };
type Outcome = Awaited<ReturnType<typeof call<'POST /api/concerns/batch'>>>['results'];

/**
 * The staff list's batch bar: the checked concerns assigned or passed up in one request.
 * Each concern is its own step on the server; what was refused is listed by tracking code
 * with the reason, and stays checked for another try.
 */
export function ConcernBatch({ picked, onDone }: { picked: Picked[]; onDone(refused: string[]): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { modal } = App.useApp();
  const account = useAccount();
  const [open, setOpen] = useState<'assign' | 'escalate' | null>(null);
  const ids = picked.map((p) => p.id);
  const codeOf = new Map(picked.map((p) => [p.id, p.trackingCode]));

  const report = (results: Outcome) => {
    const refused = results.filter((r) => !r.ok);
    const done = results.length - refused.length;
    setOpen(null);
    void modal[refused.length ? 'warning' : 'success']({
      title: t('concerns.batch.result', { done, refused: refused.length }),
      content: refused.length ? (
        <ul className="lx-batch-refused">
          {refused.map((r) => (
            <li key={r.id}>
              {t('common.labelled', { label: codeOf.get(r.id) ?? r.id, value: r.ok ? '' : r.messages[lang] })}
            </li>
          ))}
        </ul>
      ) : undefined,
      okText: t('common.close'),
    });
    onDone(refused.map((r) => r.id));
  };

  return (
    <>
      <Space wrap aria-label={t('concerns.batch.bar')} role="group">
        <span>{t('concerns.batch.picked', { n: picked.length })}</span>
        <Button disabled={!picked.length} onClick={() => setOpen('assign')}>
          {t('concerns.batch.assign')}
        </Button>
        <Button disabled={!picked.length} onClick={() => setOpen('escalate')}>
          {t('concerns.batch.escalate')}
        </Button>
      </Space>
      <RouteDialog
        mode="assign"
        open={open === 'assign'}
        concern={{ committeeId: account.committeeId }}
        staff
        onClose={() => setOpen(null)}
        send={async (target) =>
          report(
            (
              await call('POST /api/concerns/batch', {
                body: { action: 'assign', ids, ...target, reason: target.reason ?? undefined },
              })
            ).results,
          )
        }
      />
      <EscalateDialog
        open={open === 'escalate'}
        staff
        onClose={() => setOpen(null)}
        send={async (v) =>
          report(
            (await call('POST /api/concerns/batch', { body: { action: 'escalate', ids, ...v } })).results,
          )
        }
      />
    </>
  );
}
