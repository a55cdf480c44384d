// Data for bench/concerns.ts: a fresh PostgreSQL database with the demo province, approved
// studios with their members and duty days, and N concerns loaded in bulk (INSERT … SELECT
// generate_series) with their events, outbox rows and audit rows, through the indexes the
// migrations create. Everything here is seed data written as SQL; the measured paths all go
// through the HTTP app.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../server/src/db/migrate.ts';
import { openPostgres } from '../server/src/db/postgres.ts';
import type { Deps } from '../server/src/deps.ts';
import { publicCode, randomIds, systemClock } from '../server/src/lib/clock.ts';
import { makeSealer } from '../server/src/lib/crypto.ts';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import { seedDemo } from '../server/src/modules/demo/seed.ts';

export type Prepared = {
  dbName: string;
  databaseUrl: string;
  concerns: number;
  events: number;
  outbox: number;
  audit: number;
  studios: number;
  memberships: number;
  seconds: { seed: number; studios: number; concerns: number; related: number; analyze: number };
  studioCodes: string[];
  /** Members with a public code who serve in a studio: [memberCode, studioCode]. */
  memberCodes: [string, string][];
  busy: { username: string; visible: number };
  busiest: { username: string; visible: number };
  staff: { username: string; city: string; visible: number };
  password: string;
};

export const benchPassword = 'Bench-Passw0rd';
const scale = { province: 200, city: 150, county: 50 };
const studiosPerLevel = { province: 2, city: 4, county: 5 } as const;

export async function withAdminPg<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createDatabase(adminUrl: string): Promise<{ dbName: string; databaseUrl: string }> {
  const dbName = `lx_bench_concerns_${randomBytes(4).toString('hex')}`;
  await withAdminPg(adminUrl, (c) => c.query(`create database ${dbName}`));
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return { dbName, databaseUrl: u.toString() };
}

export async function dropDatabase(adminUrl: string, dbName: string): Promise<void> {
  await withAdminPg(adminUrl, (c) => c.query(`drop database if exists ${dbName} with (force)`));
}

const since = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

/** Migrate, seed, studios, N concerns, accounts; the secret key goes to dataDir/secret.key for main.ts. */
export async function prepare(
  databaseUrl: string,
  dbName: string,
  dataDir: string,
  n: number,
  texts: { text: string; place?: string; category: string }[],
  log: (s: string) => void,
): Promise<Prepared> {
  const key = randomBytes(32);
  await writeFile(path.join(dataDir, 'secret.key'), key.toString('hex'), { mode: 0o600 });
  const db = await openPostgres(databaseUrl);
  let t0 = performance.now();
  try {
    await migrate(db);
    const deps = {
      db,
      clock: systemClock,
      ids: randomIds,
      sealer: makeSealer(key),
      settings: { sessionIdleMinutes: 30, secureCookies: false, publicBaseUrl: 'http://localhost:3000' },
    } as Deps;
    await seedDemo(deps, { provinceCode: '13', perLevel: scale });
  } finally {
    await db.close();
  }
  const seed = since(t0);
  log(`seed: demo province 13 ${JSON.stringify(scale)} in ${seed} s`);

  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    // Bulk load: no per-row fsync, more memory for index builds; this session only.
    await c.query("set synchronous_commit = off; set maintenance_work_mem = '512MB'; set work_mem = '64MB'");
    t0 = performance.now();
    const studios = await seedStudios(c);
    const studiosSeconds = since(t0);
    log(`studios: ${studios} approved, with members and a monthly duty day, in ${studiosSeconds} s`);
    t0 = performance.now();
    // Bulk load as a restore would: secondary indexes and unique constraints built once at
    // the end instead of row by row, foreign-key triggers off (the rows are made consistent).
    const rebuild = await dropIndexes(c, ['concerns', 'concern_events', 'outbox', 'audit_log']);
    await c.query('set session_replication_role = replica');
    await loadConcerns(c, n, texts);
    const concernsSeconds = since(t0);
    log(`concerns: ${n} in ${concernsSeconds} s`);
    t0 = performance.now();
    await loadRelated(c);
    await c.query('set session_replication_role = origin');
    for (const sql of rebuild) await c.query(sql);
    // The stored concerns count as already placed into common issues, as on a running
    // system where the placing job keeps up: it then places what the run submits, each
    // minute, instead of grinding through three years of backlog during the measurement
    // (it did until 2026-11-23 afternoon; the common-issue tables themselves stay empty).
    await c.query(
      `insert into common_issue_marks (name, placed_until) select 'placing', max(submitted_at) from concerns`,
    );
    const relatedSeconds = since(t0);
    log(`events, outbox, audit in ${relatedSeconds} s`);
    t0 = performance.now();
    // What autovacuum would do a minute later (statistics; the visibility map of concerns,
    // which the inbox counts read index-only), done now so the figures do not depend on it.
    await c.query('vacuum analyze concerns');
    await c.query('analyze');
    const analyzeSeconds = since(t0);
    log(`vacuum analyze in ${analyzeSeconds} s`);
    const counts = (
      await c.query<Record<'concerns' | 'events' | 'outbox' | 'audit' | 'memberships', number>>(
        `select (select count(*) from concerns)::int as concerns, (select count(*) from concern_events)::int as events,
                (select count(*) from outbox)::int as outbox, (select count(*) from audit_log)::int as audit,
                (select count(*) from memberships)::int as memberships`,
      )
    ).rows[0]!;
    const accounts = await makeAccounts(c);
    const studioCodes = (
      await c.query<{ code: string }>("select public_code as code from studios where status = 'approved'")
    ).rows.map((r) => r.code);
    const memberCodes = (
      await c.query<{ m: string; s: string }>(
        `select p.public_code as m, st.public_code as s from studio_members sm
           join persons p on p.id = sm.person_id join studios st on st.id = sm.studio_id
          where p.public_code is not null`,
      )
    ).rows.map((r): [string, string] => [r.m, r.s]);
    return {
      dbName,
      databaseUrl,
      ...counts,
      studios,
      seconds: {
        seed,
        studios: studiosSeconds,
        concerns: concernsSeconds,
        related: relatedSeconds,
        analyze: analyzeSeconds,
      },
      studioCodes,
      memberCodes,
      ...accounts,
      password: benchPassword,
    };
  } finally {
    await c.end();
  }
}

