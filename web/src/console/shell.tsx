import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Drawer, Grid, Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  HomeOutlined,
  InboxOutlined,
  MessageOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  SettingOutlined,
  TeamOutlined,
  TranslationOutlined,
  UploadOutlined,
  UserSwitchOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { changeLang } from '../i18n/index.ts';
import { useLang } from '../i18n/use-lang.ts';
import { HeaderSearch } from '../pages/search/header-search.tsx';
import { NoticeBell } from './notice-bell.tsx';
import { useSession } from './session.tsx';

const { Header, Sider, Content } = Layout;

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session, logout } = useSession();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const account = session?.account;
  const isAdmin = account?.role === 'admin';

  const department = account?.role === 'department';
  const staff = account?.role === 'admin' || account?.role === 'staff';
  const items: MenuProps['items'] = department
    ? [
        { key: '/inbox', icon: <InboxOutlined />, label: t('nav.departmentInbox') },
        { key: '/outcomes', icon: <CommentOutlined />, label: t('nav.outcomes') },
        { key: '/password', icon: <KeyOutlined />, label: t('app.changePassword') },
      ]
    : [
        { key: '/workbench', icon: <DashboardOutlined />, label: t('nav.workbench') },
        { key: '/org', icon: <ApartmentOutlined />, label: t('nav.org') },
        // The roster is the staff's (members.read): a member's menu shows only what it may open.
        ...(staff
          ? [
              { key: '/members', icon: <TeamOutlined />, label: t('nav.members') },
              { key: '/members/import', icon: <UploadOutlined />, label: t('nav.import') },
            ]
          : []),
        ...(account?.role === 'member'
          ? [{ key: '/inbox', icon: <InboxOutlined />, label: t('nav.inbox') }]
          : [
              { key: '/studios', icon: <HomeOutlined />, label: t('nav.studios') },
              { key: '/concerns', icon: <MessageOutlined />, label: t('nav.concerns') },
              { key: '/common-issues', icon: <ClusterOutlined />, label: t('nav.commonIssues') },
            ]),
        { key: '/consultations', icon: <CommentOutlined />, label: t('nav.consultations') },
        ...(staff
          ? [
              { key: '/settings', icon: <SettingOutlined />, label: t('nav.settings') },
              { key: '/failed-work', icon: <WarningOutlined />, label: t('nav.failedWork') },
            ]
          : []),
        ...(isAdmin
          ? [
              { key: '/accounts', icon: <UserSwitchOutlined />, label: t('nav.accounts') },
              { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
            ]
          : []),
        { key: '/password', icon: <KeyOutlined />, label: t('app.changePassword') },
      ];
  const keys = items.map((i) => String(i?.key));
  const selected = keys.filter((k) => location.pathname === k || location.pathname.startsWith(k + '/'));
  const current = selected.sort((a, b) => b.length - a.length).slice(0, 1);

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={current}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="lx-header">
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('app.openMenu')}
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
            style={{ color: '#fff' }}
          >
            {t('app.menu')}
          </Button>
        )}
        <p className="lx-brand">
          {t('app.name')}
          <small>{t('app.title')}</small>
        </p>
        <span className="lx-spacer" />
        {account && !phone && !department && <HeaderSearch />}
        {account && <NoticeBell />}
        {account && (
          <span className="lx-user">
            {account.displayName} · {account.departmentName ?? t(`app.role.${account.role}`)} ·{' '}
            {account.committeeName}
          </span>
        )}
        <Button
          icon={<TranslationOutlined />}
          lang={lang === 'en' ? 'zh-CN' : 'en'}
          onClick={() => void changeLang(lang === 'en' ? 'zh-CN' : 'en')}
        >
          {lang === 'en' ? '中文' : 'English'}
        </Button>
        {!phone && (
          <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t('app.logout')}
          </Button>
        )}
      </Header>
      <Layout>
        {!phone && (
          <Sider width={220} theme="light" aria-label={t('app.menu')}>
            <nav aria-label={t('app.menu')}>{menu}</nav>
          </Sider>
        )}
        {phone && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.menu')}
            size={280}
            styles={{ body: { padding: 0 } }}
          >
            {account && !department && (
              <div style={{ padding: '12px 16px' }}>
                <HeaderSearch />
              </div>
            )}
            <nav aria-label={t('app.menu')}>{menu}</nav>
            {account && (
              <p style={{ padding: '0 24px' }}>
                {account.displayName} · {t(`app.role.${account.role}`)}
                <br />
                {account.committeeName}
              </p>
            )}
            <div style={{ padding: '0 24px 24px' }}>
              <Button icon={<LogoutOutlined />} block onClick={() => void logout()}>
                {t('app.logout')}
              </Button>
            </div>
          </Drawer>
        )}
        <Content className="lx-content">{children}</Content>
      </Layout>
    </Layout>
  );
}
