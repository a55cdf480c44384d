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
import { DepartmentDialog } from './concern-department-dialog.tsx';
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
  const staff = account.role === 'admin' || account.role === 'staff';
  const [open, setOpen] = useState<ConcernAction | null>(null);
  const params = { id: k.id };
  const post = async (request: Promise<unknown>, done: ConcernAction) => {
    await request;
    setOpen(null);
    void message.success(t(`concerns.done.${done}`));
    onDone();
  };
  const onError = (e: unknown) => void message.error(errorText(e, lang));
  const accept = useSubmit(() => post(call('POST /api/concerns/:id/accept', { params }), 'accept'), {
    onError,
  });
  const approve = useSubmit(
    () => post(call('POST /api/concerns/:id/approve-reply', { params }), 'approveReply'),
    { onError },
  );
  const takeBack = useSubmit(
    () => post(call('POST /api/concerns/:id/accept-return', { params }), 'acceptReturn'),
    { onError },
  );
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
        {actions.includes('approveReply') && (
          <Popconfirm
            title={t('concerns.form.approveConfirm')}
            okText={t('concerns.action.approveReply')}
            cancelText={t('common.cancel')}
            onConfirm={() => void approve.run()}
          >
            <Button type="primary" size="large" loading={approve.busy}>
              {t('concerns.action.approveReply')}
            </Button>
          </Popconfirm>
        )}
        {actions.includes('sendBackReply') && button('sendBackReply')}
        {actions.includes('reply') && button('reply', true)}
        {actions.includes('askInfo') && button('askInfo')}
        {actions.includes('askReturn') && button('askReturn')}
        {actions.includes('toDepartment') && button('toDepartment', k.status === 'return_requested')}
        {actions.includes('acceptReturn') && (
          <Popconfirm
            title={t('concerns.form.acceptReturnConfirm')}
            okText={t('concerns.action.acceptReturn')}
            cancelText={t('common.cancel')}
            onConfirm={() => void takeBack.run()}
          >
            <Button size="large" loading={takeBack.busy}>
              {t('concerns.action.acceptReturn')}
            </Button>
          </Popconfirm>
        )}
        {actions.includes('transfer') && button('transfer')}
        {actions.includes('escalate') && button('escalate')}
        {actions.includes('assign') && button('assign')}
        {actions.includes('extend') && button('extend')}
        {actions.includes('deadline') && button('deadline')}
        {actions.includes('serviceDeed') && button('serviceDeed')}
      </Space>
      <TextDialog
        name="concern-reply"
        templates
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
        name="concern-ask-return"
        open={open === 'askReturn'}
        title={t('concerns.action.askReturn')}
        label={t('concerns.form.returnReason')}
        hint={t('concerns.form.returnHint')}
        field="reason"
        max={limits.reason}
        onClose={close}
        send={(reason) =>
          post(call('POST /api/concerns/:id/ask-return', { params, body: { reason } }), 'askReturn')
        }
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
          <DepartmentDialog
            open={open === 'toDepartment'}
            committeeId={k.committeeId}
            onClose={close}
            send={(body) =>
              post(call('POST /api/concerns/:id/to-department', { params, body }), 'toDepartment')
            }
          />
          <TextDialog
            name="concern-send-back-reply"
            open={open === 'sendBackReply'}
            title={t('concerns.action.sendBackReply')}
            label={t('concerns.form.sendBackReason')}
            field="reason"
            max={limits.reason}
            onClose={close}
            send={(reason) =>
              post(
                call('POST /api/concerns/:id/send-back-reply', { params, body: { reason } }),
                'sendBackReply',
              )
            }
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
