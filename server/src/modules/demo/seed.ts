import type { Deps } from '../../deps.ts';
import { nationalSectors, provinceTree } from '../org/division.ts';
import type { DivisionNode } from '../org/division.ts';
import { upsertPersons, upsertSeats } from '../members/writes.ts';
import { reindexAll } from '../search/reindex.ts';
import type { PersonInput, SeatInput } from '../members/writes.ts';
import {
  defaultUnits,
  departmentNames,
  ethnicities,
  givenChars,
  parties,
  sectorWeights,
  specialCommitteesByLevel,
  surnames,
  unitsBySector,
} from './data.ts';
import { prng } from './random.ts';

// A deterministic demo: the same seed gives the same committees, people and phones, so
// screenshots, tests and benchmarks agree from one run to the next.
export type SeedOptions = {
  provinceCode: string;
  seed?: number;
  /** Members per committee by level. */
  perLevel?: { province: number; city: number; county: number };
  /** Only seed members into these city region codes (and their counties); all when absent. */
  cities?: string[];
};

export const fullScale = { province: 400, city: 220, county: 110 };

/** Committees, sectors, special committees, departments: the organisation without people. */
export async function seedOrganisation(deps: Deps, provinceCode: string) {
  const nodes = provinceTree(provinceCode);
  const ids = new Map<string, string>();
  const paths = new Map<string, string>();
  await deps.db.tx(async (q) => {
    for (const n of nodes) {
      const id = deps.ids.uuid();
      ids.set(n.regionCode, id);
      const path = n.parentCode ? `${paths.get(n.parentCode)}/${n.regionCode}` : n.regionCode;
      paths.set(n.regionCode, path);
      await q.query(
        `insert into committees (id, parent_id, level, region_code, name, region_name, path) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (region_code) do nothing`,
        [
          id,
          n.parentCode ? ids.get(n.parentCode) : null,
          n.level,
          n.regionCode,
          n.committeeName,
          n.regionName,
          path,
        ],
      );
    }
    const existing = await q.query('select 1 from sectors where committee_id is null limit 1');
    if (!existing.length)
      for (const [i, name] of nationalSectors.entries())
        await q.query('insert into sectors (id, committee_id, name, sort_order) values ($1, null, $2, $3)', [
          deps.ids.uuid(),
          name,
          i + 1,
        ]);
    const specials: unknown[] = [];
    const departments: unknown[] = [];
    const local: unknown[] = [];
    for (const n of nodes) {
      const cid = ids.get(n.regionCode)!;
      specialCommitteesByLevel[n.level].forEach((name, i) =>
        specials.push({ id: deps.ids.uuid(), committee_id: cid, name, sort_order: i + 1 }),
      );
      for (const [name, kind] of departmentNames)
        departments.push({ id: deps.ids.uuid(), committee_id: cid, name: `${n.regionName}${name}`, kind });
      // Counties commonly add a sector of their own for township representatives.
      if (n.level === 'county')
        local.push({ id: deps.ids.uuid(), committee_id: cid, name: '乡镇街道界', sort_order: 100 });
    }
    await q.query(
      `insert into special_committees (id, committee_id, name, sort_order)
       select * from jsonb_to_recordset($1::jsonb) as x(id uuid, committee_id uuid, name text, sort_order int) on conflict do nothing`,
      [JSON.stringify(specials)],
    );
    await q.query(
      `insert into departments (id, committee_id, name, kind)
       select * from jsonb_to_recordset($1::jsonb) as x(id uuid, committee_id uuid, name text, kind text) on conflict do nothing`,
      [JSON.stringify(departments)],
    );
    await q.query(
      `insert into sectors (id, committee_id, name, sort_order)
       select * from jsonb_to_recordset($1::jsonb) as x(id uuid, committee_id uuid, name text, sort_order int) on conflict do nothing`,
      [JSON.stringify(local)],
    );
  });
  return nodes;
}

