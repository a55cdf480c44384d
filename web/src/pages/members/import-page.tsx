import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Result, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { rosterColumns } from '../../../../contracts/members.ts';
import type { ImportProblem, ImportResult } from '../../../../contracts/members.ts';
import { ApiError, upload } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import { loadCommittees } from '../org/committees.ts';
import { ImportProblems } from './import-problems.tsx';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Outcome =
  | { kind: 'problems'; problems: ImportProblem[]; rows: number; error: ApiError }
  | { kind: 'preview'; result: ImportResult }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'error'; error: unknown };

export function ImportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const account = useAccount();
  const [committeeId, setCommitteeId] = useState<string | undefined>(account.committeeId);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function send(dryRun: boolean) {
    if (!file || !committeeId) return;
    setBusy(true);
    try {
      const result = await upload<ImportResult>('/members/import', await file.arrayBuffer(), xlsxType, {
        committeeId,
        dryRun: String(dryRun),
      });
      setOutcome({ kind: dryRun ? 'preview' : 'done', result });
      if (!dryRun) void loadCommittees(true);
    } catch (e) {
      const body =
        e instanceof ApiError ? (e.body as { problems?: ImportProblem[]; rows?: number } | null) : null;
      if (e instanceof ApiError && e.status === 422 && Array.isArray(body?.problems)) {
        setOutcome({ kind: 'problems', problems: body.problems, rows: body.rows ?? 0, error: e });
      } else setOutcome({ kind: 'error', error: e });
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setOutcome(null);
    setFile(null);
    setFileKey((k) => k + 1);
  }

  const counts = (r: ImportResult) => (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, md: 4 }}
      items={[
        { key: 'rows', label: t('import.rows'), children: r.rows },
        { key: 'created', label: t('import.createdCount'), children: r.created },
        { key: 'added', label: t('import.addedCount'), children: r.added },
        { key: 'updated', label: t('import.updatedCount'), children: r.updated },
      ]}
    />
  );

  return (
    <>
      <h1 className="lx-page-title">{t('import.title')}</h1>
      <Card>
        <Form layout="vertical" onFinish={() => void send(true)} style={{ maxWidth: 640 }}>
          <Form.Item label={t('import.committee')} htmlFor="import-committee" required>
            <CommitteeSelect
              id="import-committee"
              value={committeeId}
              onChange={(v) => {
                setCommitteeId(v);
                setOutcome(null);
              }}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item label={t('import.file')} htmlFor="import-file" required>
            <input
              key={fileKey}
              id="import-file"
              type="file"
              accept={`.xlsx,${xlsxType}`}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setOutcome(null);
              }}
              style={{ fontSize: 16, maxWidth: '100%' }}
            />
          </Form.Item>
          <p>
            {t('import.templateHint')}{' '}
            {rosterColumns.map((c) => c.header + (c.required ? '*' : '')).join('、')}
          </p>
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              loading={busy && outcome?.kind !== 'preview'}
              disabled={!file || !committeeId}
            >
              {t('import.check')}
            </Button>
            <Button icon={<DownloadOutlined />} href="/api/members/import-template.xlsx" download>
              {t('import.template')}
            </Button>
          </Space>
        </Form>
      </Card>
      {outcome && (
        <div style={{ marginTop: 16 }} aria-live="polite">
          {renderOutcome(outcome)}
        </div>
      )}
    </>
  );

  function renderOutcome(o: Outcome) {
    switch (o.kind) {
      case 'error':
        return <Alert type="error" showIcon role="alert" title={errorText(o.error, lang)} />;
      case 'problems':
        return (
          <Card>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('import.problemsTitle', { n: o.problems.length })}
              description={o.error.text(lang)}
              style={{ marginBottom: 16 }}
            />
            <ImportProblems problems={o.problems} />
          </Card>
        );
      case 'preview':
        return (
          <Card>
            <Alert type="success" showIcon title={t('import.previewTitle')} style={{ marginBottom: 16 }} />
            {counts(o.result)}
            {o.result.problems.length > 0 && <ImportProblems problems={o.result.problems} />}
            <Space style={{ marginTop: 16 }} wrap>
              <Button type="primary" size="large" loading={busy} onClick={() => void send(false)}>
                {t('import.confirm')}
              </Button>
              <Button onClick={restart}>{t('common.cancel')}</Button>
            </Space>
          </Card>
        );
      case 'done':
        return (
          <Card>
            <Result
              status="success"
              title={t('import.doneTitle')}
              extra={
                <Space wrap>
                  <Button type="primary" onClick={() => void navigate('/members')}>
                    {t('import.toGrid')}
                  </Button>
                  <Button onClick={restart}>{t('import.again')}</Button>
                </Space>
              }
            />
            {counts(o.result)}
          </Card>
        );
    }
  }
}
