import { useState } from 'react';
import { App, Button, Dropdown, Popconfirm, Space } from 'antd';
import { DownOutlined } from '@ant-design/icons';
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
import { EscalateDialog } from './concern-handover-due.tsx';
import { RouteDialog } from './concern-route-dialog.tsx';
import type { ConcernEntry as Entry } from './concern-rules.ts';
import { allowedActions, groupActions } from './concern-rules.ts';

type Props = { concern: ConcernDetail; onDone(): void };

/**
 * What a handler may do now: the next step as the one main button, the rest in a 更多 menu,
 * each opening the dialog its request needs. A concern the reader only follows has none.
 */
export function ConcernActions({ concern: k, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const account = useAccount();
  const staff = account.role === 'admin' || account.role === 'staff';
  const [open, setOpen] = useState<Entry | null>(null);
  const params = { id: k.id };
  const post = async (request: Promise<unknown>, done: Entry) => {
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
  const allowed = k.access === 'follow' ? [] : allowedActions(k, account);
  const { primary, more } = groupActions(allowed, staff);
  if (!primary && more.length === 0) return null;

  const close = () => setOpen(null);
  // Steps that need only a yes: a pop-up confirmation on the main button, a dialog from the menu.
  const confirmed: Partial<Record<Entry, { title: string; run(): Promise<unknown>; busy: boolean }>> = {
    accept: { title: t('concerns.form.acceptConfirm'), run: accept.run, busy: accept.busy },
    approveReply: { title: t('concerns.form.approveConfirm'), run: approve.run, busy: approve.busy },
    acceptReturn: {
      title: t('concerns.form.acceptReturnConfirm'),
      run: takeBack.run,
      busy: takeBack.busy,
    },
  };
  const choose = (a: Entry) => {
    const c = confirmed[a];
    if (!c) return setOpen(a);
    void modal.confirm({
      title: c.title,
      okText: t(`concerns.action.${a}`),
      cancelText: t('common.cancel'),
      onOk: () => void c.run(),
    });
  };
  const main = (a: Entry) => {
    const c = confirmed[a];
    if (!c)
      return (
        <Button type="primary" size="large" onClick={() => setOpen(a)}>
          {t(`concerns.action.${a}`)}
        </Button>
      );
    return (
      <Popconfirm
        title={c.title}
        okText={t(`concerns.action.${a}`)}
        cancelText={t('common.cancel')}
        onConfirm={() => void c.run()}
      >
        <Button type="primary" size="large" loading={c.busy}>
          {t(`concerns.action.${a}`)}
        </Button>
      </Popconfirm>
    );
  };

  return (
    <>
      <Space wrap>
        {primary && main(primary)}
        {more.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: more.map((a) => ({ key: a, label: t(`concerns.action.${a}`) })),
              onClick: ({ key }) => choose(key as Entry),
            }}
          >
            <Button size="large" aria-label={t('concerns.moreLabel')}>
              {t('concerns.more')} <DownOutlined aria-hidden />
            </Button>
          </Dropdown>
        )}
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
      <EscalateDialog
        open={open === 'escalate'}
        staff={staff}
        onClose={close}
        send={(body) => post(call('POST /api/concerns/:id/escalate', { params, body }), 'escalate')}
      />
      <TextDialog
        name="concern-to-staff"
        open={open === 'toStaff'}
        title={t('concerns.action.toStaff')}
        label={t('concerns.form.toStaffLabel')}
        hint={t('concerns.form.toStaffHint')}
        field="reason"
        max={limits.reason}
        onClose={close}
        send={(reason) =>
          post(call('POST /api/concerns/:id/transfer', { params, body: { reason } }), 'toStaff')
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
