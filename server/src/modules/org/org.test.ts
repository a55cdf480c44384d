import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { provinceTree } from './division.ts';

test('the tree of Hebei follows GB/T 2260: province, 11 cities, their counties', () => {
  const nodes = provinceTree('13');
  assert.equal(nodes.filter((n) => n.level === 'province').length, 1);
  assert.equal(nodes.filter((n) => n.level === 'city').length, 11);
  const hs = nodes.filter((n) => n.parentCode === '131100').map((n) => n.committeeName);
  assert.ok(hs.includes('政协枣强县委员会'));
  assert.ok(hs.includes('政协衡水市桃城区委员会'));
  assert.ok(
    !hs.some((n) => n.includes('高新技术产业开发区')),
    'development zones have no CPPCC of their own',
  );
  assert.ok(nodes.every((n) => /^\d{6}$/.test(n.regionCode)));
});

eachBackend('organisation', (t) => {
  let s: Session;
  let city: string;
  before(async () => {
    await t().account({ username: 'staff', role: 'staff', region: '131100' });
    s = await t().login('staff');
    city = (await t().committee('131100')).id;
  });

  test('committees come as a tree rooted at the caller’s committee', async () => {
    const items = (await s.get('/api/committees')).json().items;
    assert.equal(items[0].name, '政协衡水市委员会');
    assert.equal(items[0].parentId, null);
    assert.ok(items.slice(1).every((c: { parentId: string }) => c.parentId === city));
    assert.ok(items[0].memberCount > 0);
  });

  test('sectors: the 34 national ones plus local ones; add, rename, retire', async () => {
    const list = (await s.get(`/api/sectors?committeeId=${city}`)).json().items;
    assert.equal(list.filter((x: { national: boolean }) => x.national).length, 34);
    const created = await s.send('POST', '/api/sectors', { committeeId: city, name: '特邀界' });
    assert.equal(created.statusCode, 200);
    assert.equal(created.json().national, false);
    const taken = await s.send('POST', '/api/sectors', { committeeId: city, name: '经济界' });
    assert.equal(taken.statusCode, 409);
    const renamed = await s.send('PATCH', `/api/sectors/${created.json().id}`, { name: '特别邀请界' });
    assert.equal(renamed.json().name, '特别邀请界');
    const retired = await s.send('PATCH', `/api/sectors/${created.json().id}`, { retired: true });
    assert.equal(retired.json().retired, true);
    const national = list.find((x: { name: string }) => x.name === '经济界');
    assert.equal((await s.send('PATCH', `/api/sectors/${national.id}`, { name: '改' })).statusCode, 404);
  });

  test('special committees and departments', async () => {
    const sc = (await s.get(`/api/special-committees?committeeId=${city}`)).json().items;
    assert.ok(sc.some((x: { name: string }) => x.name === '提案委员会'));
    const dep = await s.send('POST', '/api/departments', {
      committeeId: city,
      name: '衡水市数据和政务服务局',
      kind: 'government',
      contactName: '刘主任',
      contactPhone: '0318-1234567',
    });
    assert.equal(dep.statusCode, 200, dep.body);
    const edited = await s.send('PATCH', `/api/departments/${dep.json().id}`, {
      contactPhone: null,
      retired: true,
    });
    assert.equal(edited.json().contactPhone, null);
    assert.equal(edited.json().contactName, '刘主任');
    assert.equal(edited.json().retired, true);
    const list = (await s.get(`/api/departments?committeeId=${city}`)).json().items;
    assert.ok(list.length > 20);
  });

  test('migrations are applied once: running them again changes nothing', async () => {
    const { migrate } = await import('../../db/migrate.ts');
    assert.deepEqual(await migrate(t().deps.db), []);
  });
});
