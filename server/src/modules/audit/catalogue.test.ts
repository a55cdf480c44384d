import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { auditActions } from '../../../../contracts/audit-texts.ts';
import { buildHttpSurface } from '../../test-support/http-surface.ts';

// Every action code the server can write must read as words in the log and its export, and
// be offered in the "kind of action" filter: the catalogue must know them all.
const known = new Set(Object.keys(auditActions));
const root = new URL('../../../../', import.meta.url).pathname;
const sources = globSync('server/src/**/*.ts', { cwd: root }).filter((f) => !f.endsWith('.test.ts'));

test('every action a route records is in the catalogue', async () => {
  const { routes } = await buildHttpSurface();
  const unsafe = routes.filter(
    (r) =>
      r.url.startsWith('/api/') && [r.method].flat().some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m)),
  );
  assert.ok(unsafe.length > 40, 'the surface lists the writing routes');
  for (const r of unsafe) {
    const action = (r.config as { action?: string } | undefined)?.action;
    assert.ok(action, `${String(r.method)} ${r.url} names its action (config.action)`);
    assert.ok(known.has(action), `${action} (${String(r.method)} ${r.url}) is in contracts/audit-texts.ts`);
  }
});

test('every action a service or a workflow writes is in the catalogue', () => {
  const codes = new Map<string, string>();
  for (const f of sources)
    for (const m of readFileSync(root + f, 'utf8').matchAll(/\baction: '([A-Za-z_]+\.[A-Za-z_.]+)'/g))
      codes.set(m[1]!, f);
  for (const f of globSync('contracts/*workflow*.ts', { cwd: root }).filter((f) => !f.endsWith('.test.ts')))
    for (const m of readFileSync(root + f, 'utf8').matchAll(/\baudit: '([A-Za-z_.]+)'/g)) codes.set(m[1]!, f);
  assert.ok(codes.size > 40, 'the scan finds the codes');
  for (const [code, file] of codes) assert.ok(known.has(code), `${code} (${file}) is in the catalogue`);
});

// Codes built at run time, and what they expand to; a new one must be listed here. Those of
// route configs expand when routes register, and the first test checks them there.
const built: Record<string, string[]> = {
  'commonIssues.${name}': [],
  "concerns.${name.replaceAll('-', '_')}": [],
  'studios.duty_${kind}_remove': ['studios.duty_rule_remove', 'studios.duty_slot_remove'],
  '${namedKinds[table].action}.create': ['sectors.create', 'special_committees.create'],
  '${namedKinds[table].action}.update': ['sectors.update', 'special_committees.update'],
  'commonIssues.${action.kind}': [
    'commonIssues.confirm',
    'commonIssues.detach',
    'commonIssues.merge',
    'commonIssues.split',
  ],
};

test('codes built at run time are listed with what they expand to, all in the catalogue', () => {
  const found = new Set<string>();
  for (const f of sources)
    for (const m of readFileSync(root + f, 'utf8').matchAll(/\baction: `([^`]+)`/g))
      if (!m[1]!.includes('/')) found.add(m[1]!); // a form's action URL is no audit code
  assert.deepEqual([...found].sort(), Object.keys(built).sort());
  for (const code of Object.values(built).flat()) assert.ok(known.has(code), `${code} is in the catalogue`);
});
