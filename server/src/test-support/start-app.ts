import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { jobTick } from '../jobs/worker.ts';
import { manualClock, systemClock } from '../lib/clock.ts';
import { jobHandlers, recurringJobs } from '../background.ts';
import { deliverPending } from '../modules/notify/outbox.ts';
import { indexAllQueued } from '../modules/search/queue.ts';
import { makeTestApp, testPassword } from './app.ts';

// For browser tests: the real app on a random port, a fresh in-memory PGlite with the small
// demo tree, the built web app, and an admin who needs no password change or second factor.
//
// `clock: 'manual'` runs the app on a clock the test moves (deadlines, reminders); the default
// is the system clock, which refuses to move so a test cannot believe it moved time.
// The app runs in the test's process, so `runJobs()` does what main.ts's workers do on their
// timers: one tick of the job queue (recurring jobs included), outbox delivery, search indexing.
export async function startTestApp(
  opts: { seed?: 'small'; webDist?: string; clock?: 'system' | 'manual'; startAt?: Date } = {},
) {
  const db: Db = await openPglite();
  await migrate(db);
  const fixed = () => {
    throw new Error("the system clock cannot be moved: start the app with { clock: 'manual' }");
  };
  const clock =
    opts.clock === 'manual' ? manualClock(opts.startAt) : { ...systemClock, advance: fixed, set: fixed };
  const t = await makeTestApp(db, { webDist: opts.webDist ?? 'web/dist', clock });
  const username = `admin_${randomBytes(3).toString('hex')}`;
  await t.account({ username, role: 'admin', region: '130000' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const url = `http://127.0.0.1:${port}`;
  // QR codes, posters and SMS links point at this server, so a decoded code opens in the browser.
  t.deps.settings.publicBaseUrl = url;
  return {
    url,
    admin: { username, password: testPassword },
    db,
    testApp: t,
    clock: t.clock,
    /** Every SMS the app sent (codes, answers), newest last. */
    sms: t.sms,
    /** Every email the app sent (staff notices), newest last. */
    mail: t.mail,
    /** One tick of the background workers: due jobs (deadline sweep included), the outbox, search indexing. */
    async runJobs() {
      const jobs = await jobTick(t.deps, jobHandlers, recurringJobs);
      const outbox = await deliverPending(t.deps);
      const indexed = await indexAllQueued(t.deps);
      return { jobs, outbox, indexed };
    },
    close: () => t.close(),
  };
}
