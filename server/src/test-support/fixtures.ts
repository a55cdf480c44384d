import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../contracts/auth.ts';
import type { Session, TestApp } from './app.ts';
import { decodeQrPng } from './qr.ts';

// State a test builds for itself, through the HTTP API as a user would, so every test passes
// alone (`node --test --test-name-pattern …`) as well as in its file. Tests of one file share
// a database: each fixture makes new people, accounts, studios and concerns, with names,
// phones and addresses no other fixture of the process uses, so one test's rows and
// rate-limit hits never count in another's assertions.

let seq = 0;
const next = () => ++seq;

/** A name no other fixture of this process has used (usernames, studio names). */
export const unique = (prefix: string) => `${prefix}${next()}`;

/** A client address no other caller of this process has used (per-IP limits count per test). */
export const freshIp = () => {
  const n = next();
  return `172.16.${(n >> 8) & 255}.${n & 255}`;
};

/** A mobile number no other caller of this process has used (per-phone limits count per test). */
export const freshPhone = () => `199${String(next()).padStart(8, '0')}`;

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const givens = [
  '建国',
  '丽华',
  '志强',
  '秀英',
  '海燕',
  '文博',
  '桂兰',
  '德明',
  '春梅',
  '振华',
  '玉珍',
  '国庆',
];
/** A person's name, different for each of the first 240 calls. */
const personName = () => {
  const n = next();
  return `${surnames[n % surnames.length]}${givens[Math.floor(n / surnames.length) % givens.length]}`;
};

// --- Citizens' side: requests without an account. ---

