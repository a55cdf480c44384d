import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Session } from '../../test-support/app.ts';
import { eachBackend } from '../../test-support/suite.ts';

eachBackend('members', (t) => {
  let s: Session;
  let county: string;
  let city: string;
  let education: string;
  before(async () => {
    await t().account({ username: 'staff', role: 'staff', region: '131100' });
    s = await t().login('staff');
    county = (await t().committee('131121')).id;
    city = (await t().committee('131100')).id;
    education = (await s.get(`/api/sectors?committeeId=${county}`))
      .json()
      .items.find((x: { name: string }) => x.name === '教育界').id;
  });

  test('add, edit and retire a member; the phone is stored encrypted and shown masked', async () => {
    const created = await s.send('POST', '/api/members', {
      name: '张丽霜',
      gender: 'female',
      committeeId: county,
      sectorId: education,
      workUnitPost: '枣强县实验小学校长',
      phone: '13712345678',
      birthMonth: '1976-03',
      position: 'standing',
    });
    assert.equal(created.statusCode, 200, created.body);
    const m = created.json();
    assert.equal(m.person.phoneMasked, '137****5678');
    assert.equal(m.membership.sectorName, '教育界');
    const stored = (
      await t().deps.db.query<{ phone_enc: string }>('select phone_enc from persons where id = $1', [
        m.person.id,
      ])
    )[0]!;
    assert.ok(!stored.phone_enc.includes('13712345678'));
    assert.equal(t().deps.sealer.open(stored.phone_enc), '13712345678');

    const edited = await s.send('PATCH', `/api/members/${m.id}`, {
      workUnitPost: '枣强县实验小学党支部书记、校长',
      party: '中国民主促进会',
    });
    assert.equal(edited.statusCode, 200);
    assert.equal(edited.json().membership.workUnitPost, '枣强县实验小学党支部书记、校长');
    // 政治面貌 and 民族 by the national code lists: the full name and a short spelling become
    // the list's names; a value in no list is refused, naming the field.
    assert.equal(edited.json().person.party, '民进会员');
    const han = await s.send('PATCH', `/api/members/${m.id}`, { ethnicity: '回', party: '无党派' });
    assert.equal(han.statusCode, 200, han.body);
    assert.equal(han.json().person.ethnicity, '回族');
    assert.equal(han.json().person.party, '无党派人士');
    const odd = await s.send('PATCH', `/api/members/${m.id}`, { party: '自由职业' });
    assert.equal(odd.statusCode, 400);
    assert.equal(odd.json().error.fields[0].field, 'body.party');
    assert.match(odd.json().error.fields[0].message, /政治面貌：不在国家标准代码表中/);

    const retired = await s.send('POST', `/api/members/${m.id}/retire`, {
      retiredOn: '2026-11-20',
      reason: '届满',
    });
    assert.equal(retired.json().membership.status, 'retired');
    const again = await s.send('POST', `/api/members/${m.id}/retire`, { retiredOn: '2026-11-21' });
    assert.equal(again.statusCode, 409);
    const active = (await s.get(`/api/members?committeeId=${county}&q=张丽霜`)).json();
    assert.equal(active.total, 0);
    const all = (await s.get(`/api/members?committeeId=${county}&q=张丽霜&status=all`)).json();
    assert.equal(all.total, 1);
  });

  test('one person sits on committees of two levels', async () => {
    const first = (
      await s.send('POST', '/api/members', {
        name: '李建国',
        gender: 'male',
        committeeId: county,
        workUnitPost: '枣强县农业农村局局长',
        phone: '13700000001',
      })
    ).json();
    const second = await s.send('POST', '/api/members', {
      personId: first.person.id,
      committeeId: city,
      workUnitPost: '枣强县农业农村局局长',
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(second.json().person.id, first.person.id);
    assert.equal(second.json().otherMemberships.length, 1);
    const dup = await s.send('POST', '/api/members', {
      personId: first.person.id,
      committeeId: city,
      workUnitPost: 'x',
    });
    assert.equal(dup.statusCode, 409);
    // The same phone under another name is another person's: refused.
    const clash = await s.send('POST', '/api/members', {
      name: '王五',
      gender: 'male',
      committeeId: county,
      workUnitPost: 'x',
      phone: '13700000001',
    });
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json().error.code, 'members.phone_other_person');
  });

  test('grid: search by name, pinyin initials and work unit; filters; sort; paging', async () => {
    await s.send('POST', '/api/members', {
      name: '钟晓峰',
      gender: 'male',
      committeeId: county,
      sectorId: education,
      workUnitPost: '枣强县第九中学教师',
    });
    const byInitials = (await s.get(`/api/members?committeeId=${county}&q=zxf`)).json();
    assert.ok(byInitials.items.some((m: { name: string }) => m.name === '钟晓峰'));
    const byUnit = (await s.get(`/api/members?committeeId=${county}&q=第九中学`)).json();
    assert.deepEqual(
      byUnit.items.map((m: { name: string }) => m.name),
      ['钟晓峰'],
    );
    const bySector = (
      await s.get(`/api/members?committeeId=${county}&sectorId=${education}&pageSize=200`)
    ).json();
    assert.ok(
      bySector.items.length > 0 &&
        bySector.items.every((m: { sectorName: string }) => m.sectorName === '教育界'),
    );
    const counties = (await s.get(`/api/members?committeeId=${city}&level=county&pageSize=200`)).json();
    assert.ok(counties.items.every((m: { level: string }) => m.level === 'county'));
    const onlyCity = (await s.get(`/api/members?committeeId=${city}&subtree=false&pageSize=200`)).json();
    assert.ok(onlyCity.items.every((m: { committeeId: string }) => m.committeeId === city));
    const page1 = (await s.get(`/api/members?committeeId=${city}&pageSize=5&page=1`)).json();
    const page2 = (await s.get(`/api/members?committeeId=${city}&pageSize=5&page=2`)).json();
    assert.equal(page1.items.length, 5);
    assert.equal(page1.total, page2.total);
    assert.ok(
      !page2.items.some((m: { id: string }) => page1.items.some((p: { id: string }) => p.id === m.id)),
    );
    const sorted = (await s.get(`/api/members?committeeId=${city}&pageSize=50&sort=name&order=desc`)).json()
      .items;
    const keys = await t().deps.db.query<{ id: string; k: string }>(
      'select m.id, p.name_pinyin as k from memberships m join persons p on p.id = m.person_id where m.id = any($1::uuid[])',
      [sorted.map((m: { id: string }) => m.id)],
    );
    const order = sorted.map((m: { id: string }) => keys.find((k) => k.id === m.id)!.k);
    assert.deepEqual(order, [...order].sort().reverse());
  });

  test('search: a mobile number finds its owner; one character is a surname, not any position', async () => {
    await s.send('POST', '/api/members', {
      name: '欧阳明',
      gender: 'male',
      committeeId: county,
      workUnitPost: '枣强县欧式家具厂厂长',
      phone: '13755550000',
    });
    await s.send('POST', '/api/members', {
      name: '郑欧',
      gender: 'female',
      committeeId: county,
      workUnitPost: '枣强县某校教师',
    });
    const byPhone = (await s.get(`/api/members?committeeId=${county}&q=137%205555%200000`)).json();
    assert.deepEqual(
      byPhone.items.map((m: { name: string }) => m.name),
      ['欧阳明'],
    );
    const bySurname = (await s.get(`/api/members?committeeId=${county}&q=欧`)).json();
    assert.deepEqual(
      bySurname.items.map((m: { name: string }) => m.name),
      ['欧阳明'],
    );
    assert.equal(bySurname.total, 1);
    const byUnit = (await s.get(`/api/members?committeeId=${county}&q=欧式家具`)).json();
    assert.deepEqual(
      byUnit.items.map((m: { name: string }) => m.name),
      ['欧阳明'],
    );
  });

  test('a sector from another committee cannot be given to a seat', async () => {
    const other = (
      await t().deps.db.query<{ id: string }>(
        'select id from sectors where committee_id is not null and committee_id <> $1 limit 1',
        [county],
      )
    )[0]!.id;
    const r = await s.send('POST', '/api/members', {
      name: '赵六',
      gender: 'male',
      committeeId: county,
      workUnitPost: 'x',
      sectorId: other,
    });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().error.code, 'org.sector_not_found');
  });
});