/** Drops the tables' indexes other than primary keys; returns the statements that rebuild them. */
async function dropIndexes(c: pg.Client, tables: string[]): Promise<string[]> {
  const constraints = (
    await c.query<{ tbl: string; name: string; def: string }>(
      `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
        where conrelid = any($1::regclass[]) and contype = 'u'`,
      [tables],
    )
  ).rows;
  const indexes = (
    await c.query<{ name: string; def: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
        where i.indrelid = any($1::regclass[]) and not i.indisprimary
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
      [tables],
    )
  ).rows;
  for (const k of constraints) await c.query(`alter table ${k.tbl} drop constraint ${k.name}`);
  for (const i of indexes) await c.query(`drop index ${i.name}`);
  return [
    ...constraints.map((k) => `alter table ${k.tbl} add constraint ${k.name} ${k.def}`),
    ...indexes.map((i) => i.def),
  ];
}

/** Approved studios in every committee, 3–8 members of that committee each (first one convenes). */
async function seedStudios(c: pg.Client): Promise<number> {
  const committees = (
    await c.query<{ id: string; level: 'province' | 'city' | 'county'; region_name: string }>(
      "select id, level, region_name from committees where level in ('province', 'city', 'county') order by path",
    )
  ).rows;
  const members = (
    await c.query<{ committee_id: string; person_id: string }>(
      "select committee_id, person_id from memberships where status = 'active' order by committee_id, person_id",
    )
  ).rows;
  const byCommittee = new Map<string, string[]>();
  for (const m of members)
    byCommittee.set(m.committee_id, [...(byCommittee.get(m.committee_id) ?? []), m.person_id]);
  const kinds = ['regional', 'sector', 'themed', 'industry_chain', 'online'];
  const themes = ['社区', '界别', '乡村振兴', '产业链', '民营经济', '教育', '卫生健康', '生态'];
  const studios: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const now = new Date().toISOString();
  let serial = 0;
  for (const k of committees) {
    const people = byCommittee.get(k.id) ?? [];
    for (let i = 0; i < studiosPerLevel[k.level] && people.length >= 8; i++) {
      const id = randomIds.uuid();
      const size = 3 + (serial % 6);
      const start = (serial * 7) % (people.length - size);
      const team = people.slice(start, start + size);
      studios.push({
        id,
        committee_id: k.id,
        name: `${k.region_name}${themes[serial % themes.length]}委员工作室${i + 1}`,
        kind: kinds[serial % kinds.length],
        address: `${k.region_name}人民路${10 + serial}号`,
        lead_person_id: team[0],
        intro: '倾听群众呼声，反映社情民意，协助解决群众急难愁盼问题。',
        services: '政策咨询、矛盾调解、民生诉求反映',
        opening_hours: '每月15日 9:00–11:30',
        public_code: publicCode(),
        created_at: now,
      });
      team.forEach((p, j) =>
        links.push({ studio_id: id, person_id: p, role: j === 0 ? 'convenor' : 'member', joined_at: now }),
      );
      serial++;
    }
  }
  await c.query(
    `insert into studios (id, committee_id, name, kind, address, lead_person_id, intro, services, opening_hours,
        status, reviewed_at, submitted_at, public_code, created_at, updated_at)
     select id, committee_id, name, kind, address, lead_person_id, intro, services, opening_hours,
        'approved', created_at, created_at, public_code, created_at, created_at
       from jsonb_to_recordset($1::jsonb) as x(id uuid, committee_id uuid, name text, kind text, address text,
        lead_person_id uuid, intro text, services text, opening_hours text, public_code text, created_at timestamptz)`,
    [JSON.stringify(studios)],
  );
  await c.query(
    `insert into studio_members (studio_id, person_id, role, joined_at)
     select * from jsonb_to_recordset($1::jsonb) as x(studio_id uuid, person_id uuid, role text, joined_at timestamptz)
     on conflict do nothing`,
    [JSON.stringify(links)],
  );
  await c.query(
    `insert into duty_rules (id, studio_id, freq, day, start_time, end_time, person_ids, valid_from, created_at)
     select gen_random_uuid(), s.id, 'monthly', 15, '09:00', '11:30',
            array(select person_id from studio_members sm where sm.studio_id = s.id order by role, person_id limit 2),
            '2024-01-01', s.created_at
       from studios s`,
  );
  // Members' QR codes, as ensurePersonCode makes them (codes without 0/1/I/L/O).
  await c.query(
    `update persons p set public_code = translate(upper(substr(md5(p.id::text), 1, 10)), '01', 'XY')
      where p.id in (select person_id from studio_members)`,
  );
  return studios.length;
}

