import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Progress, Result, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { rosterColumns } from '../../../../contracts/members.ts';
import type { ImportFailure, ImportResult, ImportStatus } from '../../../../contracts/members.ts';
import { ApiError, call, upload } from '../../api.ts';
import { useAccount } from '../../console/session.tsx';
import { useSubmit } from '../../console/use-submit.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { CommitteeSelect } from '../org/committee-select.tsx';
import { loadCommittees } from '../org/committees.ts';
import { ImportProblems } from './import-problems.tsx';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Problems = Pick<ImportFailure, 'problems' | 'problemCount' | 'rows' | 'importId'>;
type Started = { importId: string; rows: number; dryRun: boolean };
type Outcome =
  | { kind: 'problems'; failure: Problems; message: string }
  | { kind: 'running'; started: Started; status: ImportStatus | null }
  | { kind: 'preview'; result: ImportResult }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'error'; error: unknown };

/** How often the page asks how a background import is getting on. */
const pollMs = 1000;

export function ImportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const account = useAccount();
  const [committeeId, setCommitteeId] = useState<string | undefined>(account.committeeId);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const polling = useRef(0);
  useEffect(() => () => void (polling.current += 1), []);

  /** Follows a big roster's background run until it ends, then shows what a direct answer shows. */
  async function follow(started: Started) {
    const mine = ++polling.current;
    for (;;) {
      await new Promise((r) => setTimeout(r, pollMs));
      if (polling.current !== mine) return;
      const status = await call('GET /api/members/imports/:id', { params: { id: started.importId } });
      if (polling.current !== mine) return;
      if (status.status === 'running') setOutcome({ kind: 'running', started, status });
      else return status;
    }
  }

  const importing = useSubmit(
    async (dryRun: boolean) => {
      if (!file || !committeeId) return;
      const answer = await upload<ImportResult | Started>(
        '/members/import',
        await file.arrayBuffer(),
        xlsxType,
        {
          committeeId,
          dryRun: String(dryRun),
        },
      );
      let result: ImportResult;
      if ('importId' in answer) {
        setOutcome({ kind: 'running', started: answer, status: null });
        const end = await follow(answer);
        if (!end) return;
        if (end.status === 'invalid') {
          const message = t('import.fixAndRetry');
          setOutcome({ kind: 'problems', failure: { ...end, importId: end.id }, message });
          return;
        }
        if (end.status === 'failed' || !end.result) {
          setOutcome({ kind: 'error', error: end.error?.messages[lang] ?? '' });
          return;
        }
        result = end.result;
      } else result = answer;
      setOutcome({ kind: dryRun ? 'preview' : 'done', result });
      if (!dryRun) void loadCommittees(true);
    },
    {
      // The import answers 422 with the first problems found in the file: the page lists them.
      onError: (e) => {
        const body = e instanceof ApiError ? (e.body as Partial<Problems> | null) : null;
        if (e instanceof ApiError && e.status === 422 && Array.isArray(body?.problems)) {
          const failure = {
            problems: body.problems,
            problemCount: body.problemCount ?? body.problems.length,
            rows: body.rows ?? 0,
            importId: body.importId ?? null,
          };
          setOutcome({ kind: 'problems', failure, message: e.text(lang) });
        } else setOutcome({ kind: 'error', error: e });
      },
    },
  );
  const { busy } = importing;
  const send = (dryRun: boolean) => importing.run(dryRun);

  function restart() {
    polling.current += 1;
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
        return (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={typeof o.error === 'string' ? o.error : errorText(o.error, lang)}
          />
        );
      case 'problems': {
        const f = o.failure;
        return (
          <Card>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('import.problemsTitle', { n: f.problemCount })}
              description={
                <>
                  {o.message}
                  {f.problemCount > f.problems.length && (
                    <div>{t('import.problemsShown', { shown: f.problems.length })}</div>
                  )}
                </>
              }
              style={{ marginBottom: 16 }}
            />
            {f.importId && (
              <Button
                icon={<DownloadOutlined />}
                href={`/api/members/imports/${f.importId}/bad-rows.xlsx`}
                download
                style={{ marginBottom: 16 }}
              >
                {t('import.badRows')}
              </Button>
            )}
            <ImportProblems problems={f.problems} />
          </Card>
        );
      }
      case 'running': {
        const st = o.status;
        const rows = o.started.rows;
        const writing = st?.phase === 'writing';
        const checked = st?.checked ?? 0;
        return (
          <Card>
            <Alert
              type="info"
              showIcon
              title={t('import.background', { rows })}
              style={{ marginBottom: 16 }}
            />
            <Progress
              percent={writing ? 99 : Math.min(98, Math.floor((checked / Math.max(rows, 1)) * 100))}
              status="active"
              aria-label={t('import.progress')}
            />
            <p>{writing ? t('import.writing', { rows }) : t('import.checkedRows', { checked, rows })}</p>
          </Card>
        );
      }
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
