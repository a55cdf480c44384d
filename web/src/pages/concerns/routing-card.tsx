import { App, Button, Card, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Scored } from '../../../../contracts/routing.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { reasonsText } from './routing-text.ts';

/**
 * The system's routing suggestion (精准对接) with its reasons, for staff to accept in one click;
 * to override, staff use 交办 / 改派 with their own choice.
 */
export function RoutingCard({ concernId, onDone }: { concernId: string; onDone(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const routing = useLoad(
    () => call('GET /api/concerns/:id/routing', { params: { id: concernId } }),
    [concernId],
  );
  const accept = useSubmit(
    async () => {
      await call('POST /api/concerns/:id/routing', { params: { id: concernId }, body: { accept: true } });
      void message.success(t('routing.accepted'));
      routing.reload();
      onDone();
    },
    { onError: (e) => void message.error(errorText(e, lang)) },
  );
  const s = routing.data?.suggestion;
  // Older concerns or a server without suggestions: nothing to show.
  if (!s || (s.studios.length === 0 && s.members.length === 0 && s.sectors.length === 0)) return null;

  const why = (x: Scored) => reasonsText(x, t);
  const group = (title: string, items: Scored[]) =>
    items.length > 0 && (
      <>
        <h3 className="lx-routing-title">{title}</h3>
        <ol className="lx-routing">
          {items.slice(0, 3).map((x) => (
            <li key={x.id ?? x.name}>
              <strong>{x.name}</strong> <span className="lx-hint">{why(x)}</span>
            </li>
          ))}
        </ol>
      </>
    );

  return (
    <Card size="small" title={<h2 className="lx-section-title">{t('routing.title')}</h2>}>
      {group(t('routing.studios'), s.studios)}
      {group(t('routing.members'), s.members)}
      {s.sectorAbstained && s.sectors.length > 0 && <p className="lx-hint">{t('routing.sectorUnsure')}</p>}
      {group(t('routing.sectors'), s.sectors)}
      {routing.data && routing.data.decisions.length > 0 && (
        <p className="lx-hint">{t('routing.decided', { n: routing.data.decisions.length })}</p>
      )}
      <Popconfirm
        title={t('routing.acceptConfirm')}
        okText={t('routing.accept')}
        cancelText={t('common.cancel')}
        onConfirm={() => void accept.run()}
      >
        <Button loading={accept.busy}>{t('routing.accept')}</Button>
      </Popconfirm>
    </Card>
  );
}
