import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { Session } from '../../test-support/app.ts';
import { memberWithQr, staffOf, submittedConcern } from '../../test-support/fixtures.ts';
import { eachBackend } from '../../test-support/suite.ts';
import { smtpMail } from '../../lib/mail.ts';
import { deliverPending } from './outbox.ts';

// Email through a REAL SMTP server (smtp-server on a random local port): what arrives is
// what a mail client would get — sender, recipient, subject and a UTF-8 Chinese body.

type Received = { from: string; to: string[]; raw: string; user?: string };

function startSmtp() {
  const received: Received[] = [];
  let refuseNext = 0;
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true, // loopback only, in a test
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'lianxin' && auth.password === 's3cret') return cb(null, { user: auth.username });
      return cb(new Error('bad credentials'));
    },
    onRcptTo(_addr, _session, cb) {
      if (refuseNext > 0) {
        refuseNext--;
        const err = new Error('mailbox busy, try later') as Error & { responseCode: number };
        err.responseCode = 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  });
  return {
    received,
    refuse(n: number) {
      refuseNext = n;
    },
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Header value with RFC 2047 encoded words decoded. */
function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  assert.ok(line, `header ${name}`);
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')),
    );
}
const qp = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

function body(raw: string): string {
  const [, ...rest] = raw.split(/\r?\n\r?\n/);
  const text = rest.join('\r\n\r\n');
  const enc = header(raw, 'Content-Transfer-Encoding').toLowerCase();
  if (enc === 'base64') return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return qp(text);
  return Buffer.from(text, 'latin1').toString('utf8');
}

eachBackend('email through SMTP', (t) => {
  const smtp = startSmtp();
  let admin: Session;

  before(async () => {
    const port = await smtp.listen();
    t().deps.mail = smtpMail(`smtp://lianxin:s3cret@127.0.0.1:${port}`, '连心平台 <noreply@lianxin.test>');
    await t().account({ username: 'mladmin', role: 'admin', region: '130000' });
    admin = await t().login('mladmin');
  });
  after(() => smtp.close());

  test('an account email is validated and named in the error; it can be set and cleared', async () => {
    const city = await t().committee('131100');
    const bad = await admin.send('POST', '/api/accounts', {
      username: 'mlcity',
      displayName: '王芳',
      role: 'staff',
      committeeId: city.id,
      password: 'Str0ng-Passw0rd',
      email: 'not an address',
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const f = bad.json().error.fields;
    assert.deepEqual(
      f.map((x: { field: string; problem: string }) => [x.field, x.problem]),
      [['body.email', 'email']],
    );
    assert.match(f[0].messages['zh-CN'], /电子邮箱/);
    const ok = await admin.send('POST', '/api/accounts', {
      username: 'mlcity',
      displayName: '王芳',
      role: 'staff',
      committeeId: city.id,
      password: 'Str0ng-Passw0rd',
      email: 'wang.fang@hengshui.example',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().email, 'wang.fang@hengshui.example');
    const id = ok.json().id;
    const cleared = await admin.send('PATCH', `/api/accounts/${id}`, { email: '' });
    assert.equal(cleared.json().email, null);
    const kept = await admin.send('PATCH', `/api/accounts/${id}`, { displayName: '王芳芳' });
    assert.equal(kept.json().email, null);
    const set = await admin.send('PATCH', `/api/accounts/${id}`, { email: 'wang.fang@hengshui.example' });
    assert.equal(set.json().email, 'wang.fang@hengshui.example');
    const unchanged = await admin.send('PATCH', `/api/accounts/${id}`, { displayName: '王芳' });
    assert.equal(unchanged.json().email, 'wang.fang@hengshui.example');
  });

  test('an escalation emails the staff above through SMTP: retried when refused, delivered once', async () => {
    // A county of a city whose one staff account with an address no other test gives one.
    const above = await staffOf(t(), '130900');
    await t().deps.db.query('update accounts set email = $2 where id = $1', [
      above.accountId,
      'wang.fang@hengshui.example',
    ]);
    const county = (await staffOf(t(), '130921')).session;
    const member = await memberWithQr(t(), '130921');
    const { id: concernId } = await submittedConcern(t(), {
      memberCode: member.code,
      category: 'environment',
      text: '河道里有人倾倒垃圾，气味很大。',
    });
    smtp.refuse(1);
    const r = await county.send('POST', `/api/concerns/${concernId}/escalate`, { reason: '跨区县河道' });
    assert.equal(r.statusCode, 200, r.body);
    // The first try (right after commit) was refused: the message waits in the outbox.
    assert.equal(smtp.received.length, 0);
    const [row] = await t().deps.db.query<{ attempts: number; sent_at: Date | null; last_error: string }>(
      `select attempts, sent_at, last_error from outbox where channel = 'email' and kind = 'concern.escalated'`,
    );
    assert.equal(row!.attempts, 1);
    assert.equal(row!.sent_at, null);
    assert.match(row!.last_error, /451|busy/);

    // Retried once its backoff (30 s, give or take a fifth) has passed.
    assert.deepEqual(await deliverPending(t().deps), { sent: 0, failed: 0 });
    t().clock.advance(36_000);
    assert.deepEqual(await deliverPending(t().deps), { sent: 1, failed: 0 });
    assert.deepEqual(await deliverPending(t().deps), { sent: 0, failed: 0 });
    assert.equal(smtp.received.length, 1, 'delivered once');
    const m = smtp.received[0]!;
    assert.equal(m.user, 'lianxin');
    assert.equal(m.from, 'noreply@lianxin.test');
    assert.deepEqual(m.to, ['wang.fang@hengshui.example']);
    assert.equal(header(m.raw, 'To'), 'wang.fang@hengshui.example');
    assert.match(header(m.raw, 'From'), /连心平台 <noreply@lianxin\.test>/);
    assert.match(header(m.raw, 'Subject'), /^【连心】收到上报的群众诉求：查询码 [2-9A-Z]{10}$/);
    assert.match(header(m.raw, 'Content-Type'), /charset=utf-8/i);
    assert.match(header(m.raw, 'Message-ID'), /@lianxin\.outbox>$/);
    const text = body(m.raw);
    assert.match(text, /上报至本级/);
    assert.match(text, /上报原因：跨区县河道/);
  });
});
