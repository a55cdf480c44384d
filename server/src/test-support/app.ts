import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import type { Role } from '../../../contracts/auth.ts';
import { buildApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import type { Deps } from '../deps.ts';
import { manualClock, randomIds } from '../lib/clock.ts';
import { makeSealer, sealAlgorithms } from '../lib/crypto.ts';
import type { SealAlgorithm, Sealer } from '../lib/crypto.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { seedDemo } from '../modules/demo/seed.ts';
import { memoryMail } from '../lib/mail.ts';
import type { MemoryMail } from '../lib/mail.ts';
import { memorySms } from '../lib/sms.ts';
import type { MemorySms } from '../lib/sms.ts';

export const testPassword = 'Test-Passw0rd';
export const smallSeed = {
  provinceCode: '13',
  perLevel: { province: 30, city: 20, county: 8 },
  cities: ['131100', '130100'],
};

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  clock: ReturnType<typeof manualClock>;
  /** Every SMS the app sent, readable by tests. */
  sms: MemorySms;
  /** Every email the app sent (unless a test wires another transport into deps.mail). */
  mail: MemoryMail;
  committee(regionCode: string): Promise<{ id: string; path: string }>;
  /** Gives a seated member of the region's committee this public code (their QR card); returns the person's id. */
  memberWithCode(regionCode: string, code: string): Promise<string>;
  account(o: {
    username: string;
    role: Role;
    region: string;
    personId?: string;
    /** For role 'department': the department it answers for. */
    departmentId?: string;
    mustChange?: boolean;
    requireTotp?: boolean;
  }): Promise<string>;
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
};

export type Session = {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
};

let hashCache: Promise<string> | undefined;

export function testSealAlgorithm(): SealAlgorithm {
  const a = process.env.TEST_SEAL_ALGORITHM ?? 'aes-256-gcm';
  if (!sealAlgorithms.includes(a as SealAlgorithm))
    throw new Error(`TEST_SEAL_ALGORITHM: not one of ${sealAlgorithms.join(', ')}`);
  return a as SealAlgorithm;
}

export async function makeTestApp(
  db: Db,
  opts: {
    seed?: boolean;
    webDist?: string;
    clock?: ReturnType<typeof manualClock>;
    /** Where the app logs (by default pino at TEST_LOG's level, silent without it). */
    logger?: pino.Logger;
    /** The sealer (a restore drill reopens data sealed earlier); by default a fresh key. */
    sealer?: Sealer;
  } = {},
): Promise<TestApp> {
  const clock = opts.clock ?? manualClock();
  const sms = memorySms();
  const mail = memoryMail();
  const deps: Deps = {
    db,
    clock,
    ids: randomIds,
    // TEST_SEAL_ALGORITHM=sm4 runs any suite with 国密 sealing instead of AES-GCM.
    sealer: opts.sealer ?? makeSealer(randomBytes(32), testSealAlgorithm()),
    sms,
    mail,
    settings: { sessionIdleMinutes: 30, secureCookies: false, publicBaseUrl: 'http://lianxin.test' },
  };
  if (opts.seed !== false) await seedDemo(deps, smallSeed);
  const app = await buildApp(deps, {
    logger: opts.logger ?? pino({ level: process.env.TEST_LOG ?? 'silent' }),
    webDist: opts.webDist,
  });
  const committee = async (regionCode: string) => {
    const rows = await db.query<{ id: string; path: string }>(
      'select id, path from committees where region_code = $1',
      [regionCode],
    );
    if (!rows[0]) throw new Error(`no committee ${regionCode}`);
    return rows[0];
  };
  const sessionOf = (cookie: string, csrf: string): Session => ({
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    send: (method, url, body) =>
      app.inject({
        method,
        url,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
  });
  return {
    app,
    deps,
    clock,
    sms,
    mail,
    committee,
    async memberWithCode(regionCode, code) {
      const c = await committee(regionCode);
      const [p] = await db.query<{ id: string }>(
        `select person_id as id from memberships where committee_id = $1 and status = 'active' order by person_id limit 1`,
        [c.id],
      );
      await db.query('update persons set public_code = $2 where id = $1', [p!.id, code]);
      return p!.id;
    },
    async account(o) {
      const c = await committee(o.region);
      const id = deps.ids.uuid();
      hashCache ??= hashPassword(testPassword);
      await db.query(
        `insert into accounts (id, username, display_name, password_hash, role, committee_id, person_id, must_change_password, require_totp, created_at, updated_at, department_id)
         values ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
        [
          id,
          o.username,
          await hashCache,
          o.role,
          c.id,
          o.personId ?? null,
          o.mustChange ?? false,
          o.requireTotp ?? false,
          clock.now(),
          o.departmentId ?? null,
        ],
      );
      return id;
    },
    async login(username, password = testPassword) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return sessionOf(cookie, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
