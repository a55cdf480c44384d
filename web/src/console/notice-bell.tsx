import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Popover } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import { noticeText } from '../../../contracts/notice-texts.ts';
import type { Notice, noticeList } from '../../../contracts/notify.ts';
import type { Lang } from '../../../contracts/messages.ts';
import { call } from '../api.ts';
import { errorText, useLang } from '../i18n/use-lang.ts';
import { shortTime } from '../pages/concerns/concern-rules.ts';
import { useAccount } from './session.tsx';

type List = z.infer<typeof noticeList>;
// From the key, so switching the language re-renders the list without asking the server;
// the server's title for a notice stored without one, or with a key this build lacks.
const titleOf = (n: Notice, lang: Lang) => (n.key && noticeText(n.key, n.params, lang)) || n.title;
// A minute is soon enough for a new concern (deadlines are days); it keeps the load small.
const pollMs = 60_000;

/** The header bell: unread count, the latest notices, click → the concern, mark read. */
export function NoticeBell() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const account = useAccount();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(
    () =>
      call('GET /api/notices', { query: { pageSize: 10 } }).then(
        (l) => {
          setList(l);
          setError(null);
        },
        (e: unknown) => setError(e),
      ),
    [],
  );

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), pollMs);
    return () => window.clearInterval(timer);
  }, [load]);

  const unread = list?.unread ?? 0;

  async function openNotice(n: Notice) {
    setOpen(false);
    if (!n.readAt) await call('POST /api/notices/:id/read', { params: { id: n.id } }).catch(() => undefined);
    const concernId = n.ref.concernId;
    if (concernId)
      void navigate(account.role === 'member' ? `/inbox/${concernId}` : `/concerns/${concernId}`);
    void load();
  }

  async function readAll() {
    await call('POST /api/notices/read-all').catch((e: unknown) => setError(e));
    void load();
  }

  const content = (
    <div className="lx-notices">
      {error !== null && <p role="alert">{errorText(error, lang)}</p>}
      {list && list.items.length === 0 && <p className="lx-hint">{t('notices.empty')}</p>}
      <ul>
        {(list?.items ?? []).map((n) => (
          <li key={n.id}>
            <button
              type="button"
              className={n.readAt ? 'lx-notice' : 'lx-notice lx-notice-unread'}
              onClick={() => void openNotice(n)}
            >
              {!n.readAt && <span className="lx-sr-only">{t('notices.unreadMark')}</span>}
              <span className="lx-notice-title">{titleOf(n, lang)}</span>
              <span className="lx-hint">
                {shortTime(n.createdAt)}
                {n.ref.trackingCode ? ` · ${n.ref.trackingCode}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {unread > 0 && (
        <Button size="small" onClick={() => void readAll()}>
          {t('notices.readAll')}
        </Button>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
      title={
        <h2 className="lx-section-title" style={{ margin: 0, fontSize: 16 }}>
          {t('notices.title')}
        </h2>
      }
      content={content}
      placement="bottomRight"
    >
      <Button
        type="text"
        aria-label={unread > 0 ? t('notices.bellUnread', { n: unread }) : t('notices.bell')}
        aria-expanded={open}
        style={{ color: '#fff' }}
        icon={
          <Badge count={unread} size="small" offset={[4, -2]}>
            <BellOutlined style={{ color: '#fff', fontSize: 20 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
