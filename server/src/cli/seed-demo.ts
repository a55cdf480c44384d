// npm run seed:demo — builds the demo province into the configured database (idempotent
// for the organisation; members are added only to an empty roster).
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { depsFromConfig } from '../deps-from-config.ts';
import { ensureInitialAdmin } from '../modules/auth/accounts.ts';
import { seedDemo, seedOrganisation } from '../modules/demo/seed.ts';
import { consoleMail } from '../lib/mail.ts';
import { consoleSms } from '../lib/sms.ts';

const config = loadConfig();
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(db);
// Seeding sends nothing: messages go to the console whatever the configuration says.
const deps = { ...(await depsFromConfig(config, db)), sms: consoleSms(), mail: consoleMail() };
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