export async function seedDemo(
  deps: Deps,
  opts: SeedOptions,
): Promise<{ committees: number; members: number }> {
  const nodes = await seedOrganisation(deps, opts.provinceCode);
  const rand = prng(opts.seed ?? 20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const per = opts.perLevel ?? fullScale;
  const committees = await deps.db.query<{ id: string; region_code: string }>(
    'select id, region_code from committees',
  );
  const cid = new Map(committees.map((c) => [c.region_code.trim(), c.id]));
  const sectors = await deps.db.query<{ id: string; name: string }>(
    'select id, name from sectors where committee_id is null',
  );
  const sectorId = new Map(sectors.map((s) => [s.name, s.id]));
  const specials = await deps.db.query<{ id: string; committee_id: string }>(
    'select id, committee_id from special_committees',
  );
  const specialsOf = new Map<string, string[]>();
  for (const s of specials) specialsOf.set(s.committee_id, [...(specialsOf.get(s.committee_id) ?? []), s.id]);
  const totalWeight = sectorWeights.reduce((a, [, w]) => a + w, 0);
  const pickSector = () => {
    let x = rand() * totalWeight;
    for (const [name, w] of sectorWeights) if ((x -= w) < 0) return name;
    return sectorWeights[0]![0];
  };

  const inCities = (n: DivisionNode) =>
    !opts.cities ||
    n.level === 'province' ||
    opts.cities.includes(n.level === 'city' ? n.regionCode : (n.parentCode ?? ''));
  const persons: (PersonInput & { id: string })[] = [];
  const seats: (SeatInput & { id: string; personId: string })[] = [];
  const byCommittee = new Map<string, { personId: string; sector: string; unit: string }[]>();
  let serial = 0;
  for (const n of nodes.filter(inCities)) {
    const committeeId = cid.get(n.regionCode)!;
    const list: { personId: string; sector: string; unit: string }[] = [];
    for (let i = 0; i < per[n.level]; i++) {
      const sector = pickSector();
      const [unitTpl, posts] = pick(unitsBySector[sector] ?? defaultUnits);
      const unit = `${unitTpl.replace('{r}', n.regionName)}${pick(posts)}`;
      const personId = deps.ids.uuid();
      serial++;
      persons.push({
        id: personId,
        name: pick(surnames) + pick(givenChars) + (rand() < 0.7 ? pick(givenChars) : ''),
        gender: rand() < 0.62 ? 'male' : 'female',
        ethnicity: pick(ethnicities),
        birthMonth: `${1958 + Math.floor(rand() * 35)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}`,
        party: pick(parties),
        phone: `13${String(100000000 + serial * 7919).slice(-9)}`,
      });
      const sp = specialsOf.get(committeeId) ?? [];
      seats.push({
        id: deps.ids.uuid(),
        personId,
        committeeId,
        sectorId: sectorId.get(sector) ?? null,
        specialCommitteeId: rand() < 0.4 ? pick(sp) : null,
        workUnitPost: unit,
        position:
          i === 0
            ? 'chair'
            : i < 4
              ? 'vice_chair'
              : i === 4
                ? 'secretary_general'
                : rand() < 0.15
                  ? 'standing'
                  : 'member',
        joinedOn: '2022-01-10',
      });
      list.push({ personId, sector, unit });
    }
    byCommittee.set(n.regionCode, list);
  }
  // Some county members also sit on their city's committee, some city members on the
  // province's: one person, several levels.
  for (const n of nodes.filter(inCities)) {
    if (!n.parentCode || !byCommittee.has(n.parentCode)) continue;
    for (const m of byCommittee.get(n.regionCode)!.filter(() => rand() < 0.05)) {
      seats.push({
        id: deps.ids.uuid(),
        personId: m.personId,
        committeeId: cid.get(n.parentCode)!,
        sectorId: sectorId.get(m.sector) ?? null,
        workUnitPost: m.unit,
        position: 'member',
        joinedOn: '2023-01-12',
      });
    }
  }
  const now = deps.clock.now();
  for (let i = 0; i < persons.length; i += 2000)
    await deps.db.tx((q) => upsertPersons(q, deps.sealer, now, persons.slice(i, i + 2000)));
  for (let i = 0; i < seats.length; i += 2000)
    await deps.db.tx((q) => upsertSeats(q, now, seats.slice(i, i + 2000)));
  await reindexAll(deps); // the seed writes seats in bulk, past the services that index them
  // PGlite runs no autovacuum: without statistics its planner picks poor plans for the grid.
  await deps.db.exec('analyze');
  return { committees: nodes.length, members: seats.length };
}
