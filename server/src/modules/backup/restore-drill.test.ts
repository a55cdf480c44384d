import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Db } from '../../db/db.ts';
import { migrate } from '../../db/migrate.ts';
import { openDb } from '../../db/open.ts';
import type { SealAlgorithm } from '../../lib/crypto.ts';
import { makeTestApp, testSealAlgorithm } from '../../test-support/app.ts';
import { concernRoutedToMember, freshPhone } from '../../test-support/fixtures.ts';
import { verifyChain } from '../audit/chain.ts';
import { KeyCheckError, sealerForDatabase } from '../keys/fingerprint.ts';
import { backup, restore } from './service.ts';
import type { BackupSettings } from './service.ts';

// The drill an operator runs: back up, lose the database, restore, start, read a concern's
// phone. On each backend, with the app's own code paths (the key check at start included).

type Target = {
  name: string;
  settings: BackupSettings;
  open(): Promise<Db>;
  destroy(): Promise<void>;
  cleanup(): Promise<void>;
};

async function pgliteTarget(dataDir: string, secretKey: string): Promise<Target> {
  return {
    name: 'pglite',
    settings: { secretKey, dataDir },
    open: () => openDb({ dataDir }),
    destroy: () => rm(path.join(dataDir, 'pglite'), { recursive: true, force: true }),
    cleanup: async () => undefined,
  };
}

async function postgresTarget(url: string, secretKey: string, dataDir: string): Promise<Target> {
  const name = `lx_drill_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const databaseUrl = u.toString();
  return {
    name: 'postgres',
    settings: { databaseUrl, secretKey, dataDir },
    open: () => openDb({ databaseUrl, dataDir }),
    // Lost: dropped, and an empty database of the same name made for the restore.
    destroy: async () => {
      await admin(`drop database ${name} with (force)`);
      await admin(`create database ${name}`);
    },
    cleanup: () => admin(`drop database if exists ${name} with (force)`),
  };
}

const backends = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];
const algorithm: SealAlgorithm = testSealAlgorithm();

for (const backend of backends) {
  describe(`restore drill [${backend}] (${algorithm})`, () => {
    let work: string;
    let target: Target;
    const secretKey = randomBytes(32).toString('hex');
    const now = new Date('2026-11-23T01:00:00Z');
    before(async () => {
      work = await mkdtemp(path.join(os.tmpdir(), 'lx-drill-'));
      const dataDir = path.join(work, 'data');
      target =
        backend === 'pglite'
          ? await pgliteTarget(dataDir, secretKey)
          : await postgresTarget(process.env.TEST_DATABASE_URL!, secretKey, dataDir);
    });
    after(async () => {
      await target.cleanup();
      await rm(work, { recursive: true, force: true });
    });

    test('back up, destroy, restore, start, reveal the phone; the key stays out of the backup', async () => {
      const keySettings = { ...target.settings, algorithm };
      // Before: the app with a concern holding a citizen's phone, accepted by its member.
      const db = await target.open();
      await migrate(db);
      const sealer = await sealerForDatabase(db, keySettings, now);
      const t = await makeTestApp(db, { sealer });
      const phone = freshPhone();
      const routed = await concernRoutedToMember(t, { phone });
      const { session, username } = routed.member;
      assert.equal((await session.send('POST', `/api/concerns/${routed.concern.id}/accept`)).statusCode, 200);
      const before = await session.get(`/api/concerns/${routed.concern.id}/phone`);
      assert.equal(before.statusCode, 200, before.body);
      assert.equal(before.json().phone, phone);

      const { dir, manifest } = await backup(db, target.settings, path.join(work, 'backups'), now);
      await t.close();
      assert.equal(manifest.database, backend);
      assert.equal(manifest.key?.algorithm, algorithm);
      assert.match(manifest.key?.keptAt ?? '', /SECRET_KEY/);
      assert.ok(manifest.auditHead && manifest.auditHead.seq > 0);
      const dump = await readFile(path.join(dir, manifest.file));
      assert.equal(dump.includes(Buffer.from(secretKey)), false, 'the key is not in the dump');
      assert.equal(dump.includes(Buffer.from(secretKey, 'hex')), false, 'the raw key is not in the dump');

      await target.destroy();
      if (backend === 'pglite') assert.equal(existsSync(path.join(target.settings.dataDir, 'pglite')), false);

      const restored = await restore(dir, target.settings, { now });
      assert.equal(restored.key, 'matches');

      // Start as main.ts does: migrations (none new), the key check, the app.
      const db2 = await target.open();
      assert.deepEqual(await migrate(db2), []);
      // Another key is refused at start, naming the settings; the right one opens.
      await assert.rejects(
        sealerForDatabase(db2, { ...keySettings, secretKey: randomBytes(32).toString('hex') }, now),
        (err: Error) => err instanceof KeyCheckError && /SECRET_KEY/.test(err.message),
      );
      const sealer2 = await sealerForDatabase(db2, keySettings, now);
      const t2 = await makeTestApp(db2, { seed: false, sealer: sealer2 });
      try {
        const s2 = await t2.login(username);
        const after = await s2.get(`/api/concerns/${routed.concern.id}/phone`);
        assert.equal(after.statusCode, 200, after.body);
        assert.equal(after.json().phone, phone);
        // The restored audit log is the one backed up: whole, and it holds the manifest's head.
        const chain = await verifyChain(db2, [{ ...manifest.auditHead, from: 'the backup' }]);
        assert.deepEqual(chain.problems, []);
        // …and says it was restored, in the first row after the backup's head.
        const [next] = await db2.query<{ action: string }>(
          'select action from audit_log where chain_seq = $1',
          [manifest.auditHead!.seq + 1],
        );
        assert.equal(next?.action, 'platform.restore');
      } finally {
        await t2.close();
      }
    });

    test('a restore over a database that holds data is refused without --replace', async () => {
      const db = await target.open();
      await migrate(db);
      const { dir } = await backup(db, target.settings, path.join(work, 'backups-2'), now);
      await db.close();
      await assert.rejects(
        restore(dir, target.settings, { now }),
        backend === 'pglite' ? /--replace/ : /already exists/,
      );
      const r = await restore(dir, target.settings, { now, replace: true });
      if (backend === 'pglite') assert.ok(r.setAside && existsSync(r.setAside), 'the old folder is kept');
    });

    test('a damaged backup is refused before anything is touched', async () => {
      const db = await target.open();
      await migrate(db);
      const { dir, manifest } = await backup(db, target.settings, path.join(work, 'backups-3'), now);
      await db.close();
      const { appendFile } = await import('node:fs/promises');
      await appendFile(path.join(dir, manifest.file), 'x');
      await assert.rejects(restore(dir, target.settings, { now, replace: true }), /damaged/);
    });
  });
}