/**
 * N concerns over the studios and their members, skewed (some studios are busy), over three
 * years (more recent ones denser); old ones mostly closed, recent ones in every state.
 * Tracking codes contain a '0', which live codes never do, so the two never collide.
 */
export async function loadConcerns(
  c: pg.Client,
  n: number,
  texts: { text: string; place?: string; category: string }[],
): Promise<void> {
  // One row per way in: a studio's code (notify its convenor), a member's code, or both.
  await c.query(`create temp table targets as
    select row_number() over (order by md5(x.studio_id::text || coalesce(x.person_id::text, ''))) as t, x.*
      from (
        select s.id as studio_id, null::uuid as person_id, s.committee_id,
               (select person_id from studio_members where studio_id = s.id and role = 'convenor' limit 1) as notify
          from studios s
        union all
        select sm.studio_id, sm.person_id, s.committee_id, sm.person_id from studio_members sm join studios s on s.id = sm.studio_id
      ) x`);
  const targets = (await c.query<{ n: number }>('select count(*)::int as n from targets')).rows[0]!.n;
  await c.query('create unique index on targets (t)');
  await c.query(
    'create temp table corpus (i int primary key, body text not null, category text not null, place text)',
  );
  await c.query(
    `insert into corpus select i - 1, body, category, place
       from unnest($1::text[], $2::text[], $3::text[]) with ordinality as x(body, category, place, i)`,
    [texts.map((t) => t.text), texts.map((t) => t.category), texts.map((t) => t.place ?? null)],
  );
  await c.query('analyze corpus');
  await c.query('analyze targets');
  // Statuses by age: concerns older than a month are mostly settled.
  await c.query(
    `insert into concerns (id, tracking_code, submit_key, committee_id, studio_id, person_id, handler_account_id,
        category, body, place, status, reopen_count, rating, rating_comment, citizen_phone_enc, citizen_phone_hash,
        citizen_phone_masked, consent, consent_at, due_at, submitted_at, answered_at, closed_at, updated_at,
        due_reminded_for, overdue_notified_for)
     select (lpad(to_hex(g), 8, '0') || '-' || substr(md5('c' || g), 1, 4) || '-4' || substr(md5('c' || g), 5, 3) || '-8' || substr(md5('c' || g), 8, 3) || '-' || substr(md5('c' || g), 11, 12))::uuid, 'X0' || upper(lpad(to_hex(g), 8, '0')),
            case when g % 10 < 6 then md5('k' || g) end,
            case when g % 25 = 0 and cp.id is not null then cp.id else t.committee_id end,
            t.studio_id, t.person_id, null,
            x.category, x.body, x.place,
            st.status, case when st.status = 'reopened' or (st.status = 'closed' and g % 37 = 0) then 1 else 0 end,
            case when st.status = 'closed' then (array['satisfied','satisfied','satisfied','satisfied','satisfied',
                   'satisfied','satisfied','basic','basic','unsatisfied'])[1 + g % 10] end,
            case when st.status = 'closed' and g % 5 = 0 then '感谢委员的帮助' end,
            case when ph then 'v1.' || md5('enc' || g) || md5('iv' || g) end,
            case when ph then md5('phone' || g) end,
            case when ph then '139****' || lpad((g % 10000)::text, 4, '0') end,
            ph, case when ph then at end,
            at + interval '15 days', at,
            case when st.status in ('answered', 'closed') then at + interval '6 days' end,
            case when st.status = 'closed' then at + interval '9 days' end,
            at + interval '6 days',
            case when st.status in ('submitted','accepted','info_requested','reopened') and at + interval '15 days' < now()
                 then at + interval '15 days' end,
            case when st.status in ('submitted','accepted','info_requested','reopened') and at + interval '15 days' < now()
                 then at + interval '15 days' end
       from (select g, g % 5 < 2 as ph,
                    now() - make_interval(secs => 94608000 * power(((g * 2654435761::bigint) % 1000003)::float8 / 1000003, 1.4)) as at,
                    (((g::bigint * 40503 + 12345) * 69069) % 2147483647)::float8 / 2147483647 as u
               from generate_series(1, $1::int) g) s
       join targets t on t.t = 1 + floor(power(s.u, 1.8) * $2)::int
       join corpus x on x.i = s.g % $3
       join committees k on k.id = t.committee_id
       left join committees cp on cp.id = k.parent_id and cp.level <> 'national'
       cross join lateral (select case
           when s.at < now() - interval '30 days' then
             case when g % 100 < 88 then 'closed' when g % 100 < 95 then 'answered' when g % 100 < 98 then 'accepted'
                  else 'submitted' end
           else
             case when g % 100 < 25 then 'submitted' when g % 100 < 55 then 'accepted' when g % 100 < 60 then 'info_requested'
                  when g % 100 < 82 then 'answered' when g % 100 < 97 then 'closed' else 'reopened' end
           end as status) st`,
    [n, targets, texts.length],
  );
  // Due dates only matter for open ones, and answered/closed ones never get reminders.
  await c.query('drop table targets; drop table corpus');
}

