import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { concernStatuses } from '../../../../contracts/concerns.ts';
import { studioKinds } from '../../../../contracts/studios.ts';
import type { Db } from '../../db/db.ts';
import type { Deps } from '../../deps.ts';
import { manualClock, randomIds } from '../../lib/clock.ts';
import { makeSealer } from '../../lib/crypto.ts';
import { testBackends } from '../../test-support/test-db.ts';
import { memoryMail } from '../../lib/mail.ts';
import { memorySms } from '../../lib/sms.ts';
import { buildDemo } from './build.ts';

// The demo shows the whole product: studios of every kind, a year of concerns in every
// state, common issues, notices, and accounts that must change their password first. Two
// builds from the same seed write the same data.

const end = new Date('2026-11-23T09:00:00+08:00');
const small = {
  provinceCode: '13',
  perLevel: { province: 20, city: 40, county: 30 },
  cities: ['131100'],
};

const depsFor = (db: Db): Deps => ({
  db,
  clock: manualClock(end),
  ids: randomIds,
  sealer: makeSealer(randomBytes(32)),
  sms: memorySms(),
  mail: memoryMail(),
  settings: { sessionIdleMinutes: 30, secureCookies: false, publicBaseUrl: 'http://lianxin.test' },
});

/** What the demo wrote, without what is random by design (codes, passwords, sealed phones). */
async function contentOf(db: Db) {
  const q = (sql: string) => db.query(sql);
  return {
    studios: await q(
      `select s.id, s.name, s.kind, s.status, c.region_code,
              (select string_agg(sm.person_id::text || ':' || sm.role, ',' order by sm.person_id) from studio_members sm where sm.studio_id = s.id) as members,
              (select count(*) from duty_rules r where r.studio_id = s.id) as rules
         from studios s join committees c on c.id = s.committee_id order by s.id`,
    ),
    concerns: await q(
      `select k.id, k.committee_id, k.studio_id, k.person_id, k.category, k.body, k.place, k.status, k.rating,
              k.submitted_at, k.due_at, k.reopen_count, k.citizen_phone_masked, k.service_deed, k.channel,
              (select string_agg(e.kind || '@' || e.at::text, ',' order by e.at, e.id) from concern_events e where e.concern_id = k.id) as events
         from concerns k order by k.id`,
    ),
    issues: await q(
      `select id, committee_id, title, concern_count, studio_count from common_issues order by id`,
    ),
    notices: await q(
      `select kind, audience, recipient, count(*) as n from outbox where channel = 'in_app' group by 1, 2, 3 order by 1, 2, 3`,
    ),
  };
}

