// npm run audit:verify [-- --backup DIR]... [--head SEQ:HASH]...
// Walks the audit chain and names the first edited, deleted or inserted row. Heads kept
// outside the database (a backup's manifest, the "audit chain head" line of the app's log)
// are checked too: a chain rewritten after them no longer reaches the same hash.
// Exit 0: the chain is whole; 1: problems (listed); 2: could not run.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { verifyChain } from '../modules/audit/chain.ts';
import type { ChainHead } from '../modules/audit/chain.ts';
import { readManifest } from '../modules/backup/service.ts';
import { openForCommand } from './open-for-command.ts';

const { values } = parseArgs({
  options: { backup: { type: 'string', multiple: true }, head: { type: 'string', multiple: true } },
});
const checkpoints: (ChainHead & { from: string })[] = [];
for (const dir of values.backup ?? []) {
  const m = await readManifest(dir);
  if (m.auditHead) checkpoints.push({ ...m.auditHead, from: `backup ${dir}` });
}
for (const h of values.head ?? []) {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(h);
  if (!m) {
    console.error(`--head ${h}: expected SEQ:HASH (the auditChainHead of a log line)`);
    process.exit(2);
  }
  checkpoints.push({ seq: Number(m[1]), hash: m[2]!, from: `--head ${m[1]}` });
}
const config = loadConfig();
const db = await openForCommand(config, 'Stop it to verify, or verify a backup restored elsewhere.');
const report = await verifyChain(db, checkpoints);
await db.close();
console.log(`audit chain: ${report.rows} rows, head ${report.head?.seq ?? 0}:${report.head?.hash ?? '-'}`);
if (!report.problems.length) {
  console.log(`whole${checkpoints.length ? `, and it holds ${checkpoints.length} recorded head(s)` : ''}`);
  process.exit(0);
}
console.log(`FIRST PROBLEM: ${report.problems[0]!.message}`);
for (const p of report.problems.slice(1, 50)) console.log(`  also: ${p.message}`);
if (report.problems.length > 50) console.log(`  … ${report.problems.length - 50} more`);
process.exit(1);