/** Each concern's steps, the in-app notice of its routing, SMS of answers to phones, audit rows. */
export async function loadRelated(c: pg.Client): Promise<void> {
  await c.query(
    `insert into concern_events (id, concern_id, at, kind, actor_kind, actor_label, public_text, to_committee_id, detail)
     select overlay(k.id::text placing lpad(v.n::text, 2, '0') from 35)::uuid, k.id, k.submitted_at + v.off, v.kind, v.actor,
            case v.kind when 'routed' then '委员工作室' when 'accepted' then '委员' when 'answered' then '委员' end,
            case v.kind when 'answered' then '您反映的问题已转交有关部门，正在协调解决，感谢您的监督。' end,
            case v.kind when 'routed' then k.committee_id end,
            case v.kind when 'routed' then jsonb_build_object('studioId', k.studio_id, 'personId', k.person_id)
                        when 'rated' then jsonb_build_object('rating', k.rating) else '{}'::jsonb end
       from concerns k
       cross join lateral (values
           (1, 1, 'submitted', 'citizen', interval '0'), (2, 1, 'routed', 'system', interval '0'),
           (3, 2, 'accepted', 'member', interval '1 day'), (4, 3, 'info_requested', 'member', interval '2 days'),
           (5, 4, 'answered', 'member', interval '6 days'), (6, 5, 'rated', 'citizen', interval '9 days'),
           (7, 5, 'closed', 'system', interval '9 days')) v(n, stage, kind, actor, off)
      where v.stage <= case k.status when 'submitted' then 1 when 'accepted' then 2 when 'reopened' then 2
                                     when 'info_requested' then 3 when 'answered' then 4 else 5 end
        and (v.kind <> 'info_requested' or k.status = 'info_requested')`,
  );
  await c.query(
    `insert into outbox (id, kind, channel, audience, recipient, payload, message_key, message_params, created_at, sent_at, attempts)
     select overlay(k.id::text placing 'a1' from 35)::uuid, 'concern.routed', 'in_app', 'person',
            coalesce(k.person_id, (select person_id from studio_members sm where sm.studio_id = k.studio_id and role = 'convenor' limit 1))::text,
            jsonb_build_object('title', '收到一条新的群众诉求，请及时受理', 'concernId', k.id),
            'concern.new_for_member', '{}'::jsonb, k.submitted_at, null, 0
       from concerns k
     union all
     select overlay(k.id::text placing 'a2' from 35)::uuid, 'concern.answered', 'sms', null, k.citizen_phone_enc,
            jsonb_build_object('text', '【连心】您反映的诉求已有答复，查询码 ' || k.tracking_code, 'concernId', k.id),
            null, null, k.answered_at, k.answered_at, 1
       from concerns k where k.citizen_phone_enc is not null and k.answered_at is not null`,
  );
  await c.query(
    `insert into audit_log (at, ip, committee_id, action, target_type, target_id, result, status, detail)
     select k.submitted_at, '10.0.0.1', k.committee_id, 'concerns.submit', 'concern', k.id::text, 'ok', 200, '{}'::jsonb
       from concerns k
     union all
     select k.answered_at, '10.0.0.2', k.committee_id, 'concerns.reply', 'concern', k.id::text, 'ok', 200, '{}'::jsonb
       from concerns k where k.answered_at is not null`,
  );
}

