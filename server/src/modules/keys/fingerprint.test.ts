import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../db/db.ts';
import { migrate } from '../../db/migrate.ts';
import { openDb } from '../../db/open.ts';
import { keyFingerprint, makeSealer } from '../../lib/crypto.ts';
import { testBackends } from '../../test-support/test-db.ts';
import { KeyCheckError, sealerForDatabase } from './fingerprint.ts';

const now = new Date('2026-03-01T02:00:00Z');
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'lx-key-'));
const hex = (k: Buffer) => k.toString('hex');

for (const backend of testBackends()) {
  describe(`key fingerprint [${backend.name}]`, () => {
    let db: Db;
    const dirs: string[] = [];
    const dir = async () => {
      const d = await tmp();
      dirs.push(d);
      return d;
    };
    before(async () => {
      db = await backend.open();
    });
    after(async () => {
      await db.close();
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    });
    // Each test starts from a database with no fingerprint and no sealed data.
    const fresh = async () => {
      await db.query('delete from sealing_key');
      await db.query("delete from outbox where channel = 'sms'");
    };

    test('a new database records the key it got (generated into an empty DATA_DIR) and opens with it again', async () => {
      await fresh();
      const dataDir = await dir();
      const first = await sealerForDatabase(db, { dataDir }, now);
      assert.ok(existsSync(path.join(dataDir, 'secret.key')));
      const sealed = first.seal('13900001111');
      const again = await sealerForDatabase(db, { dataDir }, now);
      assert.equal(again.open(sealed), '13900001111');
      const [row] = await db.query<{ algorithm: string }>('select algorithm from sealing_key');
      assert.equal(row?.algorithm, 'aes-256-gcm');
    });

    test('an empty DATA_DIR on a database with a fingerprint stops, naming SECRET_KEY and DATA_DIR, and makes no key', async () => {
      await fresh();
      const key = randomBytes(32);
      await sealerForDatabase(db, { secretKey: hex(key), dataDir: await dir() }, now);
      const empty = await dir();
      await assert.rejects(
        sealerForDatabase(db, { dataDir: empty }, now),
        (err: Error) =>
          err instanceof KeyCheckError &&
          /SECRET_KEY/.test(err.message) &&
          /DATA_DIR/.test(err.message) &&
          err.message.includes(keyFingerprint(key)),
      );
      assert.equal(existsSync(path.join(empty, 'secret.key')), false);
    });

    test('another key (SECRET_KEY or DATA_DIR/secret.key) stops with both fingerprints', async () => {
      await fresh();
      const key = randomBytes(32);
      await sealerForDatabase(db, { secretKey: hex(key), dataDir: await dir() }, now);
      const wrong = randomBytes(32);
      await assert.rejects(
        sealerForDatabase(db, { secretKey: hex(wrong), dataDir: await dir() }, now),
        (err: Error) => {
          assert.ok(err instanceof KeyCheckError);
          assert.ok(err.message.includes(keyFingerprint(key)) && err.message.includes(keyFingerprint(wrong)));
          assert.match(err.message, /SECRET_KEY/);
          return true;
        },
      );
      const other = await dir();
      await writeFile(path.join(other, 'secret.key'), hex(wrong));
      await assert.rejects(
        sealerForDatabase(db, { dataDir: other }, now),
        /Wrong encryption key.*secret\.key/s,
      );
    });

    test('a database sealed before fingerprints is checked by opening its data, then recorded', async () => {
      await fresh();
      const key = randomBytes(32);
      await db.query(
        `insert into outbox (id, kind, channel, recipient, payload, created_at) values ($1, 'test', 'sms', $2, '{}', $3)`,
        [randomUUID(), makeSealer(key).seal('13900001111'), now],
      );
      await assert.rejects(
        sealerForDatabase(db, { secretKey: hex(randomBytes(32)), dataDir: await dir() }, now),
        (err: Error) => err instanceof KeyCheckError && /does not open/.test(err.message),
      );
      assert.equal((await db.query('select 1 from sealing_key')).length, 0);
      await assert.rejects(sealerForDatabase(db, { dataDir: await dir() }, now), /No encryption key/);
      await sealerForDatabase(db, { secretKey: hex(key), dataDir: await dir() }, now);
      const [row] = await db.query<{ fingerprint: string }>('select fingerprint from sealing_key');
      assert.equal(row?.fingerprint, keyFingerprint(key));
    });

    test('SEAL_ALGORITHM is kept from install: sm4 installs seal with SM4, and a different setting later stops', async () => {
      await fresh();
      const secretKey = hex(randomBytes(32));
      const sealer = await sealerForDatabase(db, { secretKey, dataDir: await dir(), algorithm: 'sm4' }, now);
      assert.equal(sealer.algorithm, 'sm4');
      assert.match(sealer.seal('x'), /^s1\./);
      // Unset later: the database's choice holds.
      assert.equal((await sealerForDatabase(db, { secretKey, dataDir: await dir() }, now)).algorithm, 'sm4');
      await assert.rejects(
        sealerForDatabase(db, { secretKey, dataDir: await dir(), algorithm: 'aes-256-gcm' }, now),
        /SEAL_ALGORITHM=aes-256-gcm.*sm4/s,
      );
    });
  });
}

test('npm start with an empty DATA_DIR on a database sealed with another key exits 2 naming SECRET_KEY and DATA_DIR', async () => {
  const dataDir = await tmp();
  try {
    const db = await openDb({ dataDir });
    await migrate(db);
    await sealerForDatabase(db, { secretKey: hex(randomBytes(32)), dataDir: await tmp() }, now);
    await db.close();
    const main = path.resolve(import.meta.dirname, '../../main.ts');
    const run = spawnSync(process.execPath, [main], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        SECRET_KEY: '',
        DEMO_SEED: 'false',
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stdout + run.stderr, /SECRET_KEY/);
    assert.match(run.stdout + run.stderr, /DATA_DIR/);
    assert.equal(existsSync(path.join(dataDir, 'secret.key')), false, 'no new key was generated');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
