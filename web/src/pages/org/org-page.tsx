import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Input, Row, Spin, Tree } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useAccount } from '../../console/session.tsx';
import { errorText, useLang } from '../../i18n/use-lang.ts';
import { CommitteeDetails } from './committee-details.tsx';
import { allKeys, buildTree, filterTree, useCommittees } from './committees.ts';

export function OrgPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const account = useAccount();
  const navigate = useNavigate();
  const params = useParams();
  const { items, error } = useCommittees();
  const [q, setQ] = useState('');
  const tree = useMemo(() => buildTree(items ?? []), [items]);
  const shown = useMemo(() => filterTree(tree, q.trim()), [tree, q]);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const selectedId = params.committeeId ?? account.committeeId;
  const selected = items?.find((c) => c.id === selectedId);

  // Expanded by default: the roots and the path down to the selected committee.
  const defaultExpanded = useMemo(() => {
    const keys = new Set(tree.map((n) => n.key));
    let c = selected;
    while (c?.parentId) {
      keys.add(c.parentId);
      c = items?.find((x) => x.id === c?.parentId);
    }
    return [...keys];
  }, [tree, selected, items]);
  const expandedKeys = q.trim() ? allKeys(shown) : (expanded ?? defaultExpanded);

  return (
    <>
      <h1 className="lx-page-title">{t('org.title')}</h1>
      {error !== null && (
        <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9} lg={7}>
          <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t('org.tree')}</h2>} className="lx-tree-card">
            <label className="lx-filter-label" htmlFor="org-tree-filter">
              {t('org.filterTree')}
            </label>
            <Input.Search id="org-tree-filter" allowClear value={q} onChange={(e) => setQ(e.target.value)} />
            <div style={{ marginTop: 12 }}>
              {!items && !error && <Spin />}
              {items && (
                <Tree
                  aria-label={t('org.tree')}
                  treeData={shown}
                  selectedKeys={selected ? [selected.id] : []}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  onSelect={(keys) => {
                    const k = keys[0];
                    if (k !== undefined) void navigate('/org/' + String(k));
                  }}
                  titleRender={(n) => (
                    <span>
                      {n.committee.name}
                      <span className="lx-count"> ({n.committee.memberCount})</span>
                    </span>
                  )}
                />
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={15} lg={17}>
          {selected ? (
            <CommitteeDetails committee={selected} />
          ) : (
            <Card>{items && <Empty description={t('org.selectHint')} />}</Card>
          )}
        </Col>
      </Row>
    </>
  );
}