/**
 * Logins for the measured reads: a busy member (≈ 2,000 concerns in their inbox), the busiest
 * member, and staff of the city with the most concerns.
 */
async function makeAccounts(c: pg.Client) {
  const visible = (
    await c.query<{ person_id: string; committee_id: string; visible: number }>(
      // Every concern routed to a member also names one of their studios, so what a member
      // sees is the sum over their studios.
      `select sm.person_id, min(s.committee_id::text)::uuid as committee_id, sum(n.n)::int as visible
         from studio_members sm join studios s on s.id = sm.studio_id
         join (select studio_id, count(*) as n from concerns group by studio_id) n on n.studio_id = sm.studio_id
        group by sm.person_id`,
    )
  ).rows.sort((a, b) => a.visible - b.visible);
  const busy = visible.find((v) => v.visible >= 2000) ?? visible.at(-1)!;
  const busiest = visible.at(-1)!;
  const [city] = (
    await c.query<{ id: string; name: string; visible: number }>(
      `select ci.id, ci.region_name as name, sum(x.n)::int as visible
         from (select committee_id, count(*) as n from concerns group by committee_id) x
         join committees c on c.id = x.committee_id
         join committees ci on ci.level = 'city' and (c.path = ci.path or c.path like ci.path || '/%')
        group by ci.id, ci.region_name order by 3 desc limit 1`,
    )
  ).rows;
  const hash = await hashPassword(benchPassword);
  const add = (username: string, role: string, committeeId: string, personId: string | null) =>
    c.query(
      `insert into accounts (id, username, display_name, password_hash, role, committee_id, person_id,
          must_change_password, require_totp, created_at, updated_at)
       values (gen_random_uuid(), $1, $1, $2, $3, $4, $5, false, false, now(), now())`,
      [username, hash, role, committeeId, personId],
    );
  await add('bench-busy', 'member', busy.committee_id, busy.person_id);
  await add('bench-busiest', 'member', busiest.committee_id, busiest.person_id);
  await add('bench-staff', 'staff', city!.id, null);
  return {
    busy: { username: 'bench-busy', visible: busy.visible },
    busiest: { username: 'bench-busiest', visible: busiest.visible },
    staff: { username: 'bench-staff', city: city!.name, visible: city!.visible },
  };
}
