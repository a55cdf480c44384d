import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileMail, memoryMail } from './mail.ts';
import { fileSms, memorySms } from './sms.ts';

// The local transports deduplicate by idempotency key, as a real gateway does: a repeat is
// dropped and counted, a failed delivery does not count as delivered, and the file transports
// remember the keys across a restart (what a sender that died and came back re-sends).

test('memory SMS and mail drop a repeated key and count it; messages without a key all go', async () => {
  const sms = memorySms();
  await sms.send('13900001111', 'a', { key: 'k1' });
  await sms.send('13900001111', 'a', { key: 'k1' });
  await sms.send('13900001111', 'b');
  await sms.send('13900001111', 'b');
  assert.deepEqual(
    sms.sent.map((m) => m.text),
    ['a', 'b', 'b'],
  );
  assert.equal(sms.repeats, 1);
  const mail = memoryMail();
  await mail.send({ to: 'a@example.org', subject: 's', text: 't', key: 'm1' });
  await mail.send({ to: 'a@example.org', subject: 's', text: 't', key: 'm1' });
  assert.equal(mail.sent.length, 1);
  assert.equal(mail.repeats, 1);
});

test('a delivery that failed is not remembered: the retry goes through', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'lx-sms-'));
  try {
    const sms = fileSms(path.join(dir, 'missing', 'sms.log'));
    await assert.rejects(sms.send('13900001111', 'a', { key: 'k1' }));
    const ok = fileSms(path.join(dir, 'sms.log'));
    await ok.send('13900001111', 'a', { key: 'k1' });
    assert.equal(ok.repeats, 0);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('the file transports remember delivered keys across a restart', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'lx-sms-'));
  try {
    const file = path.join(dir, 'sms.log');
    await fileSms(file).send('13900001111', '【连心】已答复', { key: 'row-1' });
    const restarted = fileSms(file);
    await restarted.send('13900001111', '【连心】已答复', { key: 'row-1' });
    await restarted.send('13900002222', '【连心】已答复', { key: 'row-2' });
    assert.equal(restarted.repeats, 1);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l).key),
      ['row-1', 'row-2'],
    );
    const mailFile = path.join(dir, 'mail.log');
    await fileMail(mailFile).send({ to: 'a@example.org', subject: 's', text: 't', key: 'row-3' });
    const again = fileMail(mailFile);
    await again.send({ to: 'a@example.org', subject: 's', text: 't', key: 'row-3' });
    assert.equal(again.repeats, 1);
    assert.equal((await readFile(mailFile, 'utf8')).trim().split('\n').length, 1);
  } finally {
    await rm(dir, { recursive: true });
  }
});