for (const backend of testBackends()) {
  describe(`demo [${backend.name}]`, () => {
    let db: Db;
    let built: Awaited<ReturnType<typeof buildDemo>>;
    before(async () => {
      db = await backend.open();
      built = await buildDemo(depsFor(db), { ...small, end });
    });
    after(() => db?.close());

    test('every step of the year was accepted by the services', () => {
      assert.deepEqual(built.showcase.failures, []);
    });

    test('approved studios of every kind, with members and duty rosters', async () => {
      const rows = await db.query<{ kind: string; status: string; members: number; rules: number }>(
        `select s.kind, s.status,
                (select count(*)::int from studio_members m where m.studio_id = s.id) as members,
                (select count(*)::int from duty_rules r where r.studio_id = s.id) as rules
           from studios s`,
      );
      assert.deepEqual([...new Set(rows.map((r) => r.kind))].sort(), [...studioKinds].sort());
      for (const r of rows) {
        assert.equal(r.status, 'approved');
        assert.ok(r.members >= 3, `${r.kind}: ${r.members} members`);
        assert.ok(r.rules >= 1);
      }
    });

    test('a year of concerns in every state, overdue ones, photos, handed up and down', async () => {
      const byStatus = new Map(
        (
          await db.query<{ status: string; n: number }>(
            'select status, count(*)::int as n from concerns group by status',
          )
        ).map((r) => [r.status, r.n]),
      );
      const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
      assert.ok(total >= 300 && total <= 400, `${total} concerns`);
      for (const s of concernStatuses) assert.ok((byStatus.get(s) ?? 0) > 0, `some ${s}: ${[...byStatus]}`);
      const [x] = await db.query<Record<string, number>>(
        `select (select count(*)::int from concerns where status in ('submitted','accepted','info_requested','reopened') and due_at < $1) as overdue,
                (select count(distinct concern_id)::int from concern_photos) as photos,
                (select count(*)::int from concern_events where kind = 'escalated') as escalated,
                (select count(*)::int from concern_events where kind = 'assigned' and from_committee_id <> to_committee_id) as assigned_down,
                (select count(*)::int from concern_events where kind = 'transferred') as transferred,
                (select count(*)::int from concern_events where kind = 'extended') as extended,
                (select count(*)::int from concerns where rating is not null) as rated,
                (select count(*)::int from concerns where service_deed) as deeds,
                (select count(*)::int from concerns where channel = 'reception') as reception,
                (select count(*)::int from concerns where citizen_phone_masked is not null) as phones,
                (select min(submitted_at) >= $2 and max(submitted_at) <= $1 from concerns)::int as within_year`,
        [end, new Date(end.getTime() - 366 * 86400_000)],
      );
      for (const [k, v] of Object.entries(x!)) assert.ok(v > 0, `${k}: ${v}`);
    });

    test('a year of consultations: plans, topics of every source, each kind held, outcomes in every state', async () => {
      const q = async (sql: string) => (await db.query<{ v: string }>(sql)).map((r) => r.v).sort();
      assert.deepEqual(await q('select status as v from consultation_plans'), ['draft', 'published']);
      assert.deepEqual(await q('select distinct source as v from consultation_topics'), [
        'committee',
        'member',
        'party_government',
      ]);
      assert.deepEqual(await q('select distinct kind as v from consultations'), [
        'counterpart',
        'micro',
        'online',
        'proposal_handling',
        'sector',
        'special',
      ]);
      assert.deepEqual(await q('select distinct status as v from consultation_outcomes'), [
        'answered',
        'assigned',
        'done',
        'in_progress',
        'not_done',
      ]);
      const [x] = await db.query<Record<string, number>>(
        `select (select count(*)::int from consultation_participants where sign_in_method = 'door_code') as door,
                (select count(*)::int from consultation_endorsements) as endorsed,
                (select count(*)::int from consultation_topics where status = 'not_chosen' and answer is not null) as answered,
                (select count(*)::int from consultation_topic_seconds) as seconded`,
      );
      for (const [k, v] of Object.entries(x!)) assert.ok(v > 0, `${k}: ${v}`);
    });

    test('common issues were formed by the grouping job', async () => {
      const [r] = await db.query<{ n: number; placed: number }>(
        `select (select count(*)::int from common_issues where concern_count >= 3) as n,
                (select count(*)::int from common_issue_concerns) as placed`,
      );
      assert.ok(r!.n >= 3, `${r!.n} common issues of 3 or more`);
      assert.ok(r!.placed > 0);
    });

    test("notices wait in members' and staff's bells", async () => {
      const rows = await db.query<{ audience: string; n: number }>(
        `select audience, count(*)::int as n from outbox where channel = 'in_app' group by audience`,
      );
      const n = new Map(rows.map((r) => [r.audience, r.n]));
      assert.ok((n.get('person') ?? 0) > 0, 'members have notices');
      assert.ok((n.get('committee_staff') ?? 0) > 0, 'staff have notices');
    });

    test('an SMS to a number out of service was given up after a day, for staff to resend', async () => {
      const rows = await db.query<{ n: number; tried_for: number; error: string }>(
        `select count(*)::int as n, max(extract(epoch from given_up_at - first_failed_at))::float8 as tried_for,
                max(last_error) as error
           from outbox where channel = 'sms' and given_up_at is not null and sent_at is null`,
      );
      assert.ok(rows[0]!.n >= 1, 'one given up');
      assert.ok(rows[0]!.tried_for >= 86400, `retried ${rows[0]!.tried_for} s`);
      assert.match(rows[0]!.error, /停机/);
      const [pending] = await db.query<{ n: number }>(
        `select count(*)::int as n from outbox where channel = 'sms' and sent_at is null and given_up_at is null`,
      );
      assert.ok(pending!.n <= 3, `${pending!.n} still being retried`);
    });

    test('demo accounts: county staff, city staff, a member and two departments, each to change the password', async () => {
      const shown = built.showcase.accounts.filter((a) => a.shown);
      assert.deepEqual(shown.map((a) => a.username).sort(), [
        'demo_city',
        'demo_county',
        'demo_dept_jtj',
        'demo_dept_zjj',
        'demo_member',
      ]);
      const rows = await db.query<{ username: string; role: string; must_change_password: boolean }>(
        `select username, role, must_change_password from accounts where username = any($1::text[]) or role = 'admin'`,
        [shown.map((a) => a.username)],
      );
      assert.equal(rows.length, 6);
      for (const r of rows) assert.equal(r.must_change_password, true, r.username);
      assert.ok(built.admin, 'the initial admin was created');
      const [admin] = await db.query<{ require_totp: boolean }>(
        `select require_totp from accounts where username = 'admin'`,
      );
      assert.equal(admin?.require_totp, true, 'the first admin enrols two-step verification as staff do');
    });

    test('two builds from the same seed write the same data', async () => {
      const other = await backend.open();
      try {
        await buildDemo(depsFor(other), { ...small, end });
        assert.deepEqual(await contentOf(other), await contentOf(db));
      } finally {
        await other.close();
      }
    });
  });
}
