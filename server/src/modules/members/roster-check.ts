import { affiliationOf, ethnicGroupOf } from '../../../../contracts/code-lists.ts';
import { limits, oneLineProblem } from '../../../../contracts/common.ts';
import { fieldMessage } from '../../../../contracts/messages.ts';
import type { FieldProblem } from '../../../../contracts/messages.ts';
import { positionLabels, rosterColumns } from '../../../../contracts/members.ts';
import type { ImportProblem, RosterColumnKey } from '../../../../contracts/members.ts';
import { inScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { sectorsOf, specialCommitteesOf } from '../org/for-others.ts';
import type { ParsedRoster, RawRow } from './roster-parse.ts';
import { yieldToOthers } from './roster-parse.ts';
import { findPersonsByPhone } from './writes.ts';
import type { PersonInput, SeatInput } from './writes.ts';

// Checking a parsed roster: every row against the rules of the member form, plus what only a
// file can get wrong (the same phone twice, a phone already someone else's). Nothing is
// written here; every problem is named by row and column.

export const headerOf = (key: RosterColumnKey) => rosterColumns.find((c) => c.key === key)!.header;
const genders: Record<string, 'male' | 'female'> = {
  男: 'male',
  女: 'female',
  男性: 'male',
  女性: 'female',
  M: 'male',
  F: 'female',
};
const positions = new Map<string, string>(Object.entries(positionLabels).map(([k, v]) => [v, k]));
positions.set('政协委员', 'member').set('常务委员', 'standing');

/** 1968-05, 1968.5, 1968年5月, 196805, 1968/05/12 → 1968-05 */
export function normalizeBirthMonth(s: string): string | null {
  const m = /^((?:19|20)\d{2})\s*[-./年]?\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})?\s*日?)?\s*月?$/.exec(
    s.trim(),
  );
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
}

/** Phones come as numbers, with spaces or dashes, sometimes with +86. */
export const normalizePhone = (s: string) =>
  s.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');

type Lookups = {
  sectors: Map<string, string>; // name → id, for the committee of the row
  specials: Map<string, string>;
};

export type Valid = { row: number; person: PersonInput & { phone: string }; seat: SeatInput };
export type Target = { id: string; path: string };
export type Checked = {
  valid: Valid[];
  /** Persons already on the roster, by phone hash. */
  existing: Awaited<ReturnType<typeof findPersonsByPhone>>;
  /** Every problem, by row. */
  problems: ImportProblem[];
};

type Problem = (
  row: number,
  key: RosterColumnKey,
  value: string,
  p: FieldProblem,
  vars?: Record<string, string | number>,
) => void;

/** Checks every row; `progress(n)` is told every 1,000 rows, and other requests get a turn. */
export async function checkRoster(
  deps: Deps,
  target: Target,
  parsed: ParsedRoster,
  progress: (checked: number) => Promise<void> = async () => {},
): Promise<Checked> {
  const problems: ImportProblem[] = [];
  const problem: Problem = (row, key, value, p, vars = {}) => {
    const messages = fieldMessage(p, key, { value, ...vars });
    problems.push({ row, column: headerOf(key), field: key, value, message: messages['zh-CN'], messages });
  };
  for (const h of parsed.missingHeaders) {
    const key = rosterColumns.find((c) => c.header === h)!.key;
    problem(parsed.headerRow, key, '', 'required');
  }

  // Committees the file may name (the target and its subtree), and their lists.
  const params: unknown[] = [];
  const committees = await deps.db.query<{
    id: string;
    name: string;
    region_code: string;
    region_name: string;
  }>(
    `select id, name, region_code, region_name from committees c where ${inScope('c.path', { committeeId: target.id, path: target.path }, params)}`,
    params,
  );
  const committeeByText = new Map<string, string>();
  for (const c of committees) {
    committeeByText.set(c.name, c.id).set(c.region_code.trim(), c.id).set(c.region_name, c.id);
  }
  const lookups = new Map<string, Lookups>();
  const lookupsOf = async (committeeId: string) => {
    let l = lookups.get(committeeId);
    if (!l) {
      const sectors = await sectorsOf(deps.db, committeeId);
      const specials = await specialCommitteesOf(deps.db, committeeId);
      l = {
        sectors: new Map(sectors.map((s) => [s.name, s.id])),
        specials: new Map(specials.map((s) => [s.name, s.id])),
      };
      lookups.set(committeeId, l);
    }
    return l;
  };

  const valid: Valid[] = [];
  const seen = new Map<string, number>(); // phone/committee → first row
  let n = 0;
  for (const raw of parsed.rows) {
    if (++n % 1000 === 0) {
      await progress(n);
      await yieldToOthers();
    }
    const v = await validateRow(raw, target.id, committeeByText, lookupsOf, problem);
    if (!v) continue;
    const k = `${v.person.phone}/${v.seat.committeeId}`;
    const first = seen.get(k);
    if (first) problem(raw.row, 'phone', v.person.phone, 'duplicate', { n: first });
    else {
      seen.set(k, raw.row);
      valid.push(v);
    }
  }
  // The same phone already on the roster under another name is someone else.
  const phones = [...new Set(valid.map((v) => v.person.phone))];
  const existing: Checked['existing'] = new Map();
  for (let i = 0; i < phones.length; i += 5000) {
    for (const [h, p] of await findPersonsByPhone(deps.db, deps.sealer, phones.slice(i, i + 5000)))
      existing.set(h, p);
    await yieldToOthers();
  }
  const namesByPhone = new Map<string, { name: string; row: number }>();
  for (const v of valid) {
    const known = existing.get(deps.sealer.hash(v.person.phone));
    const inFile = namesByPhone.get(v.person.phone);
    if ((known && known.name !== v.person.name) || (inFile && inFile.name !== v.person.name)) {
      const messages = {
        'zh-CN': `手机：${v.person.phone} 已登记在${inFile && inFile.name !== v.person.name ? `第 ${inFile.row} 行` : '另一位委员'}名下（${inFile?.name ?? known!.name}）`,
        en: `Mobile: ${v.person.phone} already belongs to another member`,
      };
      problems.push({
        row: v.row,
        column: headerOf('phone'),
        field: 'phone',
        value: v.person.phone,
        message: messages['zh-CN'],
        messages,
      });
    } else namesByPhone.set(v.person.phone, { name: v.person.name, row: v.row });
  }
  if (!parsed.rows.length && !problems.length) problem(parsed.headerRow + 1, 'name', '', 'required');
  problems.sort((a, b) => a.row - b.row);
  await progress(parsed.rows.length);
  return { valid, existing, problems };
}

