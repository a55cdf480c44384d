import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Sector, SpecialCommittee } from '../../../../contracts/org.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { NameModal } from './name-modal.tsx';

type Kind = 'sectors' | 'special-committees';
type Item = (Sector | SpecialCommittee) & { national?: boolean };

/** Sectors or special committees of one committee: list, add, rename, retire / restore. */
export function NamedList({
  kind,
  committeeId,
  canEdit,
}: {
  kind: Kind;
  committeeId: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const list = useLoad(
    (): Promise<{ items: Item[] }> =>
      kind === 'sectors'
        ? call('GET /api/sectors', { query: { committeeId } })
        : call('GET /api/special-committees', { query: { committeeId } }),
    [kind, committeeId],
  );
  const [editing, setEditing] = useState<Item | 'new' | null>(null);

  const ownedHere = (it: Item) => canEdit && it.committeeId === committeeId;

  const save = (id: string, body: { name?: string; retired?: boolean }) =>
    kind === 'sectors'
      ? call('PATCH /api/sectors/:id', { params: { id }, body })
      : call('PATCH /api/special-committees/:id', { params: { id }, body });
  async function patch(it: Item, body: { name?: string; retired?: boolean }) {
    await save(it.id, body);
    list.reload();
  }
  async function act(fn: () => Promise<void>) {
    try {
      await fn();
      void message.success(t('app.saved'));
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  }

  const addLabel = kind === 'sectors' ? t('org.addSector') : t('org.addSpecialCommittee');
  return (
    <>
      {canEdit && (
        <div className="lx-toolbar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {addLabel}
          </Button>
        </div>
      )}
      {list.error !== null && <Alert type="error" showIcon title={errorText(list.error, lang)} />}
      <Table<Item>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('common.name'), dataIndex: 'name' },
          ...(kind === 'sectors'
            ? [
                {
                  key: 'scope',
                  title: t('org.scope'),
                  render: (_: unknown, it: Item) =>
                    it.national ? (
                      <Tag color="blue">{t('common.national')}</Tag>
                    ) : (
                      <Tag>{t('common.local')}</Tag>
                    ),
                },
              ]
            : []),
          {
            key: 'memberCount',
            title: t('org.memberCount'),
            dataIndex: 'memberCount',
            align: 'right' as const,
          },
          {
            key: 'status',
            title: t('common.status'),
            render: (_: unknown, it: Item) =>
              it.retired ? (
                <Tag color="default">{t('common.retired')}</Tag>
              ) : (
                <Tag color="green">{t('common.active')}</Tag>
              ),
          },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, it: Item) =>
                    ownedHere(it) ? (
                      <Space wrap>
                        <Button size="small" onClick={() => setEditing(it)}>
                          {t('common.rename')}
                        </Button>
                        {it.retired ? (
                          <Button size="small" onClick={() => void act(() => patch(it, { retired: false }))}>
                            {t('common.restore')}
                          </Button>
                        ) : (
                          <Popconfirm
                            title={t('common.confirmRetire', { name: it.name })}
                            okText={t('common.confirm')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => act(() => patch(it, { retired: true }))}
                          >
                            <Button size="small" danger>
                              {t('common.retire')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <NameModal
        open={editing !== null}
        title={editing === 'new' ? addLabel : t('org.renameTitle')}
        initial={editing && editing !== 'new' ? editing.name : ''}
        onClose={() => setEditing(null)}
        onSubmit={async (name) => {
          const body = { committeeId, name };
          if (editing === 'new' && kind === 'sectors') await call('POST /api/sectors', { body });
          else if (editing === 'new') await call('POST /api/special-committees', { body });
          else if (editing) await save(editing.id, { name });
          list.reload();
          void message.success(t('app.saved'));
        }}
      />
    </>
  );
}
