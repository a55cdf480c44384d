// npm run search:reindex — rebuilds the search index from the tables of the configured
// database (after the demo seed, for data written before the index existed, or after a
// change to how text is segmented). Safe while the app runs: documents are replaced in place.
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { openDb } from '../db/open.ts';
import { reindexAll } from '../modules/search/reindex.ts';

const config = loadConfig();
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(db);
const started = performance.now();
const out = await reindexAll({ db }, { log: (line) => console.log(line) });
console.log({ ...out, ms: Math.round(performance.now() - started) });
await db.close();
