import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { before, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import sharp from 'sharp';
import type { TestApp } from '../test-support/app.ts';
import {
  answeredConcern,
  freshPhone,
  memberAccount,
  publicClient,
  staffOf,
  submittedConcern,
} from '../test-support/fixtures.ts';
import { openapiOperations, pageOperations, requestFor } from '../test-support/fuzz-requests.ts';
import type { Caller, Extras, Operation } from '../test-support/fuzz-requests.ts';
import { rngOf } from '../test-support/fuzz-values.ts';
import type { Pools } from '../test-support/fuzz-values.ts';
import { eachBackend } from '../test-support/suite.ts';

// The OpenAPI fuzzer: every operation of docs/openapi.json and every citizens' page and form,
// sent by a citizen, a citizen signed in to /my, a member, staff and an admin, with parameters,
// headers and bodies built from the schemas and hostile the rest of the time (fuzz-values.ts).
// No answer may be a 5xx. Seeded (FUZZ_SEED), bounded by FUZZ_REQUESTS and FUZZ_SECONDS per
// database; every operation is sent at least FUZZ_MIN_ROUNDS times by each caller.

const env = (name: string, fallback: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};
// A fixed seed by default, so a build fails only for what it changed; FUZZ_SEED=random explores.
const seed = process.env.FUZZ_SEED === 'random' ? randomInt(2 ** 31) : env('FUZZ_SEED', 20261203);
const maxRequests = env('FUZZ_REQUESTS', 2500);
const maxSeconds = env('FUZZ_SECONDS', 35);
const minRounds = env('FUZZ_MIN_ROUNDS', 1);
const requestTimeoutMs = 20_000;

const operations: Operation[] = [...openapiOperations(), ...pageOperations()];
const slowOperations = new Set(['login', 'changePassword', 'totpSetup', 'rebuildCommonIssues']);
const slow = (op: Operation) => slowOperations.has(op.id) || /\.(pdf|xlsx|png|svg|ics)$/.test(op.path);

test('the fuzzer covers every operation of the OpenAPI document and the citizens’ forms', () => {
  const ids = new Set(operations.map((o) => o.id));
  for (const id of [
    'submitConcern',
    'addConcernPhoto',
    'importMembers',
    'createStudio',
    'form /s/{code}/concern',
    'form /my',
  ])
    assert.ok(ids.has(id), id);
  assert.ok(operations.length > 100, String(operations.length));
});

// What the app logged at error level while a request ran: the cause of a 500, in the report.
const logLines: string[] = [];
const logger = pino({ level: 'error' }, { write: (line: string) => void logLines.push(line) });

const cut = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
const shown = (payload: InjectOptions['payload']) =>
  payload === undefined
    ? '(none)'
    : Buffer.isBuffer(payload)
      ? `<${payload.length} bytes> ${JSON.stringify(cut(payload.toString('latin1'), 200))}`
      : cut(String(payload));

type Failure = { key: string; text: string };

eachBackend(
  'OpenAPI fuzzer',
  (t) => {
    let extras: Extras;
    let callers: { caller: Caller; renew?: () => Promise<Caller> }[];
    before(async () => {
      const app = t();
      const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#36c' } })
        .jpeg()
        .toBuffer();
      const admin = await staffOf(app, '131100', 'admin');
      const staff = await staffOf(app, '131100');
      const routed = await answeredConcern(app);
      const fresh = await submittedConcern(app, { studioCode: routed.studio.code });
      const photo = await app.app.inject({
        method: 'POST',
        url: `/api/public/concerns/${fresh.trackingCode}/photos`,
        headers: { 'content-type': 'image/jpeg' },
        payload: jpeg,
      });
      assert.equal(photo.statusCode, 200, photo.body);
      const xlsx = (await staff.session.get('/api/members/import-template.xlsx')).rawPayload;
      extras = { jpeg, xlsx };
      const session = (name: string, s: { cookie: string; csrf: string }): Caller => ({ name, ...s });
      const lead = routed.studio.members[0]!;
      const citizen = async (): Promise<Caller> => {
        // A concern of its own each time: /my/delete may have erased the last one's phone.
        const phone = freshPhone();
        await submittedConcern(app, { studioCode: routed.studio.code, phone });
        const c = publicClient(app);
        app.clock.advance(61_000); // one code a minute per phone
        await c.form('/my', { phone, action: 'code' });
        const r = await c.form('/my', { phone, action: 'verify', smsCode: c.lastCode(phone) });
        assert.equal(r.statusCode, 303, r.body);
        const cookie = r.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
        return { name: 'citizen (/my)', cookie, pagesOnly: true };
      };
      callers = [
        { caller: { name: 'anonymous' } },
        { caller: await citizen(), renew: citizen },
        {
          caller: session('member', routed.member.session),
          renew: async () => session('member', (await memberAccount(app, lead)).session),
        },
        {
          caller: session('staff', staff.session),
          renew: async () => session('staff', (await staffOf(app, '131100')).session),
        },
        {
          caller: session('admin', admin.session),
          renew: async () => session('admin', (await staffOf(app, '131100', 'admin')).session),
        },
      ];
    });

    // The name stays the same whatever the seed: `npm run test:alone` runs a test by its exact name.
    test('no request is answered with a 5xx', async (ctx) => {
      ctx.diagnostic(`FUZZ_SEED=${seed}`);
      const app = t();
      const rng = rngOf(seed);
      const pools = await poolsOf(app);
      const started = Date.now();
      const failures = new Map<string, Failure>();
      const sent = new Map<string, number>();
      const stats: string[] = [];
      let n = 0;
      let rounds = 0;
      const inTime = () => Date.now() - started < maxSeconds * 1000 && n < maxRequests;
      while (rounds < minRounds || inTime()) {
        // Past the rounds every operation must have, the slow ones (PDF posters, exports,
        // password hashing) are sent a fifth as often, so the budget buys many requests. By
        // name, not by measured time: the same seed must send the same requests.
        const worth = (op: Operation) => rounds < minRounds || !slow(op) || rng.chance(0.2);
        const order = operations.flatMap((op) =>
          callers.flatMap((c, i) =>
            (c.caller.pagesOnly && op.path.startsWith('/api/')) || !worth(op) ? [] : [{ op, i }],
          ),
        );
        for (let k = order.length - 1; k > 0; k--) {
          const j = rng.int(k + 1);
          [order[k], order[j]] = [order[j]!, order[k]!];
        }
        for (const { op, i } of order) {
          if (rounds >= minRounds && !inTime()) break;
          const who = callers[i]!;
          const req = requestFor(op, who.caller, rng, pools.get, extras);
          n++;
          const logged = logLines.length;
          const t0 = performance.now();
          const res = await answer(app, req);
          if (process.env.FUZZ_STATS)
            stats.push(
              `${op.id}\t${who.caller.name}\t${typeof res === 'string' ? res : res.statusCode}\t${(performance.now() - t0).toFixed(1)}\t${typeof res === 'string' ? '' : cut(res.body, 120).replace(/\s+/g, ' ')}`,
            );
          sent.set(`${op.id} ${who.caller.name}`, (sent.get(`${op.id} ${who.caller.name}`) ?? 0) + 1);
          if (typeof res === 'string' || res.statusCode >= 500) {
            const status = typeof res === 'string' ? res : String(res.statusCode);
            const key = `${op.method} ${op.path} → ${status}`;
            if (!failures.has(key))
              failures.set(key, { key, text: report(n, op, who.caller, req, res, logLines.slice(logged)) });
          }
          // A session the fuzz ended (logout, a disabled account) is opened again.
          const own = req.headers?.cookie === who.caller.cookie;
          if (typeof res !== 'string' && res.statusCode === 401 && who.renew && who.caller.cookie && own)
            who.caller = await who.renew();
        }
        rounds++;
        await pools.refresh();
      }
      if (process.env.FUZZ_STATS) writeFileSync(process.env.FUZZ_STATS, stats.join('\n'));
      ctx.diagnostic(
        `FUZZ_SEED=${seed}: ${n} requests, ${rounds} rounds in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const op of operations)
        for (const { caller } of callers)
          if (!caller.pagesOnly || !op.path.startsWith('/api/'))
            assert.ok(
              (sent.get(`${op.id} ${caller.name}`) ?? 0) >= minRounds,
              `${op.id} sent by ${caller.name}`,
            );
      if (failures.size)
        assert.fail(
          `${failures.size} operation(s) answered a 5xx (reproduce with FUZZ_SEED=${seed}):\n\n` +
            [...failures.values()].map((f) => f.text).join('\n\n'),
        );
    });
  },
  { logger },
);

async function answer(app: TestApp, req: InjectOptions): Promise<LightMyRequestResponse | string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer in ${requestTimeoutMs / 1000} s`), requestTimeoutMs);
  });
  try {
    return await Promise.race([app.app.inject(req), late]);
  } catch (err) {
    return `inject threw ${(err as Error).stack ?? String(err)}`;
  } finally {
    clearTimeout(timer);
  }
}

function report(
  n: number,
  op: Operation,
  caller: Caller,
  req: InjectOptions,
  res: LightMyRequestResponse | string,
  logs: string[],
): string {
  const causes = logs.map((l) => {
    try {
      const e = JSON.parse(l) as { msg?: string; err?: { message?: string; stack?: string } };
      return `${e.msg}: ${cut(e.err?.stack ?? e.err?.message ?? '', 900)}`;
    } catch {
      return cut(l);
    }
  });
  return [
    `#${n} ${op.id} as ${caller.name} (seed ${seed})`,
    `${req.method} ${cut(String(req.url), 400)}`,
    `headers: ${cut(JSON.stringify(req.headers), 600)}`,
    `body: ${shown(req.payload)}`,
    typeof res === 'string' ? res : `→ ${res.statusCode} ${cut(res.body, 300)}`,
    ...causes.map((c) => `logged: ${c}`),
  ].join('\n');
}

/** Ids of real objects by the field names that hold them, read again after each round. */
async function poolsOf(t: TestApp): Promise<{ get: Pools; refresh(): Promise<void> }> {
  const sources: Record<string, string> = {
    committees: `select id::text as v from committees where region_code in ('13', '131100', '131121', '131102', '130100')`,
    persons: 'select id::text as v from persons order by created_at desc limit 30',
    memberships: 'select id::text as v from memberships order by created_at desc limit 30',
    studios: 'select id::text as v from studios order by created_at desc limit 20',
    concerns: 'select id::text as v from concerns order by submitted_at desc limit 30',
    photos: 'select id::text as v from concern_photos limit 20',
    duty: 'select id::text as v from duty_rules union all select id::text from duty_slots',
    sectors: 'select id::text as v from sectors limit 20',
    specialCommittees: 'select id::text as v from special_committees limit 20',
    departments: 'select id::text as v from departments limit 20',
    accounts: 'select id::text as v from accounts order by created_at desc limit 20',
    jobs: 'select id::text as v from jobs order by created_at desc limit 20',
    notices: `select id::text as v from outbox where channel = 'in_app' order by created_at desc limit 20`,
    groups: 'select id as v from common_issues limit 20',
    codes: `select public_code as v from studios where public_code is not null union all
            select public_code from persons where public_code is not null limit 40`,
    tracking: 'select tracking_code as v from concerns order by submitted_at desc limit 30',
  };
  const found = new Map<string, string[]>();
  const refresh = async () => {
    for (const [k, sql] of Object.entries(sources))
      found.set(
        k,
        (await t.deps.db.query<{ v: string }>(sql)).map((r) => r.v),
      );
  };
  await refresh();
  const byName: Record<string, string> = {
    committeeId: 'committees',
    'committees.id': 'committees',
    personId: 'persons',
    leadPersonId: 'persons',
    'members.id': 'memberships',
    membershipId: 'memberships',
    studioId: 'studios',
    'studios.id': 'studios',
    concernId: 'concerns',
    'concerns.id': 'concerns',
    photoId: 'photos',
    entryId: 'duty',
    sectorId: 'sectors',
    'sectors.id': 'sectors',
    specialCommitteeId: 'specialCommittees',
    'special-committees.id': 'specialCommittees',
    departmentId: 'departments',
    'departments.id': 'departments',
    accountId: 'accounts',
    'accounts.id': 'accounts',
    'jobs.id': 'jobs',
    'notices.id': 'notices',
    groupId: 'groups',
    code: 'codes',
    studioCode: 'codes',
    memberCode: 'codes',
    trackingCode: 'tracking',
  };
  const all = () =>
    [...found.entries()].filter(([k]) => !['codes', 'tracking', 'groups'].includes(k)).flatMap(([, v]) => v);
  return { get: (name) => found.get(byName[name] ?? '') ?? all(), refresh };
}
