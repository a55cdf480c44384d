import { Alert, App, Button, Drawer, Grid, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberDetail } from '../../../../contracts/members.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { loadCommittees } from '../org/committees.ts';
import { MemberDetailView } from './member-detail-view.tsx';
import { MemberForm } from './member-form.tsx';

export type DrawerState =
  { mode: 'view'; id: string } | { mode: 'edit'; id: string } | { mode: 'create' } | null;

type Props = {
  state: DrawerState;
  defaultCommitteeId: string;
  onClose(): void;
  onChange(s: DrawerState): void;
  onSaved(): void;
};

export function MemberDrawer({ state, defaultCommitteeId, onClose, onChange, onSaved }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const account = useAccount();
  const screens = Grid.useBreakpoint();
  const id = state && state.mode !== 'create' ? state.id : null;
  const detail = useLoad(
    () => (id ? call('GET /api/members/:id', { params: { id } }) : Promise.resolve(undefined)),
    [id],
  );

  const title =
    state?.mode === 'create'
      ? t('members.add')
      : state?.mode === 'edit'
        ? t('members.edit')
        : t('members.detail');

  const saved = (d: MemberDetail) => {
    void message.success(t('members.created'));
    onSaved();
    void loadCommittees(true); // member counts in the tree
    onChange({ mode: 'view', id: d.id });
    if (d.id === id) detail.reload();
  };

  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={title}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      extra={
        state?.mode === 'view' &&
        account.role !== 'member' && (
          <Button type="primary" onClick={() => onChange({ mode: 'edit', id: state.id })}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      {state?.mode === 'create' && (
        <MemberForm defaultCommitteeId={defaultCommitteeId} onSaved={saved} onCancel={onClose} />
      )}
      {id && detail.loading && !detail.data && <Spin />}
      {id && detail.error !== null && <Alert type="error" showIcon title={errorText(detail.error, lang)} />}
      {state?.mode === 'view' && detail.data && detail.data.id === id && (
        <MemberDetailView detail={detail.data} />
      )}
      {state?.mode === 'edit' && detail.data && detail.data.id === id && (
        <MemberForm
          detail={detail.data}
          defaultCommitteeId={defaultCommitteeId}
          onSaved={saved}
          onCancel={() => onChange({ mode: 'view', id: state.id })}
        />
      )}
    </Drawer>
  );
}
