import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { systemClock } from '../lib/clock.ts';
import { makeTestApp, testPassword } from './app.ts';

// For browser tests: the real app on a random port, a fresh in-memory PGlite with the small
// demo tree, the built web app, and an admin who needs no password change or second factor.
export async function startTestApp(opts: { seed?: 'small'; webDist?: string } = {}) {
  const db: Db = await openPglite();
  await migrate(db);
  const t = await makeTestApp(db, {
    webDist: opts.webDist ?? 'web/dist',
    clock: { ...systemClock, advance() {}, set() {} },
  });
  const username = `admin_${randomBytes(3).toString('hex')}`;
  await t.account({ username, role: 'admin', region: '130000' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    admin: { username, password: testPassword },
    db,
    testApp: t,
    close: () => t.close(),
  };
}
