import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { keyFingerprint, makeSealer } from '../../lib/crypto.ts';
import type { SealAlgorithm, Sealer } from '../../lib/crypto.ts';
import { makeTestApp, testSealAlgorithm } from '../../test-support/app.ts';
import type { TestApp } from '../../test-support/app.ts';
import { concernRoutedToMember, freshPhone } from '../../test-support/fixtures.ts';
import type { AccountFixture } from '../../test-support/fixtures.ts';
import { testBackends } from '../../test-support/test-db.ts';
import { KeyCheckError, sealerForDatabase } from './fingerprint.ts';
import { RotationError, rotateKey } from './rotate.ts';
import { sealedSets } from './sealed-sets.ts';

const now = new Date('2026-11-23T01:00:00Z');
const installed: SealAlgorithm = testSealAlgorithm();

/** Every sealed value of every owner's sealed columns. */
async function allSealed(t: TestApp) {
  const out: { what: string; v: string }[] = [];
  for (const s of sealedSets)
    for (const c of s.sealed) {
      const rows = await t.deps.db.query<{ v: string }>(
        `select ${c} as v from ${s.table} where ${c} is not null ${s.where ? `and ${s.where}` : ''}`,
      );
      out.push(...rows.map((r) => ({ what: `${s.table}.${c}`, v: r.v })));
    }
  return out;
}
const opensWith = (sealer: Sealer, v: string) => {
  try {
    sealer.open(v);
    return true;
  } catch {
    return false;
  }
};

