import { Button, Card, Space } from 'antd';
import { CalendarOutlined, FilePdfOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Studio } from '../../../../contracts/studios.ts';

// Plain links with `download`: office staff save and print these; no script in between, so
// the browser's own download (and "open with") works, and the server's filename is a fallback.
export function StudioDownloads({ studio }: { studio: Studio }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const dutyPrint = `/studios/${studio.id}/duty-print`;
  const base = `/api/studios/${studio.id}`;
  const files = [
    { key: 'qrPng', href: `${base}/qr.png`, name: `${studio.name}-二维码.png`, icon: <QrcodeOutlined /> },
    { key: 'qrSvg', href: `${base}/qr.svg`, name: `${studio.name}-二维码.svg`, icon: <QrcodeOutlined /> },
    { key: 'poster', href: `${base}/poster.pdf`, name: `${studio.name}-海报.pdf`, icon: <FilePdfOutlined /> },
    {
      key: 'calendar',
      href: `${base}/calendar.ics`,
      name: `${studio.name}-值班表.ics`,
      icon: <CalendarOutlined />,
    },
  ];
  return (
    <Card title={<h2 className="lx-section-title">{t('studios.downloads.title')}</h2>} size="small">
      <Space wrap>
        {files.map((f) => (
          <Button key={f.key} href={f.href} download={f.name} icon={f.icon}>
            {t(`studios.downloads.${f.key}`)}
          </Button>
        ))}
        {/* A page of the console (printed from the browser), not a file: opened in place. */}
        <Button
          href={dutyPrint}
          icon={<PrinterOutlined />}
          onClick={(e) => {
            e.preventDefault();
            void navigate(dutyPrint);
          }}
        >
          {t('print.dutyLink')}
        </Button>
      </Space>
      <p className="lx-hint" style={{ marginTop: 8 }}>
        {t('studios.downloads.hint')}
      </p>
    </Card>
  );
}
