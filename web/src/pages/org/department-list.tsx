import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../../contracts/org.ts';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { DepartmentForm } from './department-form.tsx';

export function DepartmentList({ committeeId, canEdit }: { committeeId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const list = useLoad(() => call('GET /api/departments', { query: { committeeId } }), [committeeId]);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);

  async function setRetired(d: Department, retired: boolean) {
    try {
      await call('PATCH /api/departments/:id', { params: { id: d.id }, body: { retired } });
      list.reload();
      void message.success(t('app.saved'));
    } catch (e) {
      void message.error(errorText(e, lang));
    }
  }

  return (
    <>
      {canEdit && (
        <div className="lx-toolbar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('org.addDepartment')}
          </Button>
        </div>
      )}
      {list.error !== null && <Alert type="error" showIcon title={errorText(list.error, lang)} />}
      <Table<Department>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('common.name'), dataIndex: 'name' },
          { key: 'kind', title: t('org.kind'), render: (_, d) => t(`org.departmentKind.${d.kind}`) },
          { key: 'contactName', title: t('org.contactName'), render: (_, d) => d.contactName ?? '' },
          { key: 'contactPhone', title: t('org.contactPhone'), render: (_, d) => d.contactPhone ?? '' },
          {
            key: 'status',
            title: t('common.status'),
            render: (_, d) =>
              d.retired ? <Tag>{t('common.retired')}</Tag> : <Tag color="green">{t('common.active')}</Tag>,
          },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, d: Department) => (
                    <Space wrap>
                      <Button size="small" onClick={() => setEditing(d)}>
                        {t('common.edit')}
                      </Button>
                      {d.retired ? (
                        <Button size="small" onClick={() => void setRetired(d, false)}>
                          {t('common.restore')}
                        </Button>
                      ) : (
                        <Popconfirm
                          title={t('common.confirmRetire', { name: d.name })}
                          okText={t('common.confirm')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => setRetired(d, true)}
                        >
                          <Button size="small" danger>
                            {t('common.retire')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <DepartmentForm
        committeeId={committeeId}
        department={editing}
        onClose={() => setEditing(null)}
        onSaved={list.reload}
      />
    </>
  );
}
