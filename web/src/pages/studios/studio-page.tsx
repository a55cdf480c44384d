import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Spin, Tabs } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Studio } from '../../../../contracts/studios.ts';
import { call } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { StudioApproval } from './studio-approval.tsx';
import { StudioDownloads } from './studio-downloads.tsx';
import { StudioDuty } from './studio-duty.tsx';
import { StudioFormDrawer } from './studio-form.tsx';
import { StudioMembers } from './studio-members.tsx';
import { StudioStandards } from './studio-standards.tsx';

/** One studio: approval, print files, details, members, standards checklist, duty roster. */
export function StudioPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const account = useAccount();
  const canEdit = account.role !== 'member';
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('info');
  // Every write answers with the whole studio, so children hand it back instead of reloading.
  const [fresh, setFresh] = useState<Studio | null>(null);
  const loaded = useLoad(() => call('GET /api/studios/:id', { params: { id } }), [id]);
  const studio = fresh?.id === id ? fresh : loaded.data;

  if (loaded.error !== null && !studio)
    return <Alert type="error" showIcon title={errorText(loaded.error, lang)} />;
  if (!studio) return <Spin />;

  const details = [
    { key: 'kind', label: t('studios.kind'), children: t(`studios.kindValue.${studio.kind}`) },
    { key: 'committee', label: t('studios.committee'), children: studio.committeeName },
    ...(studio.kind === 'sector'
      ? [{ key: 'sector', label: t('studios.sector'), children: studio.sectorName ?? '' }]
      : []),
    { key: 'lead', label: t('studios.lead'), children: studio.leadName ?? '' },
    { key: 'address', label: t('studios.address'), children: studio.address ?? '' },
    {
      key: 'point',
      label: t('studios.mapPoint'),
      children: studio.lat !== null && studio.lng !== null ? `${studio.lat}, ${studio.lng}` : '',
    },
    { key: 'hours', label: t('studios.openingHours'), children: studio.openingHours ?? '' },
    { key: 'hotline', label: t('studios.hotline'), children: studio.hotline ?? '' },
    { key: 'intro', label: t('studios.intro'), children: <p className="lx-pre">{studio.intro ?? ''}</p> },
    {
      key: 'services',
      label: t('studios.services'),
      children: <p className="lx-pre">{studio.services ?? ''}</p>,
    },
    { key: 'url', label: t('studios.publicUrl'), children: studio.publicUrl },
  ];

  return (
    <>
      <Link to="/studios" className="lx-back">
        <ArrowLeftOutlined /> {t('studios.backToList')}
      </Link>
      <h1 className="lx-page-title">{studio.name}</h1>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <StudioApproval studio={studio} canAct={canEdit} onChange={setFresh} />
        <StudioDownloads studio={studio} />
        <Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'info',
                label: t('studios.tabs.info'),
                children: (
                  <>
                    {canEdit && (
                      <div className="lx-toolbar">
                        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                          {t('studios.edit')}
                        </Button>
                      </div>
                    )}
                    <Descriptions bordered size="small" column={1} items={details} />
                  </>
                ),
              },
              {
                key: 'members',
                label: t('studios.tabs.members'),
                children: <StudioMembers studio={studio} canEdit={canEdit} onChange={setFresh} />,
              },
              {
                key: 'standards',
                label: t('studios.tabs.standards'),
                children: <StudioStandards studio={studio} canEdit={canEdit} onChange={setFresh} />,
              },
              {
                key: 'duty',
                label: t('studios.tabs.duty'),
                children: <StudioDuty key={studio.id} studio={studio} canEdit={canEdit} />,
              },
            ]}
          />
        </Card>
      </Space>
      <StudioFormDrawer
        open={editing}
        studio={studio}
        defaultCommitteeId={studio.committeeId}
        onClose={() => setEditing(false)}
        onSaved={(s) => {
          setEditing(false);
          setFresh(s);
        }}
      />
    </>
  );
}
