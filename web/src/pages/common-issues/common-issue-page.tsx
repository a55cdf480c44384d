import { Alert, Card, Col, Descriptions, Row, Space, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { shortTime } from '../concerns/concern-rules.ts';
import { IssueActions } from './issue-actions.tsx';
import { IssueEvidence } from './issue-evidence.tsx';
import { IssueStatusTag, KeyTerms } from './issue-tags.tsx';
import { IssueTitle } from './issue-title.tsx';
import { PlaceCounts, TrendChart } from './issue-trend.tsx';
import './common-issues.css';

/**
 * One common issue with the evidence a person needs to trust or correct it: the typical
 * texts, the trend, where it comes from, every concern; and the staff's decisions on it.
 */
export function CommonIssuePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const detail = useLoad(() => call('GET /api/common-issues/:id', { params: { id } }), [id]);
  const issue = detail.data?.id === id ? detail.data : undefined;

  return (
    <>
      <Link to="/common-issues" className="lx-back">
        <ArrowLeftOutlined /> {t('commonIssues.backToList')}
      </Link>
      <div className="lx-ci-head">
        {issue ? (
          <IssueTitle issue={issue} onChanged={detail.reload} />
        ) : (
          <h1 className="lx-page-title">{t('commonIssues.issue')}</h1>
        )}
        {issue && <IssueStatusTag status={issue.status} />}
      </div>
      {detail.error !== null && <Alert type="error" showIcon title={errorText(detail.error, lang)} />}
      {!issue && detail.loading && <Spin />}
      {issue && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <section aria-label={t('commonIssues.actions')}>
            <IssueActions issue={issue} onChanged={detail.reload} />
          </section>
          <Card title={<h2 className="lx-ci-card-title">{t('commonIssues.summary')}</h2>}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                {
                  key: 'terms',
                  label: t('commonIssues.keyTerms'),
                  children: <KeyTerms terms={issue.keyTerms} />,
                },
                { key: 'committee', label: t('commonIssues.committee'), children: issue.committeeName },
                {
                  key: 'count',
                  label: t('commonIssues.concernCount'),
                  children: t('commonIssues.countValue', { n: issue.concernCount }),
                },
                {
                  key: 'studios',
                  label: t('commonIssues.studioCount'),
                  children: t('commonIssues.studiosValue', { n: issue.studioCount }),
                },
                { key: 'created', label: t('commonIssues.createdAt'), children: shortTime(issue.createdAt) },
                { key: 'last', label: t('commonIssues.lastAt'), children: shortTime(issue.lastAt) },
              ]}
            />
          </Card>
          {issue.representatives.length > 0 && (
            <Card title={<h2 className="lx-ci-card-title">{t('commonIssues.representatives')}</h2>}>
              <p className="lx-hint">{t('commonIssues.representativesHint')}</p>
              <ul className="lx-ci-reps">
                {issue.representatives.map((r) => (
                  <li key={r.id}>
                    <blockquote>{r.excerpt}</blockquote>
                    <span className="lx-hint">
                      <Link to={`/concerns/${r.id}`}>{r.trackingCode}</Link> · {r.place ?? r.studioName ?? ''}{' '}
                      · {shortTime(r.submittedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card
                title={<h2 className="lx-ci-card-title">{t('commonIssues.trend')}</h2>}
                style={{ height: '100%' }}
              >
                <TrendChart byDay={issue.byDay} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card
                title={<h2 className="lx-ci-card-title">{t('commonIssues.byPlace')}</h2>}
                style={{ height: '100%' }}
              >
                <PlaceCounts byPlace={issue.byPlace} />
              </Card>
            </Col>
          </Row>
          <Card
            title={
              <h2 className="lx-ci-card-title">{t('commonIssues.evidence', { n: issue.concerns.length })}</h2>
            }
          >
            <IssueEvidence issue={issue} onChanged={detail.reload} />
          </Card>
        </Space>
      )}
    </>
  );
}
