import { useState } from 'react';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { concernLimits } from '../../../../contracts/concerns.ts';
import type { ConcernDetail } from '../../../../contracts/concerns.ts';
import { limits } from '../../../../contracts/common.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { DeadlineDialog } from './concern-deadline-dialog.tsx';
import { ExtendDialog, TextDialog } from './concern-dialogs.tsx';
import { RouteDialog } from './concern-route-dialog.tsx';
import type { ConcernAction } from './concern-rules.ts';
import { allowedActions } from './concern-rules.ts';

type Props = { concern: ConcernDetail; onDone(): void };

/** The buttons a handler may press now, each opening the dialog its request needs. */
export function ConcernActions({ concern: k, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const account = useAccount();
  const staff = account.role !== 'member';
  const [open, setOpen] = useState<ConcernAction | null>(null);
  const params = { id: k.id };
  const post = async (request: Promise<unknown>, done: ConcernAction) => {
    await request;
    setOpen(null);
    void message.success(t(`concerns.done.${done}`));
    onDone();
  };
  const accept = useSubmit(() => post(call('POST /api/concerns/:id/accept', { params }), 'accept'), {
    onError: (e) => void message.error(errorText(e, lang)),
  });
  const actions = allowedActions(k, account);
  if (actions.length === 0) return null;

  const close = () => setOpen(null);
  const button = (a: ConcernAction, primary = false) => (
    <Button key={a} type={primary ? 'primary' : 'default'} size="large" onClick={() => setOpen(a)}>
      {t(`concerns.action.${a}`)}
    </Button>
  );

  return (
    <>
      <Space wrap>
        {actions.includes('accept') && (
          <Popconfirm
            title={t('concerns.form.acceptConfirm')}
            okText={t('concerns.action.accept')}
            cancelText={t('common.cancel')}
            onConfirm={() => void accept.run()}
          >
            <Button type="primary" size="large" loading={accept.busy}>
              {t('concerns.action.accept')}
            </Button>
          </Popconfirm>
        )}
        {actions.includes('reply') && button('reply', true)}
        {actions.includes('askInfo') && button('askInfo')}
        {actions.includes('transfer') && button('transfer')}
        {actions.includes('escalate') && button('escalate')}
        {actions.includes('assign') && button('assign')}
        {actions.includes('extend') && button('extend')}
        {actions.includes('deadline') && button('deadline')}
        {actions.includes('serviceDeed') && button('serviceDeed')}
      </Space>
      <TextDialog
        name="concern-reply"
        open={open === 'reply'}
        title={t('concerns.action.reply')}
        label={t('concerns.form.replyLabel')}
        field="text"
        max={concernLimits.reply}
        onClose={close}
        send={(text) => post(call('POST /api/concerns/:id/reply', { params, body: { text } }), 'reply')}
      />
      <TextDialog
        name="concern-ask-info"
        open={open === 'askInfo'}
        title={t('concerns.action.askInfo')}
        label={t('concerns.form.askInfoLabel')}
        field="text"
        max={concernLimits.reply}
        onClose={close}
        send={(text) => post(call('POST /api/concerns/:id/ask-info', { params, body: { text } }), 'askInfo')}
      />
      <TextDialog
        name="concern-escalate"
        open={open === 'escalate'}
        title={t('concerns.action.escalate')}
        label={t('concerns.form.escalateLabel')}
        hint={t('concerns.form.escalateHint')}
        field="reason"
        max={limits.reason}
        onClose={close}
        send={(reason) =>
          post(call('POST /api/concerns/:id/escalate', { params, body: { reason } }), 'escalate')
        }
      />
      <RouteDialog
        mode="transfer"
        open={open === 'transfer'}
        concern={k}
        staff={staff}
        onClose={close}
        send={({ studioId, personId, reason }) =>
          post(
            // a transfer's reason is required by its dialog, so it is never empty here
            call('POST /api/concerns/:id/transfer', {
              params,
              body: { studioId, personId, reason: reason ?? '' },
            }),
            'transfer',
          )
        }
      />
      {staff && (
        <>
          <RouteDialog
            mode="assign"
            open={open === 'assign'}
            concern={k}
            staff={staff}
            onClose={close}
            send={(target) => post(call('POST /api/concerns/:id/assign', { params, body: target }), 'assign')}
          />
          <ExtendDialog
            open={open === 'extend'}
            onClose={close}
            send={(v) => post(call('POST /api/concerns/:id/extend', { params, body: v }), 'extend')}
          />
          <DeadlineDialog
            open={open === 'deadline'}
            onClose={close}
            send={(v) => post(call('POST /api/concerns/:id/deadline', { params, body: v }), 'deadline')}
          />
          <TextDialog
            name="concern-service-deed"
            open={open === 'serviceDeed'}
            title={t('concerns.action.serviceDeed')}
            label={t('concerns.form.serviceDeedLabel')}
            hint={t('concerns.form.serviceDeedHint')}
            field="result"
            max={concernLimits.reply}
            onClose={close}
            send={(result) =>
              post(call('POST /api/concerns/:id/service-deed', { params, body: { result } }), 'serviceDeed')
            }
          />
        </>
      )}
    </>
  );
}