async function validateRow(
  raw: RawRow,
  targetId: string,
  committeeByText: Map<string, string>,
  lookupsOf: (committeeId: string) => Promise<Lookups>,
  problem: Problem,
): Promise<Valid | null> {
  const v = raw.values;
  const r = raw.row;
  let ok = true;
  // One problem per cell: a cell refused for its characters is not checked further.
  const refused = new Set<RosterColumnKey>();
  const bad = (key: RosterColumnKey, p: FieldProblem, vars?: Record<string, string | number>) => {
    ok = false;
    if (refused.has(key)) return;
    refused.add(key);
    problem(r, key, v[key] ?? '', p, vars);
  };
  // Every column, coded ones too (a phone, a sector), under the API's one-line rule
  // (contracts/common.ts: text): a control character is refused by row and column, never
  // stripped, so what imports is what the form would have accepted.
  for (const key of Object.keys(v) as RosterColumnKey[]) {
    const p = oneLineProblem(v[key]!);
    if (p) bad(key, p);
  }
  const textField = (key: RosterColumnKey, max: number, required: boolean): string | null => {
    const s = v[key] ?? '';
    if (!s) {
      if (required) bad(key, 'required');
      return null;
    }
    if (s.length > max) bad(key, 'too_long', { n: max });
    return s;
  };
  const name = textField('name', limits.personName, true);
  const workUnitPost = textField('workUnitPost', limits.workUnitPost, true);
  // The national code lists, as the API reads them: the usual spellings become the list's.
  const coded = (key: 'ethnicity' | 'party', of: (s: string) => string | undefined) => {
    const s = textField(key, limits.shortText, false);
    if (s === null) return null;
    const c = of(s);
    if (c === undefined) bad(key, 'not_in_list');
    return c ?? null;
  };
  const ethnicity = coded('ethnicity', ethnicGroupOf);
  const party = coded('party', affiliationOf);
  const gender = v.gender ? genders[v.gender] : undefined;
  if (!v.gender) bad('gender', 'required');
  else if (!gender) bad('gender', 'invalid_value');
  let birthMonth: string | null = null;
  if (v.birthMonth) {
    birthMonth = normalizeBirthMonth(v.birthMonth);
    if (!birthMonth) bad('birthMonth', 'invalid_format');
  }
  const phone = v.phone ? normalizePhone(v.phone) : '';
  if (!v.phone) bad('phone', 'required');
  else if (!/^1[3-9]\d{9}$/.test(phone)) bad('phone', 'phone');
  let position = 'member';
  if (v.position) {
    const p = positions.get(v.position);
    if (p) position = p;
    else bad('position', 'invalid_value');
  }
  let committeeId = targetId;
  if (v.committee) {
    const c = committeeByText.get(v.committee);
    if (c) committeeId = c;
    else bad('committee', 'not_found');
  }
  const l = await lookupsOf(committeeId);
  // 经济 and 经济界 name the same sector; offices write both.
  const sectorId = v.sector ? (l.sectors.get(v.sector) ?? l.sectors.get(`${v.sector}界`)) : undefined;
  if (!v.sector) bad('sector', 'required');
  else if (!sectorId) bad('sector', 'not_found');
  const specialId = v.specialCommittee ? l.specials.get(v.specialCommittee) : null;
  if (v.specialCommittee && !specialId) bad('specialCommittee', 'not_found');
  if (!ok || !name || !workUnitPost || !gender) return null;
  return {
    row: r,
    person: { name, gender, ethnicity, birthMonth, party, phone },
    seat: {
      committeeId,
      sectorId: sectorId ?? null,
      specialCommitteeId: specialId ?? null,
      workUnitPost,
      position,
    },
  };
}
