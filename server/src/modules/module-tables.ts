import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Which module owns each table. A module's SQL may name only its own tables (and the few shared
// ones below); another module's data comes through that owner's service.ts or what it publishes
// (for-<caller>.ts). The map is read from the migrations, so a new table gets an owner the day it
// is created: module-tables.test.ts fails on a migration missing from `migrationOwners`.

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

type MigrationOwner = { owner: string; tables?: Record<string, string> };

/**
 * The module owning the tables each migration creates; `tables` names the ones of a migration
 * that belong to another module. 'http' is the infrastructure folder (request rate limits,
 * idempotency keys): a module uses its tables only through what http/ exports (e.g. the rate
 * limit SQL fragments intake composes). 'jobs' is the queue, owned by modules/jobs for the
 * failed-work admin and written by jobs/ underneath.
 */
export const migrationOwners: Record<string, MigrationOwner> = {
  '0001_foundation.sql': {
    owner: 'org',
    tables: {
      persons: 'members',
      memberships: 'members',
      accounts: 'auth',
      sessions: 'auth',
      audit_log: 'audit',
      idempotency_keys: 'http',
    },
  },
  '0002_studios.sql': { owner: 'studios' },
  '0003_concerns.sql': {
    owner: 'concerns',
    tables: { outbox: 'notify', sms_codes: 'notify', rate_limits: 'http' },
  },
  '0004_concerns_photos.sql': { owner: 'concerns' },
  '0006_jobs.sql': { owner: 'jobs' },
  '0007_notices_mail.sql': { owner: 'notify' },
  '0008_routing_reception_erasure.sql': { owner: 'routing' },
  '0009_search.sql': { owner: 'search' },
  // text_models holds the learned routing model's state; routing trains and reads it.
  '0011_common_issues.sql': { owner: 'common-issues', tables: { text_models: 'routing' } },
  '0015_photo_drafts.sql': { owner: 'concerns' },
  '0016_search_queue.sql': { owner: 'search' },
  '0019_login_failures.sql': { owner: 'auth' },
  // Adds columns only: committees.separate_duties (org's setting), studios.submitted_by.
  '0021_separation_of_duties.sql': { owner: 'org' },
  '0022_roster_imports.sql': { owner: 'members' },
  '0028_search_reindex.sql': { owner: 'search' },
  '0029_member_pinyin_compact.sql': { owner: 'members' },
  '0039_roster_exports.sql': { owner: 'members' },
  '0030_concern_list_index.sql': { owner: 'concerns' },
  // The outbox's leases and retry schedule, and the transports' circuits: notify's delivery.
  '0031_outbox_leases_circuits.sql': { owner: 'notify' },
  '0050_common_issue_names.sql': { owner: 'common-issues' },
  '0051_reply_templates.sql': { owner: 'concerns' },
  '0038_studio_hotline.sql': { owner: 'studios' },
  '0023_department_accounts.sql': { owner: 'auth' },
  '0024_concerns_to_departments.sql': { owner: 'concerns' },
  '0025_committee_settings.sql': { owner: 'org' },
  '0034_sealing_key.sql': { owner: 'keys' },
  '0035_audit_chain.sql': { owner: 'audit' },
  '0036_concern_handover_index.sql': { owner: 'concerns' },
  '0040_consultations.sql': { owner: 'consultations' },
  '0041_consultation_reminders.sql': { owner: 'consultations' },
};

/**
 * The cross-module reads every scan allows, kept as short as possible. `module: '*'` is every
 * module.
 */
export const sharedTables: readonly { table: string; module: string; why: string }[] = [
  { table: 'committees', module: '*', why: 'the scope tree every query filters by (db/scope.ts)' },
  // The demo seed builds a whole committee tree with its sectors and bodies before any staff
  // exist to do it through org's service; it runs once, offline, never in a request.
  { table: 'sectors', module: 'demo', why: 'demo seed writes the org tables' },
  { table: 'special_committees', module: 'demo', why: 'demo seed writes the org tables' },
  { table: 'departments', module: 'demo', why: 'demo seed writes the org tables' },
];

const createTable = /\bcreate\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi;

/** Tables a migration's SQL creates, in order. */
export function tablesCreatedBy(sql: string): string[] {
  const text = sql.replace(/--[^\n]*/g, '');
  return [...text.matchAll(createTable)].map((m) => m[1]!.toLowerCase());
}

/** table → owning module, from every migration; throws on a migration or table without owner. */
export function tableOwners(dir = migrationsDir): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const created = tablesCreatedBy(readFileSync(dir + file, 'utf8'));
    if (!created.length) continue;
    const entry = migrationOwners[file];
    if (!entry) throw new Error(`${file} creates ${created.join(', ')}: add it to migrationOwners`);
    for (const t of Object.keys(entry.tables ?? {})) {
      if (!created.includes(t)) throw new Error(`migrationOwners: ${file} does not create ${t}`);
    }
    for (const t of created) owners.set(t, entry.tables?.[t] ?? entry.owner);
  }
  return owners;
}

export function isShared(table: string, module: string) {
  return sharedTables.some((s) => s.table === table && (s.module === '*' || s.module === module));
}

// SQL that names a table: reads, writes, joins, foreign keys and DDL.
const namesTable =
  /\b(?:from|join|into|update|references|truncate|table)\s+(?:only\s+)?(?:public\.)?([a-z_][a-z0-9_]*)/gi;

/** Comments blanked (line breaks kept, so positions still give line numbers). */
function withoutComments(source: string) {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return source
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/(^|[^:])\/\/[^\n]*/g, (m, before: string) => before + blank(m.slice(before.length)))
    .replace(/--\s[^\n]*/g, blank);
}

export type ForeignTable = { line: number; table: string; owner: string; text: string };

/** Each place `source`, a file of `module`, names a table another module owns. */
export function foreignTables(module: string, source: string, owners: Map<string, string>): ForeignTable[] {
  const found: ForeignTable[] = [];
  const lines = source.split('\n');
  for (const m of withoutComments(source).matchAll(namesTable)) {
    const table = m[1]!.toLowerCase();
    const owner = owners.get(table);
    if (!owner || owner === module || isShared(table, module)) continue;
    const line = source.slice(0, m.index).split('\n').length;
    found.push({ line, table, owner, text: lines[line - 1]!.trim() });
  }
  return found;
}
