// npm run seed:demo — builds the demo into the configured database (idempotent for the
// organisation; the roster, studios and year of concerns are added only to an empty roster).
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { depsFromConfig } from '../deps-from-config.ts';
import { configuredSealer } from '../modules/keys/fingerprint.ts';
import { ensureInitialAdmin } from '../modules/auth/accounts.ts';
import { buildDemo } from '../modules/demo/build.ts';
import { seedOrganisation } from '../modules/demo/seed.ts';
import { consoleMail } from '../lib/mail.ts';
import { consoleSms } from '../lib/sms.ts';

const config = loadConfig();
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(db);
// Seeding sends nothing: messages go to the console whatever the configuration says.
const deps = {
  ...(await depsFromConfig(config, db, await configuredSealer(config, db))),
  sms: consoleSms(),
  mail: consoleMail(),
};
const hasMembers = (await db.query('select 1 from memberships limit 1')).length > 0;
if (hasMembers) {
  await seedOrganisation(deps, config.DEMO_PROVINCE);
  const admin = await ensureInitialAdmin(deps);
  if (admin) console.log(`staff admin: ${admin.username} / ${admin.password}`);
  console.log('Members already present: organisation refreshed, roster left as it is.');
} else {
  const demo = await buildDemo(deps, { provinceCode: config.DEMO_PROVINCE, end: deps.clock.now() });
  const { accounts, ...counts } = demo.showcase;
  console.log({ ...demo.roster, ...counts, failures: counts.failures.length });
  if (demo.admin) console.log(`staff admin: ${demo.admin.username} / ${demo.admin.password}`);
  for (const a of accounts.filter((x) => x.shown)) console.log(`${a.label}: ${a.username} / ${a.password}`);
}
await db.close();