for (const backend of testBackends()) {
  describe(`key rotation [${backend.name}] (${installed})`, () => {
    let t: TestApp;
    let dataDir: string;
    const oldKey = randomBytes(32);
    // The key the database is sealed with now: each test rotates from it.
    let currentKey = oldKey;
    let routed: { concern: { id: string }; member: AccountFixture };
    let phone: string;
    before(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'lx-rotate-'));
      const db = await backend.open();
      const settings = { secretKey: oldKey.toString('hex'), dataDir, algorithm: installed };
      t = await makeTestApp(db, { sealer: await sealerForDatabase(db, settings, now) });
      phone = freshPhone();
      routed = await concernRoutedToMember(t, { phone });
      await concernRoutedToMember(t, { phone: freshPhone() });
      const acc = await routed.member.session.send('POST', `/api/concerns/${routed.concern.id}/accept`);
      assert.equal(acc.statusCode, 200, acc.body);
    });
    after(async () => {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    test('stopped after 2 batches (as a crash), the app refuses to start; a second run resumes and finishes', async () => {
      const db = t.deps.db;
      const newKey = randomBytes(32);
      const before = await allSealed(t);
      assert.ok(before.length > 10, `sealed values to rotate: ${before.length}`);
      assert.ok(
        new Set(before.map((b) => b.what)).size >= 2,
        `several owners’ columns: ${[...new Set(before.map((b) => b.what))].join(', ')}`,
      );

      const oldKey = currentKey;
      const first = await rotateKey(db, { oldKey, newKey, batch: 5, stopAfter: 2, now });
      assert.equal(first.finished, false);
      assert.equal(first.batches, 2);
      assert.equal(first.rows, 10);
      const newSealer = makeSealer(newKey, installed);
      const oldSealer = makeSealer(oldKey, installed);
      const mid = await allSealed(t);
      const moved = mid.filter((m) => opensWith(newSealer, m.v)).length;
      assert.equal(moved, 10, 'exactly the committed batches were re-sealed');
      assert.equal(mid.filter((m) => opensWith(oldSealer, m.v)).length, mid.length - 10);

      // Meanwhile no start, with either key.
      for (const key of [oldKey, newKey])
        await assert.rejects(
          sealerForDatabase(db, { secretKey: key.toString('hex'), dataDir }, now),
          (err: Error) => err instanceof KeyCheckError && /rotation is in progress/.test(err.message),
        );
      // Resuming with some other key is refused.
      await assert.rejects(rotateKey(db, { oldKey, newKey: randomBytes(32), now }), RotationError);

      const second = await rotateKey(db, { oldKey, newKey, batch: 5, now });
      assert.equal(second.finished, true);
      // Rows, not values: a concern may hold a sealed phone and a sealed name.
      assert.ok(first.rows + second.rows <= before.length);
      const end = await allSealed(t);
      assert.equal(end.length, before.length);
      assert.ok(end.every((e) => opensWith(newSealer, e.v) && !opensWith(oldSealer, e.v)));

      // The app starts with the new key only, and reads what was sealed with the old one.
      await assert.rejects(
        sealerForDatabase(db, { secretKey: oldKey.toString('hex'), dataDir }, now),
        /Wrong encryption key/,
      );
      const started = await sealerForDatabase(db, { secretKey: newKey.toString('hex'), dataDir }, now);
      assert.equal(
        keyFingerprint(newKey),
        (await db.query<{ fingerprint: string }>('select fingerprint from sealing_key'))[0]!.fingerprint,
      );
      t.deps.sealer = started;
      const r = await routed.member.session.get(`/api/concerns/${routed.concern.id}/phone`);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().phone, phone);
      // Lookup hashes followed the key: the citizen's phone still finds their concerns.
      const [k] = await db.query<{ n: number }>(
        'select count(*)::int as n from concerns where citizen_phone_hash = $1',
        [started.hash(phone)],
      );
      assert.equal(k!.n, 1);
      currentKey = newKey;
      const [audited] = await db.query<{ detail: { to: string } }>(
        "select detail from audit_log where action = 'keys.rotate' order by chain_seq desc limit 1",
      );
      assert.equal(audited?.detail.to, keyFingerprint(newKey));
      // A run with the old key after the end is refused, saying why.
      await assert.rejects(rotateKey(db, { oldKey, newKey: randomBytes(32), now }), /not the database's/);
    });

    test('a batch that fails half-way writes nothing of itself; the run resumes after the cause is gone', async () => {
      const db = t.deps.db;
      const bad = randomUUID();
      await db.query(
        `insert into outbox (id, kind, channel, recipient, payload, created_at) values ($1, 'test', 'sms', 'v1.AAAA.AAAA.AAAA', '{}', $2)`,
        [bad, now],
      );
      const newKey = randomBytes(32);
      await assert.rejects(
        rotateKey(db, { oldKey: currentKey, newKey, batch: 3, now }),
        (err: Error) => err instanceof RotationError && err.message.includes(`outbox.recipient of ${bad}`),
      );
      const [p] = await db.query<{ rotation_progress: Record<string, string> }>(
        'select rotation_progress from sealing_key',
      );
      assert.equal(p!.rotation_progress['persons.phone'], '*', 'the sets before it stay done');
      assert.notEqual(p!.rotation_progress['outbox.sms'], '*');
      // The failed batch's other rows (all after the last committed one) are untouched: still
      // sealed with the current key.
      const current = makeSealer(currentKey, t.deps.sealer.algorithm);
      const doneTo = p!.rotation_progress['outbox.sms'];
      const sms = await db.query<{ recipient: string }>(
        `select recipient from outbox where channel = 'sms' and id <> $1 ${doneTo ? 'and id > $2' : ''}`,
        doneTo ? [bad, doneTo] : [bad],
      );
      assert.ok(sms.every((m) => opensWith(current, m.recipient)));
      await db.query('delete from outbox where id = $1', [bad]);
      const r = await rotateKey(db, { oldKey: currentKey, newKey, batch: 3, now });
      assert.equal(r.finished, true);
      currentKey = newKey;
      t.deps.sealer = await sealerForDatabase(db, { secretKey: newKey.toString('hex'), dataDir }, now);
      assert.ok((await allSealed(t)).every((e) => opensWith(t.deps.sealer, e.v)));
    });

    test('rotation can move to the other algorithm (国密 SM4 from AES-GCM, or back)', async () => {
      const db = t.deps.db;
      const [row] = await db.query<{ algorithm: SealAlgorithm }>('select algorithm from sealing_key');
      const target: SealAlgorithm = row!.algorithm === 'sm4' ? 'aes-256-gcm' : 'sm4';
      const newKey = randomBytes(32);
      const r = await rotateKey(db, { oldKey: currentKey, newKey, algorithm: target, now });
      assert.equal(r.finished, true);
      currentKey = newKey;
      const sealer = makeSealer(newKey, target);
      const end = await allSealed(t);
      assert.ok(end.every((e) => e.v.startsWith(target === 'sm4' ? 's1.' : 'v1.') && opensWith(sealer, e.v)));
      // Unset SEAL_ALGORITHM: the database's new choice holds.
      t.deps.sealer = await sealerForDatabase(db, { secretKey: newKey.toString('hex'), dataDir }, now);
      assert.equal(t.deps.sealer.algorithm, target);
      const got = await routed.member.session.get(`/api/concerns/${routed.concern.id}/phone`);
      assert.equal(got.statusCode, 200, got.body);
      assert.equal(got.json().phone, phone);
    });
  });
}
