import { useState } from 'react';
import { Button, Space } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

/** The citizen's phone, masked; the handler may show it in full (the server audits each look). */
export function ConcernPhone({
  concernId,
  masked,
  readOnly = false,
}: {
  concernId: string;
  masked: string | null;
  /** Followed, not handled: the full number is for the handler only, so no button. */
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [full, setFull] = useState<string | null>(null);
  const {
    busy,
    error,
    run: reveal,
  } = useSubmit(async () =>
    setFull((await call('GET /api/concerns/:id/phone', { params: { id: concernId } })).phone),
  );
  if (!masked) return <span>{t('concerns.noPhone')}</span>;
  if (readOnly) return <span>{masked}</span>;

  if (full)
    return (
      <span>
        <a href={`tel:${full}`}>{full}</a> <span className="lx-hint">{t('concerns.phoneShown')}</span>
      </span>
    );
  return (
    <Space wrap size={8}>
      <span>{masked}</span>
      <Button
        size="small"
        icon={<EyeOutlined />}
        loading={busy}
        onClick={() => void reveal()}
        title={t('concerns.showPhoneHint')}
      >
        {t('concerns.showPhone')}
      </Button>
      {error !== null && (
        <span role="alert" style={{ color: '#b3261e' }}>
          {errorText(error, lang)}
        </span>
      )}
    </Space>
  );
}
