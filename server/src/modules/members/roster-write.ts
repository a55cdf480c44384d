import { createHash } from 'node:crypto';
import type { ImportResult } from '../../../../contracts/members.ts';
import type { Actor } from '../../http/actor.ts';
import type { Deps } from '../../deps.ts';
import { recordAudit } from '../audit/service.ts';
import { indexPersons } from '../search/service.ts';
import type { Checked, Target } from './roster-check.ts';
import { yieldToOthers } from './roster-parse.ts';
import { upsertPersons, upsertSeats } from './writes.ts';

// Writing a checked roster: one transaction, all rows or none, so an import that fails or is
// cut off part way (an error, a restart) leaves the roster as it was. The rows go in chunks of
// a few thousand, each one statement, with a turn for other requests between them: on the
// embedded database a single 50,000-row statement held the process for seconds.
const chunk = 2000;

/** A dry run does the very same writes and rolls them back, so its counts are exact. */
export async function writeRoster(
  deps: Deps,
  actor: Actor,
  target: Target,
  checked: Checked,
  opts: { dryRun: boolean; ip: string; sha256: string },
): Promise<ImportResult> {
  const { valid, existing } = checked;
  const now = deps.clock.now();
  const rollback = new Error('dry run');
  let result: ImportResult | undefined;
  await deps.db
    .tx(async (q) => {
      const personIds = new Map<string, string>();
      const created = new Set<string>();
      for (const v of valid) {
        if (personIds.has(v.person.phone)) continue;
        const known = existing.get(deps.sealer.hash(v.person.phone));
        personIds.set(v.person.phone, known?.id ?? deps.ids.uuid());
        if (!known) created.add(v.person.phone);
      }
      const persons = [...new Map(valid.map((v) => [v.person.phone, v.person])).values()];
      for (let i = 0; i < persons.length; i += chunk) {
        await upsertPersons(
          q,
          deps.sealer,
          now,
          persons.slice(i, i + chunk).map((p) => ({ ...p, id: personIds.get(p.phone)! })),
        );
        await yieldToOthers();
      }
      let added = 0;
      let updated = 0;
      for (let i = 0; i < valid.length; i += chunk) {
        const seats = await upsertSeats(
          q,
          now,
          valid
            .slice(i, i + chunk)
            .map((v) => ({ ...v.seat, id: deps.ids.uuid(), personId: personIds.get(v.person.phone)! })),
        );
        added += seats.added;
        updated += seats.updated;
        await yieldToOthers();
      }
      if (!opts.dryRun) {
        const ids = [...personIds.values()];
        for (let i = 0; i < ids.length; i += chunk) {
          await indexPersons(q, ids.slice(i, i + chunk));
          await yieldToOthers();
        }
      }
      const out: ImportResult = {
        dryRun: opts.dryRun,
        rows: valid.length,
        created: created.size,
        added,
        updated,
        problems: [],
      };
      if (!opts.dryRun)
        await recordAudit(q, deps.clock, {
          actorId: actor.accountId,
          actorName: actor.username,
          committeeId: target.id,
          ip: opts.ip,
          action: 'members.import',
          targetType: 'committee',
          targetId: target.id,
          result: 'ok',
          status: 200,
          detail: { ...out, sha256: opts.sha256 },
        });
      result = out;
      if (opts.dryRun) throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  // Fresh statistics after a bulk change (PGlite has no autovacuum to do it).
  if (!opts.dryRun) await deps.db.exec('analyze persons; analyze memberships');
  return result!;
}

export const sha256Of = (file: Buffer) => createHash('sha256').update(file).digest('hex');
