// npm run seed:demo — builds the demo province into the configured database (idempotent
// for the organisation; members are added only to an empty roster).
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { randomIds, systemClock } from '../lib/clock.ts';
import { makeSealer } from '../lib/crypto.ts';
import { loadSecretKey } from '../lib/secret-key.ts';
import { ensureInitialAdmin } from '../modules/auth/accounts.ts';
import { seedDemo, seedOrganisation } from '../modules/demo/seed.ts';
import { consoleMail } from '../modules/notify/mail.ts';
import { consoleSms } from '../modules/notify/sms.ts';

const config = loadConfig();
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(db);
const deps = {
  db,
  clock: systemClock,
  ids: randomIds,
  sealer: makeSealer(await loadSecretKey(config.SECRET_KEY, config.DATA_DIR)),
  sms: consoleSms(), // seeding sends nothing
  mail: consoleMail(),
  settings: {
    sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    secureCookies: config.SECURE_COOKIES,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  },
};
const hasMembers = (await db.query('select 1 from memberships limit 1')).length > 0;
if (hasMembers) {
  await seedOrganisation(deps, config.DEMO_PROVINCE);
  console.log('Members already present: organisation refreshed, roster left as it is.');
} else {
  console.log(await seedDemo(deps, { provinceCode: config.DEMO_PROVINCE }));
}
const admin = await ensureInitialAdmin(deps);
if (admin) console.log(`staff admin: ${admin.username} / ${admin.password}`);
await db.close();