export type PublicClient = {
  /** A JSON request from a citizen's phone (a fresh address unless `ip` is given). */
  pub(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    o?: { ip?: string; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** A form posted by a citizen's browser (the H5 pages). */
  form(url: string, fields: Record<string, string>, ip?: string): Promise<LightMyRequestResponse>;
  /** The verification code last texted to this phone. */
  lastCode(phone: string): string;
  /** Asks for a code for this phone and returns it. */
  codeFor(phone: string, ip?: string): Promise<string>;
};

export function publicClient(t: TestApp): PublicClient {
  const lastCode = (to: string) => {
    const m = t.sms.last(to);
    assert.ok(m, `an SMS to ${to}`);
    return /验证码是 (\d{6})/.exec(m.text)?.[1] ?? assert.fail(`no code in ${m.text}`);
  };
  const pub: PublicClient['pub'] = (method, url, body, o = {}) =>
    t.app.inject({
      method,
      url,
      headers: {
        'x-forwarded-for': o.ip ?? freshIp(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...o.headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  return {
    pub,
    form: (url, fields, ip = freshIp()) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { 'x-forwarded-for': ip, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      }),
    lastCode,
    async codeFor(phone, ip) {
      const r = await pub('POST', '/api/public/sms-codes', { phone }, ip ? { ip } : {});
      assert.equal(r.statusCode, 200, r.body);
      return lastCode(phone);
    },
  };
}

// --- Accounts. ---

export type AccountFixture = {
  username: string;
  accountId: string;
  /** Signed in when the fixture was made. */
  session: Session;
  /** A new session: the manual clock's jumps outlast the idle timeout of the first. */
  login(): Promise<Session>;
};

async function accountFixture(
  t: TestApp,
  o: { prefix: string; role: Role; region: string; personId?: string },
): Promise<AccountFixture> {
  const username = unique(o.prefix);
  const accountId = await t.account({
    username,
    role: o.role,
    region: o.region,
    ...(o.personId ? { personId: o.personId } : {}),
  });
  const login = () => t.login(username);
  return { username, accountId, session: await login(), login };
}

export type DepartmentFixture = AccountFixture & { departmentId: string; name: string };

/**
 * A new handling department (承办单位) of the region's committee, made by its staff through the
 * org API, with an account of role 'department' for it.
 */
export async function departmentOf(
  t: TestApp,
  region: string,
  o: { by?: Session } = {},
): Promise<DepartmentFixture> {
  const committee = await t.committee(region);
  const by = o.by ?? (await staffOf(t, region)).session;
  const name = unique('承办局');
  const res = await by.send('POST', '/api/departments', {
    committeeId: committee.id,
    name,
    kind: 'government',
  });
  assert.equal(res.statusCode, 200, res.body);
  const departmentId: string = res.json().id;
  const username = unique('dept_');
  const accountId = await t.account({ username, role: 'department', region, departmentId });
  const login = () => t.login(username);
  return { username, accountId, session: await login(), login, departmentId, name };
}

/** A staff account of the committee of this region (a county, a city…). */
export async function staffOf(t: TestApp, region: string, role: 'staff' | 'admin' = 'staff') {
  const committee = await t.committee(region);
  return { ...(await accountFixture(t, { prefix: `${role}_`, role, region })), committee };
}

// --- Members. ---

export type MemberFixture = { personId: string; membershipId: string; name: string; region: string };

type StaffFixture = Awaited<ReturnType<typeof staffOf>>;

/**
 * A new person seated on the region's committee, added through the members API by staff whose
 * scope holds it (`o.by`, or a new staff account of that committee).
 */
export async function newMember(
  t: TestApp,
  region: string,
  o: { name?: string; by?: Session } = {},
): Promise<MemberFixture> {
  const by = o.by ?? (await staffOf(t, region)).session;
  const name = o.name ?? personName();
  const r = await by.send('POST', '/api/members', {
    name,
    gender: next() % 2 ? 'male' : 'female',
    committeeId: (await t.committee(region)).id,
    workUnitPost: `${name}的工作单位`,
  });
  assert.equal(r.statusCode, 200, r.body);
  return { personId: r.json().person.id, membershipId: r.json().id, name, region };
}

/** A member's own account, signed in. */
export function memberAccount(t: TestApp, m: { personId: string; region: string }) {
  return accountFixture(t, { prefix: 'member_', role: 'member', region: m.region, personId: m.personId });
}

/** A new member with their QR card: the code a citizen scans to write to them (read off the QR image). */
export async function memberWithQr(t: TestApp, region: string) {
  const staff = await staffOf(t, region);
  const m = await newMember(t, region, { by: staff.session });
  const png = await staff.session.get(`/api/members/${m.membershipId}/qr.png`);
  assert.equal(png.statusCode, 200, png.body);
  const url = decodeQrPng(png.rawPayload);
  const code = /\/m\/([A-Za-z0-9]+)$/.exec(url ?? '')?.[1] ?? assert.fail(`no member code in ${url}`);
  return { ...m, code };
}

// --- Studios. ---

export type StudioMember = MemberFixture & { code: string };
export type StudioFixture = {
  id: string;
  code: string;
  name: string;
  committeeId: string;
  /** The lead first, then the others; each with the code on the studio's public card. */
  members: StudioMember[];
  /** The staff account of the studio's committee that made and submitted it. */
  staff: StaffFixture;
  /** Another staff account of the same committee, which approved it (separation of duties). */
  reviewer: StaffFixture;
};

/** An approved (online) studio of new members of the region's committee, the first its lead. */
export async function approvedStudio(
  t: TestApp,
  o: { region?: string; members?: number; name?: string } = {},
): Promise<StudioFixture> {
  const region = o.region ?? '131121';
  const staff = await staffOf(t, region);
  const people: MemberFixture[] = [];
  for (let i = 0; i < (o.members ?? 2); i++) people.push(await newMember(t, region, { by: staff.session }));
  const name = o.name ?? unique('民生委员工作室');
  const s = await staff.session.send('POST', '/api/studios', {
    committeeId: staff.committee.id,
    name,
    kind: 'regional',
    leadPersonId: people[0]?.personId ?? null,
  });
  assert.equal(s.statusCode, 200, s.body);
  const id: string = s.json().id;
  for (const p of people.slice(1)) {
    const r = await staff.session.send('POST', `/api/studios/${id}/members`, { personId: p.personId });
    assert.equal(r.statusCode, 200, r.body);
  }
  assert.equal((await staff.session.send('POST', `/api/studios/${id}/submit`)).statusCode, 200);
  const reviewer = await staffOf(t, region);
  const ok = await reviewer.session.send('POST', `/api/studios/${id}/review`, { decision: 'approve' });
  assert.equal(ok.json().status, 'approved', ok.body);
  const code: string = ok.json().publicCode;
  const card = (await publicClient(t).pub('GET', `/api/public/studios/${code}`)).json();
  const codes = new Map<string, string>(
    card.members.map((m: { name: string; code: string }) => [m.name, m.code]),
  );
  return {
    id,
    code,
    name,
    committeeId: staff.committee.id,
    members: people.map((p) => ({
      ...p,
      code: codes.get(p.name) ?? assert.fail(`${p.name} not on the card`),
    })),
    staff,
    reviewer,
  };
}

// --- Concerns. ---

export type ConcernFixture = { id: string; trackingCode: string; phone: string | null };

/**
 * A concern a citizen submitted through the public API: to a studio, a member or both; with a
 * verified phone (and consent) when `phone` is given.
 */
export async function submittedConcern(
  t: TestApp,
  o: {
    studioCode?: string;
    memberCode?: string;
    phone?: string;
    text?: string;
    category?: string;
    place?: string;
  },
): Promise<ConcernFixture> {
  const c = publicClient(t);
  const body = {
    ...(o.studioCode ? { studioCode: o.studioCode } : {}),
    ...(o.memberCode ? { memberCode: o.memberCode } : {}),
    category: o.category ?? 'livelihood',
    text: o.text ?? '小区路灯坏了一个月，晚上出行不安全。',
    ...(o.place ? { place: o.place } : {}),
    ...(o.phone ? { phone: o.phone, smsCode: await c.codeFor(o.phone), consent: true } : {}),
  };
  const r = await c.pub('POST', '/api/public/concerns', body);
  assert.equal(r.statusCode, 200, r.body);
  const trackingCode: string = r.json().trackingCode;
  return { id: await concernIdOf(t, trackingCode), trackingCode, phone: o.phone ?? null };
}

/** The id of the concern behind a tracking code. */
export async function concernIdOf(t: TestApp, trackingCode: string): Promise<string> {
  const [row] = await t.deps.db.query<{ id: string }>('select id from concerns where tracking_code = $1', [
    trackingCode,
  ]);
  return row?.id ?? assert.fail(`no concern ${trackingCode}`);
}

/**
 * A new approved studio whose lead has a member account, and a concern a citizen sent to the
 * studio picking that member (so it sits in the member's inbox).
 */
export async function concernRoutedToMember(
  t: TestApp,
  o: {
    region?: string;
    members?: number;
    phone?: string;
    text?: string;
    category?: string;
    place?: string;
  } = {},
) {
  const studio = await approvedStudio(t, { region: o.region ?? '131121', members: o.members ?? 2 });
  const lead = studio.members[0]!;
  const member = { ...lead, ...(await memberAccount(t, lead)) };
  const concern = await submittedConcern(t, {
    studioCode: studio.code,
    memberCode: lead.code,
    ...(o.phone ? { phone: o.phone } : {}),
    ...(o.text ? { text: o.text } : {}),
    ...(o.category ? { category: o.category } : {}),
    ...(o.place ? { place: o.place } : {}),
  });
  return { studio, member, concern };
}

/** As concernRoutedToMember, then the member accepted it and answered (the citizen was texted). */
export async function answeredConcern(
  t: TestApp,
  o: { region?: string; phone?: string; reply?: string } = {},
) {
  const routed = await concernRoutedToMember(t, { ...o, phone: o.phone ?? freshPhone() });
  const { session } = routed.member;
  const acc = await session.send('POST', `/api/concerns/${routed.concern.id}/accept`);
  assert.equal(acc.statusCode, 200, acc.body);
  const rep = await session.send('POST', `/api/concerns/${routed.concern.id}/reply`, {
    text: o.reply ?? '已联系镇政府，路灯将于本周内修复。',
  });
  assert.equal(rep.json().status, 'answered', rep.body);
  return routed;
}
