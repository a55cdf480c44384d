import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Progress, Space } from 'antd';
import { DownloadOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ExportStatus } from '../../../../contracts/members.ts';
import { ApiError, call } from '../../api.ts';
import type { Query } from '../../api.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';

const pollMs = 500;

/**
 * The masked roster export, prepared on the server while the page shows how far it is (rows
 * written of rows), then a link to the file. A province's roster takes seconds: the button
 * says it is working and the bar moves, never a button that seems dead.
 */
export function ExportProgress({ query }: { query: Query }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const follow = (id: string) => {
    timer.current = setTimeout(() => {
      call('GET /api/members/exports/:id', { params: { id } }).then(
        (s) => {
          setStatus(s);
          if (s.status === 'running') follow(id);
          else setRunning(false);
        },
        (e: unknown) => {
          setRunning(false);
          setError(e instanceof ApiError ? e : new ApiError(0, null, null));
        },
      );
    }, pollMs);
  };

  async function start() {
    clearTimeout(timer.current);
    setError(null);
    setStatus(null);
    setRunning(true);
    try {
      const { exportId } = await call('POST /api/members/exports', { query });
      follow(exportId);
    } catch (e) {
      setRunning(false);
      setError(e instanceof ApiError ? e : new ApiError(0, null, null));
    }
  }

  const percent = status && status.rows > 0 ? Math.floor((status.written / status.rows) * 100) : 0;
  const phaseText =
    !status || status.phase === 'reading'
      ? t('members.exportProgress.reading')
      : status.phase === 'packing'
        ? t('members.exportProgress.packing', { rows: status.rows })
        : t('members.exportProgress.writing', { written: status.written, rows: status.rows });

  return (
    <>
      {/* Disabled, not antd's loading state: its faded label fails the contrast check. */}
      <Button
        icon={running ? <LoadingOutlined /> : <DownloadOutlined />}
        disabled={running}
        onClick={() => void start()}
      >
        {running ? t('members.exportProgress.preparing') : t('members.export')}
      </Button>
      {(running || status) && (
        <div className="lx-export-progress" aria-live="polite">
          {running && (
            <Space size="small" style={{ minWidth: 260 }}>
              <Progress
                percent={percent}
                size="small"
                status="active"
                style={{ width: 140, margin: 0 }}
                aria-label={t('members.exportProgress.label')}
              />
              <span>{phaseText}</span>
            </Space>
          )}
          {status?.status === 'done' && status.fileUrl && (
            <a href={status.fileUrl} download>
              <DownloadOutlined /> {t('members.exportProgress.download', { rows: status.rows })}
            </a>
          )}
          {status?.status === 'failed' && status.error && (
            <Alert type="error" showIcon title={status.error.messages[lang]} />
          )}
        </div>
      )}
      {error && <Alert type="error" showIcon title={errorText(error, lang)} />}
    </>
  );
}
