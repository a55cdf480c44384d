import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ICAL from 'ical.js';
import type { Session } from '../../test-support/app.ts';
import { newMember, staffOf, unique } from '../../test-support/fixtures.ts';
import type { MemberFixture } from '../../test-support/fixtures.ts';
import { decodeQrPdf, decodeQrPng, pdfText } from '../../test-support/qr.ts';
import { eachBackend } from '../../test-support/suite.ts';

eachBackend('studios', (t) => {
  before(() => {
    // 2026-11-15 08:00 Beijing time: a reception day.
    t().clock.set(new Date('2026-11-15T08:00:00+08:00'));
  });

  type Studio = {
    s: Session; // staff of the city 131100, who runs the studio
    county: string;
    people: { id: string; name: string }[]; // three new members of the county 131121
    studioId: string;
    code: string;
    name: string;
  };
  const createBody = (county: string, name: string, lead: string) => ({
    committeeId: county,
    name,
    kind: 'regional',
    address: '枣强县肖张镇政府院内',
    leadPersonId: lead,
    services: '农业技术、法律咨询',
    openingHours: '工作日 9:00–17:00',
  });
  const membersOfCounty = async (s: Session) => {
    const people: MemberFixture[] = [];
    for (let i = 0; i < 3; i++) people.push(await newMember(t(), '131121', { by: s }));
    return people.map((p) => ({ id: p.personId, name: p.name }));
  };
  /**
   * A studio of new members at a stage: a draft; with its roster (the others joined, a monthly
   * duty rule for the first two, a one-off slot for the third); approved with that roster.
   */
  const studio = async (stage: 'draft' | 'roster' | 'approved'): Promise<Studio> => {
    const { session: s } = await staffOf(t(), '131100');
    const county = (await t().committee('131121')).id;
    const people = await membersOfCounty(s);
    const name = unique('冷雪原委员工作室');
    const r = await s.send('POST', '/api/studios', createBody(county, name, people[0]!.id));
    assert.equal(r.statusCode, 200, r.body);
    const st = {
      s,
      county,
      people,
      studioId: r.json().id as string,
      code: r.json().publicCode as string,
      name,
    };
    if (stage === 'draft') return st;
    for (const p of people.slice(1))
      assert.equal(
        (await s.send('POST', `/api/studios/${st.studioId}/members`, { personId: p.id })).statusCode,
        200,
      );
    const rule = await s.send('POST', `/api/studios/${st.studioId}/duty-rules`, {
      freq: 'monthly',
      day: 15,
      startTime: '09:00',
      endTime: '11:30',
      personIds: [people[0]!.id, people[1]!.id],
      validFrom: '2026-11-01',
    });
    assert.equal(rule.statusCode, 200, rule.body);
    const slot = await s.send('POST', `/api/studios/${st.studioId}/duty-slots`, {
      startsAt: '2026-11-20T14:00:00+08:00',
      endsAt: '2026-11-20T16:00:00+08:00',
      personIds: [people[2]!.id],
      note: '义诊',
    });
    assert.equal(slot.statusCode, 200, slot.body);
    if (stage === 'roster') return st;
    assert.equal((await s.send('POST', `/api/studios/${st.studioId}/submit`)).statusCode, 200);
    // Reviewed by another account than the submitter's: the county's own staff.
    const { session: reviewer } = await staffOf(t(), '131121');
    const ok = await reviewer.send('POST', `/api/studios/${st.studioId}/review`, { decision: 'approve' });
    assert.equal(ok.json().status, 'approved', ok.body);
    return st;
  };

  test('create a studio with its lead member; it starts as a draft with no public page', async () => {
    const { session: s } = await staffOf(t(), '131100');
    const county = (await t().committee('131121')).id;
    const people = await membersOfCounty(s);
    const r = await s.send(
      'POST',
      '/api/studios',
      createBody(county, unique('冷雪原委员工作室'), people[0]!.id),
    );
    assert.equal(r.statusCode, 200, r.body);
    const code = r.json().publicCode;
    assert.equal(r.json().status, 'draft');
    assert.equal(r.json().members[0].role, 'convenor');
    assert.match(r.json().publicUrl, new RegExp(`/s/${code}$`));
    assert.equal(
      (await t().app.inject({ method: 'GET', url: `/api/public/studios/${code}` })).statusCode,
      404,
    );
    assert.equal((await t().app.inject({ method: 'GET', url: `/s/${code}` })).statusCode, 404);
  });

  test('a studio names a sector its committee may use: another id is a 404 naming the field, not a 500', async () => {
    const st = await studio('draft');
    const refused = (r: {
      statusCode: number;
      body: string;
      json(): { error: { code: string; fields: { field: string }[] } };
    }) => {
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, 'org.sector_not_found');
      assert.equal(r.json().error.fields[0]!.field, 'body.sectorId');
    };
    const none = '0b5c3e1a-7d2f-4c9e-8a1b-2f3e4d5c6b7a';
    refused(await st.s.send('PATCH', `/api/studios/${st.studioId}`, { kind: 'sector', sectorId: none }));
    refused(
      await st.s.send('POST', '/api/studios', {
        ...createBody(st.county, unique('冷雪原委员工作室'), st.people[0]!.id),
        kind: 'sector',
        sectorId: none,
      }),
    );
    const [other] = await t().deps.db.query<{ id: string }>(
      'select id from sectors where committee_id is not null and committee_id <> $1 limit 1',
      [st.county],
    );
    if (other) refused(await st.s.send('PATCH', `/api/studios/${st.studioId}`, { sectorId: other.id }));
    const [usable] = await t().deps.db.query<{ id: string }>(
      'select id from sectors where (committee_id is null or committee_id = $1) and retired_at is null limit 1',
      [st.county],
    );
    assert.ok(usable, 'the seed has a sector the county may use');
    const ok = await st.s.send('PATCH', `/api/studios/${st.studioId}`, {
      kind: 'sector',
      sectorId: usable.id,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().sectorId, usable.id);
  });

  test('members join; the duty roster has a monthly rule and a one-off slot', async () => {
    const { s, people, studioId } = await studio('draft');
    for (const p of people.slice(1))
      assert.equal(
        (await s.send('POST', `/api/studios/${studioId}/members`, { personId: p.id })).statusCode,
        200,
      );
    const rule = await s.send('POST', `/api/studios/${studioId}/duty-rules`, {
      freq: 'monthly',
      day: 15,
      startTime: '09:00',
      endTime: '11:30',
      personIds: [people[0]!.id, people[1]!.id],
      validFrom: '2026-11-01',
    });
    assert.equal(rule.statusCode, 200, rule.body);
    const slot = await s.send('POST', `/api/studios/${studioId}/duty-slots`, {
      startsAt: '2026-11-20T14:00:00+08:00',
      endsAt: '2026-11-20T16:00:00+08:00',
      personIds: [people[2]!.id],
      note: '义诊',
    });
    assert.equal(slot.statusCode, 200);
    const roster = (await s.get(`/api/studios/${studioId}/duty?from=2026-11-01&to=2026-12-31`)).json();
    assert.deepEqual(
      roster.occurrences.map((o: { startsAt: string }) => o.startsAt),
      ['2026-11-15T01:00:00.000Z', '2026-11-20T06:00:00.000Z', '2026-12-15T01:00:00.000Z'],
    );
    assert.deepEqual(
      roster.occurrences[0].people.map((p: { name: string }) => p.name),
      [people[0]!.name, people[1]!.name],
    );
    const outsider = (await newMember(t(), '130100')).personId; // of another city, not of the county
    const bad = await s.send('POST', `/api/studios/${studioId}/duty-slots`, {
      startsAt: '2026-11-21T09:00:00+08:00',
      endsAt: '2026-11-21T10:00:00+08:00',
      personIds: [outsider],
    });
    assert.equal(bad.statusCode, 400);
    const backwards = await s.send('POST', `/api/studios/${studioId}/duty-rules`, {
      freq: 'weekly',
      day: 9,
      startTime: '11:00',
      endTime: '10:00',
      validFrom: '2026-11-01',
    });
    assert.equal(backwards.statusCode, 400);
    assert.deepEqual(
      backwards
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
      ['body.day', 'body.endTime'],
    );
  });

  test('approval: submit, reject needs a reason, resubmit, approve; then the public page is live', async () => {
    const { s, people, studioId, code } = await studio('roster');
    const { session: r } = await staffOf(t(), '131121'); // the reviewer, not the submitter
    assert.equal(
      (await r.send('POST', `/api/studios/${studioId}/review`, { decision: 'approve' })).statusCode,
      409,
    );
    assert.equal((await s.send('POST', `/api/studios/${studioId}/submit`)).json().status, 'submitted');
    assert.equal(
      (await r.send('POST', `/api/studios/${studioId}/review`, { decision: 'reject' })).statusCode,
      400,
    );
    const rejected = await r.send('POST', `/api/studios/${studioId}/review`, {
      decision: 'reject',
      reason: '缺少值班制度',
    });
    assert.equal(rejected.json().status, 'rejected');
    assert.equal(rejected.json().reviewReason, '缺少值班制度');
    await s.send('POST', `/api/studios/${studioId}/submit`);
    assert.equal(
      (await r.send('POST', `/api/studios/${studioId}/review`, { decision: 'approve' })).json().status,
      'approved',
    );

    const pub = await t().app.inject({ method: 'GET', url: `/api/public/studios/${code}` });
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.json().onDutyToday.length, 1);
    assert.equal(pub.json().nextDuty[0].startsAt, '2026-11-20T06:00:00.000Z');
    assert.ok(!JSON.stringify(pub.json()).match(/1[3-9]\d{9}|\*\*\*\*/), 'no phone numbers on a public page');
    const page = await t().app.inject({ method: 'GET', url: `/s/${code}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /今日值班/);
    assert.ok(page.body.includes(people[0]!.name));
    assert.ok(Buffer.byteLength(page.body) < 20_000);
    const large = await t().app.inject({ method: 'GET', url: `/s/${code}?large=1&contrast=1` });
    assert.match(large.body, /font:22px/);
  });

  test('the QR code decodes to the public URL, and keeps it when the studio is renamed', async () => {
    const { s, studioId, code, name } = await studio('approved');
    const png = await s.get(`/api/studios/${studioId}/qr.png`);
    assert.equal(png.headers['content-type'], 'image/png');
    const url = decodeQrPng(png.rawPayload);
    assert.equal(url, `http://lianxin.test/s/${code}`);
    await s.send('PATCH', `/api/studios/${studioId}`, { name: `${name}（肖张镇）` });
    assert.equal(decodeQrPng((await s.get(`/api/studios/${studioId}/qr.png`)).rawPayload), url);
    const page = await t().app.inject({ method: 'GET', url: new URL(url!).pathname });
    assert.ok(page.body.includes(`${name}（肖张镇）`));
  });

  test('the A4 poster prints the name, duty times and a QR code a decoder reads', async () => {
    const { s, studioId, code, name } = await studio('approved');
    const pdf = await s.get(`/api/studios/${studioId}/poster.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    // Named after what it holds, so a folder of posters stays readable.
    assert.ok(
      String(pdf.headers['content-disposition']).endsWith(`''${encodeURIComponent(`${name}-海报.pdf`)}`),
      String(pdf.headers['content-disposition']),
    );
    assert.equal(decodeQrPdf(pdf.rawPayload), `http://lianxin.test/s/${code}`);
    const txt = pdfText(pdf.rawPayload);
    assert.match(txt, /冷雪原委员工作室/);
    assert.match(txt, /每月15日 09:00–11:30/);
    assert.match(txt, /扫码找委员/);
  });

  test('iCalendar per studio and per member, read by an ordinary calendar parser', async () => {
    const { s, county, people, code } = await studio('approved');
    const expand = (ics: string) => {
      const comp = new ICAL.Component(ICAL.parse(ics));
      ICAL.TimezoneService.register(new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!));
      return comp.getAllSubcomponents('vevent').flatMap((ve) => {
        const e = new ICAL.Event(ve);
        const it = e.iterator();
        const out: string[] = [];
        for (let n = it.next(); n && out.length < 3; n = it.next()) out.push(n.toJSDate().toISOString());
        return out;
      });
    };
    const studioIcs = await t().app.inject({
      method: 'GET',
      url: `/api/public/studios/${code}/calendar.ics`,
    });
    assert.match(studioIcs.headers['content-type'] as string, /text\/calendar/);
    assert.match(
      decodeURIComponent(String(studioIcs.headers['content-disposition'])),
      /冷雪原委员工作室\d+-值班表\.ics$/,
    );
    assert.deepEqual(
      expand(studioIcs.body).sort(),
      [
        '2026-11-15T01:00:00.000Z',
        '2026-11-20T06:00:00.000Z',
        '2026-12-15T01:00:00.000Z',
        '2027-01-15T01:00:00.000Z',
      ].sort(),
    );
    const seat = (
      await t().deps.db.query<{ id: string }>(
        'select id from memberships where person_id = $1 and committee_id = $2',
        [people[2]!.id, county],
      )
    )[0]!.id;
    const memberIcs = await s.get(`/api/members/${seat}/calendar.ics`);
    assert.deepEqual(expand(memberIcs.body), ['2026-11-20T06:00:00.000Z']);
  });

  test('a member card: QR, public page with their studios and duty, no personal data', async () => {
    const { s, county, people, code, name } = await studio('approved');
    const seat = (
      await t().deps.db.query<{ id: string }>(
        'select id from memberships where person_id = $1 and committee_id = $2',
        [people[1]!.id, county],
      )
    )[0]!.id;
    const url = decodeQrPng((await s.get(`/api/members/${seat}/qr.png`)).rawPayload)!;
    assert.match(url, /^http:\/\/lianxin\.test\/m\/[A-Z0-9]{8}$/);
    const memberCode = url.split('/').pop()!;
    const card = (await t().app.inject({ method: 'GET', url: `/api/public/members/${memberCode}` })).json();
    assert.equal(card.name, people[1]!.name);
    assert.equal(card.studios[0].code, code);
    assert.equal(card.nextDuty[0].studioName, name);
    assert.equal(decodeQrPdf((await s.get(`/api/members/${seat}/poster.pdf`)).rawPayload), url);
    const page = await t().app.inject({ method: 'GET', url: `/m/${memberCode}` });
    assert.equal(page.statusCode, 200);
  });

  test('hostile text is shown inert on the public page', async () => {
    const { s, studioId, code } = await studio('approved');
    await s.send('PATCH', `/api/studios/${studioId}`, { services: '<script>alert(1)</script> & "引号"' });
    const page = await t().app.inject({ method: 'GET', url: `/s/${code}` });
    assert.ok(!page.body.includes('<script>alert'));
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;引号&quot;/);
  });

  test('out of scope: another city’s staff cannot see or touch the studio', async () => {
    const { studioId } = await studio('draft');
    const { session: other } = await staffOf(t(), '130100');
    assert.equal((await other.get(`/api/studios/${studioId}`)).statusCode, 404);
    assert.equal((await other.send('PATCH', `/api/studios/${studioId}`, { name: 'x' })).statusCode, 404);
    assert.equal((await other.get(`/api/studios/${studioId}/poster.pdf`)).statusCode, 404);
    assert.equal((await other.get('/api/studios')).json().items.length, 0);
  });

  test('standards checklist set by the committee and ticked per studio', async () => {
    const { s, county, studioId } = await studio('draft');
    const ids: string[] = [];
    for (const name of ['有场所', '有标准', '有制度', '有活动', '有台账'])
      ids.push((await s.send('POST', '/api/studio-standards', { committeeId: county, name })).json().id);
    const r = await s.send('PUT', `/api/studios/${studioId}/standards`, {
      checks: [
        { standardId: ids[0], met: true },
        { standardId: ids[2], met: true, note: '制度上墙' },
      ],
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      r.json().standards.map((x: { met: boolean }) => x.met),
      [true, false, true, false, false],
    );
  });
});
