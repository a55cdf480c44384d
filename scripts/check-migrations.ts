// Landed migrations are never edited: server/migrations/checksums.txt lists each one's sha256
// (in `sha256sum` format, so `sha256sum -c checksums.txt` in the folder agrees), and this
// check fails when a listed file changed or is gone, or when a migration is not listed yet.
//
//   node scripts/check-migrations.ts [folder]          check (npm run check runs it)
//   node scripts/check-migrations.ts [folder] --add    also list the migrations not listed yet
//
// The folder defaults to server/migrations. Exit code 1 on any problem.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checksum, migrationFilePattern, migrationsDir } from '../server/src/db/migrate.ts';

const args = process.argv.slice(2);
const add = args.includes('--add');
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? migrationsDir);
const listFile = path.join(dir, 'checksums.txt');

const listed = new Map<string, string>();
const text = existsSync(listFile) ? readFileSync(listFile, 'utf8') : '';
for (const line of text.split('\n')) {
  if (!line.trim()) continue;
  const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
  if (!m) {
    console.error(`${listFile}: not "<sha256>  <file>": ${line}`);
    process.exit(1);
  }
  listed.set(m[2]!, m[1]!);
}

const problems: string[] = [];
for (const [file, sum] of listed) {
  const full = path.join(dir, file);
  if (!existsSync(full)) problems.push(`${file} is listed in checksums.txt but was removed`);
  else if (checksum(readFileSync(full)) !== sum)
    problems.push(`${file} changed after it landed: put the change in a new migration instead`);
}
const files = readdirSync(dir)
  .filter((f) => migrationFilePattern.test(f))
  .sort();
const unlisted = files.filter((f) => !listed.has(f));

if (add && unlisted.length) {
  const lines = unlisted.map((f) => `${checksum(readFileSync(path.join(dir, f)))}  ${f}\n`);
  const sep = text && !text.endsWith('\n') ? '\n' : '';
  writeFileSync(listFile, text + sep + lines.join(''));
  for (const f of unlisted) console.log(`listed ${f}`);
} else {
  for (const f of unlisted)
    problems.push(`${f} is not in checksums.txt: run node scripts/check-migrations.ts --add`);
}

for (const p of problems) console.error(`migrations: ${p}`);
process.exit(problems.length ? 1 : 0);
