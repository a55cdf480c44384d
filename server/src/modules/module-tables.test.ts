// A module's SQL names only its own tables: what it needs of another module's data comes through
// that module's service.ts or a read it publishes (for-<caller>.ts), so each table's queries all
// live in one folder and its owner can change it knowing every reader.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { foreignTables, tableOwners, tablesCreatedBy } from './module-tables.ts';

const modulesDir = fileURLToPath(new URL('.', import.meta.url));
const modules = readdirSync(modulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path] : [];
  });
}

test('every table has an owner, a module or an infrastructure folder', () => {
  const owners = tableOwners();
  assert.ok(owners.size >= 30, `${owners.size} tables`);
  for (const [table, owner] of owners) {
    assert.ok(
      modules.includes(owner) || ['http', 'jobs'].includes(owner),
      `${table} owned by unknown ${owner}`,
    );
  }
  assert.equal(owners.get('memberships'), 'members');
  assert.equal(owners.get('concern_photo_drafts'), 'concerns');
});

test('the scan finds a foreign table in reads, joins, writes and foreign keys, not in comments', () => {
  const owners = new Map([
    ['concerns', 'concerns'],
    ['studios', 'studios'],
    ['persons', 'members'],
    ['committees', 'org'],
  ]);
  const source = [
    '// select * from studios',
    'const a = `select k.id from concerns k',
    '  join studios s on s.id = k.studio_id',
    '  join committees c on c.id = k.committee_id`;',
    "const b = 'update persons set name = $1';",
    "const c = 'insert into Persons (id) values ($1)'; /* from studios */",
    "const d = 'create table x (p uuid references persons (id))';",
  ].join('\n');
  const found = foreignTables('concerns', source, owners).map((f) => `${f.line}:${f.table}`);
  assert.deepEqual(found, ['3:studios', '5:persons', '6:persons', '7:persons']);
  assert.deepEqual(
    tablesCreatedBy('-- create table old (\ncreate unlogged table t (x int);\nCREATE TABLE u ()'),
    ['t', 'u'],
  );
});

test("no module's SQL names another module's table", () => {
  const owners = tableOwners();
  const findings: string[] = [];
  for (const module of modules) {
    for (const file of sourceFiles(join(modulesDir, module))) {
      const at = file.slice(modulesDir.length);
      for (const f of foreignTables(module, readFileSync(file, 'utf8'), owners))
        findings.push(`modules/${at}:${f.line} ${module} names ${f.owner}'s ${f.table}: ${f.text}`);
    }
  }
  assert.ok(!findings.length, `\n${findings.join('\n')}\n`);
});
