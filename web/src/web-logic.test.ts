// Unit tests of the console's pure helpers: run with `node --test web/src/web-logic.test.ts`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Committee } from '../../contracts/org.ts';
import { formFieldPath, queryString } from './api.ts';
import { en } from './i18n/en.ts';
import { zhCN } from './i18n/zh-CN.ts';
import { allKeys, buildTree, filterTree } from './pages/org/committees.ts';

const c = (
  id: string,
  parentId: string | null,
  level: Committee['level'],
  regionCode: string,
  name: string,
): Committee => ({
  id,
  parentId,
  level,
  regionCode,
  name,
  regionName: name.replace(/^政协|委员会$/g, ''),
  separateDuties: true,
  replyReview: false,
  memberCount: 0,
});

const flat = [
  c('zq', 'hs', 'county', '131121', '政协枣强县委员会'),
  c('hs', 'hb', 'city', '131100', '政协衡水市委员会'),
  c('sjz', 'hb', 'city', '130100', '政协石家庄市委员会'),
  c('hb', null, 'province', '130000', '政协河北省委员会'),
  c('orphan', 'not-visible', 'county', '130102', '政协长安区委员会'),
];

test('buildTree nests by parentId, orders by level then region code, roots what has no visible parent', () => {
  const tree = buildTree(flat);
  assert.deepEqual(
    tree.map((n) => n.key),
    ['hb', 'orphan'],
  );
  assert.deepEqual(
    tree[0]!.children.map((n) => n.key),
    ['sjz', 'hs'],
  );
  assert.deepEqual(
    tree[0]!.children[1]!.children.map((n) => n.key),
    ['zq'],
  );
});

test('filterTree keeps matches with their ancestors', () => {
  const shown = filterTree(buildTree(flat), '枣强');
  assert.deepEqual(allKeys(shown), ['hb', 'hs', 'zq']);
  assert.deepEqual(allKeys(filterTree(buildTree(flat), '')), allKeys(buildTree(flat)));
});

test('server field paths map to form names', () => {
  assert.deepEqual(formFieldPath('body.name'), ['name']);
  assert.deepEqual(formFieldPath('body.items.0.name'), ['items', 0, 'name']);
  assert.deepEqual(formFieldPath('query.q'), ['q']);
});

test('queryString drops empty values and encodes the rest', () => {
  assert.equal(queryString({ a: 'x y', b: undefined, c: '', d: null, e: 2, f: false }), '?a=x+y&e=2&f=false');
  assert.equal(queryString({}), '');
});

test('both catalogues have the same keys', () => {
  const keys = (o: object, p = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [p + k] : keys(v as object, p + k + '.')));
  assert.deepEqual(keys(en).sort(), keys(zhCN).sort());
});
