import { useState } from 'react';
import { Alert, App, Button, Col, Popconfirm, Row, Select, Table, Tag } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Studio } from '../../../../contracts/studios.ts';
import { call } from '../../api.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { PersonPicker } from '../members/person-picker.tsx';

type Member = Studio['members'][number];
type Props = { studio: Studio; canEdit: boolean; onChange(s: Studio): void };

/** Who serves in the studio; members of any committee the caller reaches may join. */
export function StudioMembers({ studio, canEdit, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [personId, setPersonId] = useState<string | undefined>();
  const [role, setRole] = useState<Member['role']>('member');
  const { busy, error, setError, run } = useSubmit(async (fn: () => Promise<Studio>, done: string) => {
    onChange(await fn());
    void message.success(done);
  });

  const add = async () => {
    if (!personId) return setError(new Error(t('studios.members.pickFirst')));
    const ok = await run(
      () => call('POST /api/studios/:id/members', { params: { id: studio.id }, body: { personId, role } }),
      t('studios.members.added'),
    );
    if (ok) setPersonId(undefined);
  };
  const remove = (m: Member) =>
    void run(
      () =>
        call('DELETE /api/studios/:id/members/:personId', {
          params: { id: studio.id, personId: m.personId },
        }),
      t('studios.members.removed'),
    );

  return (
    <section aria-labelledby="studio-members-title">
      <h2 id="studio-members-title" className="lx-section-title">
        {t('studios.members.heading')}
      </h2>
      {canEdit && (
        <Row gutter={[12, 8]} align="bottom" style={{ marginBottom: 12 }}>
          <Col xs={24} md={12}>
            <label className="lx-filter-label" htmlFor="studio-member-person">
              {t('studios.members.person')}
            </label>
            <PersonPicker
              id="studio-member-person"
              value={personId}
              onChange={setPersonId}
              placeholder={t('studios.members.searchPlaceholder')}
            />
            <p className="lx-hint" style={{ margin: '4px 0 0' }}>
              {t('studios.members.personHint')}
            </p>
          </Col>
          <Col xs={12} md={5}>
            <label className="lx-filter-label" htmlFor="studio-member-role">
              {t('studios.members.role')}
            </label>
            <Select
              id="studio-member-role"
              value={role}
              onChange={setRole}
              style={{ width: '100%' }}
              options={(['member', 'convenor'] as const).map((r) => ({
                value: r,
                label: t(`studios.members.roleValue.${r}`),
              }))}
            />
          </Col>
          <Col xs={12} md={7}>
            <Button type="primary" icon={<UserAddOutlined />} loading={busy} onClick={() => void add()}>
              {t('studios.members.add')}
            </Button>
          </Col>
        </Row>
      )}
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(error, lang)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<Member>
        rowKey="personId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={studio.members}
        locale={{ emptyText: t('studios.members.empty') }}
        columns={[
          { key: 'name', title: t('members.name'), dataIndex: 'name' },
          {
            key: 'role',
            title: t('studios.members.role'),
            render: (_, m) =>
              m.role === 'convenor' ? (
                <Tag color="blue">{t('studios.members.roleValue.convenor')}</Tag>
              ) : (
                t('studios.members.roleValue.member')
              ),
          },
          {
            key: 'committee',
            title: t('studios.members.memberCommittee'),
            render: (_, m) => m.committeeName ?? '',
          },
          { key: 'sector', title: t('members.sector'), render: (_, m) => m.sectorName ?? '' },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, m: Member) => (
                    <Popconfirm
                      title={t('studios.members.confirmRemove', { name: m.name })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(m)}
                    >
                      <Button size="small" danger aria-label={`${t('studios.members.remove')} ${m.name}`}>
                        {t('studios.members.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}
