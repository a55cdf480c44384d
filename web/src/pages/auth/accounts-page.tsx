import { chinaTime } from '../../../../contracts/china-time.ts';
import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Grid, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../contracts/auth.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { AccountForm } from './account-form.tsx';

const isLocked = (a: Account) => !!a.lockedUntil && new Date(a.lockedUntil).getTime() > Date.now();
const when = (s: string | null) => chinaTime(s, 'minute');

export function AccountsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useAccount();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const list = useLoad(() => call('GET /api/accounts'), []);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);

  async function act(request: () => Promise<unknown>, ok: string) {
    try {
      await request();
      void message.success(ok);
      list.reload();
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  }

  return (
    <>
      <h1 className="lx-page-title">{t('accounts.title')}</h1>
      <Card>
        <div className="lx-toolbar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('accounts.create')}
          </Button>
        </div>
        {list.error !== null && <Alert type="error" showIcon title={errorText(list.error, lang)} />}
        <Table<Account>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { key: 'username', title: t('accounts.username'), dataIndex: 'username' },
            { key: 'displayName', title: t('accounts.displayName'), dataIndex: 'displayName' },
            {
              key: 'role',
              title: t('accounts.role'),
              render: (_, a) =>
                a.departmentName
                  ? `${t(`app.role.${a.role}`)} · ${a.departmentName}`
                  : t(`app.role.${a.role}`),
            },
            { key: 'committee', title: t('accounts.committee'), dataIndex: 'committeeName' },
            {
              key: 'totp',
              title: t('accounts.requireTotp'),
              render: (_, a) =>
                (a.requireTotp ? t('common.yes') : t('common.no')) +
                (a.totpEnabled ? ` (${t('accounts.totpEnabled')})` : ''),
            },
            {
              key: 'state',
              title: t('accounts.state'),
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.disabled && <Tag color="default">{t('accounts.disabled')}</Tag>}
                  {isLocked(a) && <Tag color="red">{t('accounts.locked')}</Tag>}
                  {!a.disabled && !isLocked(a) && <Tag color="green">{t('accounts.normal')}</Tag>}
                </Space>
              ),
            },
            { key: 'lastLogin', title: t('accounts.lastLogin'), render: (_, a) => when(a.lastLoginAt) },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, a) => (
                <Space wrap size="small">
                  <Button
                    size="small"
                    onClick={() => setEditing(a)}
                    aria-label={`${t('common.edit')} ${a.username}`}
                  >
                    {t('common.edit')}
                  </Button>
                  {a.lockedUntil && (
                    <Button
                      size="small"
                      onClick={() =>
                        void act(
                          () => call('POST /api/accounts/:id/unlock', { params: { id: a.id } }),
                          t('accounts.unlocked'),
                        )
                      }
                    >
                      {t('accounts.unlock')}
                    </Button>
                  )}
                  {a.disabled ? (
                    <Button
                      size="small"
                      onClick={() =>
                        void act(
                          () =>
                            call('PATCH /api/accounts/:id', {
                              params: { id: a.id },
                              body: { disabled: false },
                            }),
                          t('app.saved'),
                        )
                      }
                    >
                      {t('accounts.enable')}
                    </Button>
                  ) : (
                    a.id !== me.id && (
                      <Popconfirm
                        title={t('accounts.confirmDisable', { name: a.username })}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() =>
                          act(
                            () =>
                              call('PATCH /api/accounts/:id', {
                                params: { id: a.id },
                                body: { disabled: true },
                              }),
                            t('app.saved'),
                          )
                        }
                      >
                        <Button size="small" danger>
                          {t('accounts.disable')}
                        </Button>
                      </Popconfirm>
                    )
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('accounts.create') : t('accounts.editTitle')}
        size={screens.md ? 560 : '100%'}
        destroyOnHidden
      >
        {editing !== null && (
          <AccountForm
            account={editing === 'new' ? undefined : editing}
            defaultCommitteeId={me.committeeId}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              void message.success(t('app.saved'));
              setEditing(null);
              list.reload();
            }}
          />
        )}
      </Drawer>
    </>
  );
}
