import type { ConcernSubmit } from '../../../../contracts/concerns.ts';
import { concernCategoryLabels } from '../../../../contracts/concerns.ts';
import type {
  RoutingReason,
  RoutingRules,
  RoutingSuggestion,
  Scored,
} from '../../../../contracts/routing.ts';
import type { CommitteePlace, MemberCandidate, StudioCandidate } from './queries.ts';

// A first, explainable rule set for routing (精准对接): every point of a score comes with
// the reason a person can check — the category's sectors, keywords in the text, the place,
// the studio or member it came through, who is on duty today, who already carries a load.
// Scorers can be added (the text engine's learned one, issue 4) without changing callers.

export type RoutingInput = {
  committeeId: string;
  category: ConcernSubmit['category'];
  text: string;
  place?: string | null;
  studioId?: string | null;
  personId?: string | null;
};

export type SectorScores = Map<string, { score: number; reasons: RoutingReason[] }>;
/** Extra sector scores by sector NAME for a text (e.g. a model trained on routing_decisions). */
export type ExtraSectorScorer = (text: string, input: RoutingInput) => SectorScores | Promise<SectorScores>;

const registered: ExtraSectorScorer[] = [];
/** Adds a scorer for every suggestion from now on; returns its removal. */
export function registerSectorScorer(fn: ExtraSectorScorer): () => void {
  registered.push(fn);
  return () => {
    const i = registered.indexOf(fn);
    if (i >= 0) registered.splice(i, 1);
  };
}

/** What a suggestion looks at, read by the caller (service.ts reads and caches it). */
export type RoutingDeps = {
  rules: RoutingRules;
  /** The committee's sectors (and the shared ones). */
  sectors: { id: string; name: string }[];
  /** The committee and every committee below it. */
  committees: CommitteePlace[];
  /** Approved studios of the target committee, and the one the concern came through. */
  studios(targetId: string, alsoId: string | null): Promise<StudioCandidate[]>;
  studioMembers(studioIds: string[]): Promise<{ studio_id: string; person_id: string }[]>;
  /** Persons on duty today, by studio. */
  onDuty(studioIds: string[]): Promise<Map<string, Set<string>>>;
  /** Members of the target in those sectors, plus those persons, with their load. */
  candidates(targetId: string, sectorIds: string[], personIds: string[]): Promise<MemberCandidate[]>;
  /** Used instead of the registered scorers when given (tests, experiments). */
  extraSectorScores?: ExtraSectorScorer[];
};

const top = 3;
const weights = {
  categoryFirst: 3,
  category: 2,
  keyword: 2,
  source: 5,
  place: 2,
  studio: 1,
  onDuty: 1,
  load: 0.5,
};

type Acc = { id?: string; name: string; score: number; reasons: RoutingReason[] };
const add = (
  m: Map<string, Acc>,
  key: string,
  init: Omit<Acc, 'score' | 'reasons'>,
  s: number,
  r: RoutingReason,
) => {
  const a = m.get(key) ?? { ...init, score: 0, reasons: [] };
  a.score += s;
  a.reasons.push(r);
  m.set(key, a);
};
const best = (m: Map<string, Acc>, n = top): Scored[] =>
  [...m.values()]
    .filter((a) => a.score > 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, n)
    .map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      name: a.name,
      score: Math.round(a.score * 100) / 100,
      reasons: a.reasons,
    }));

/** "桃城区" is also written "桃城"; a two-character name keeps its suffix (城区, 新区). */
const placeNames = (c: CommitteePlace) => {
  const short = c.region_name.replace(/(自治县|自治州|地区|新区|矿区|区|县|市|旗)$/u, '');
  return short.length >= 2 && short !== c.region_name ? [c.region_name, short] : [c.region_name];
};

// The committees below one, most specific first (a county named in the text beats its city),
// with the names they go by: worked out once per list (the caller keeps lists for a while).
const placesOf = new WeakMap<CommitteePlace[], { c: CommitteePlace; names: string[] }[]>();

function placeOf(committees: CommitteePlace[], own: string, where: string): CommitteePlace | undefined {
  let places = placesOf.get(committees);
  if (!places) {
    places = [...committees]
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => ({ c, names: placeNames(c) }));
    placesOf.set(committees, places);
  }
  return places.find((p) => p.c.id !== own && p.names.some((n) => where.includes(n)))?.c;
}

/** Lead the first sector must have over the second, as a share of its score, to be suggested. */
const sectorLead = 0.15;

/** No confident sector: none scored, or the first two about equal (abstain rather than guess). */
export function sectorAbstains(sectors: readonly { score: number }[]): boolean {
  const [first, second] = sectors;
  if (!first || first.score <= 0) return true;
  return second !== undefined && first.score - second.score < sectorLead * first.score;
}

export async function suggestRouting(deps: RoutingDeps, input: RoutingInput): Promise<RoutingSuggestion> {
  const where = `${input.place ?? ''} ${input.text}`.normalize('NFKC');
  const sectorByName = new Map(deps.sectors.map((s) => [s.name, s.id]));

  // Sectors: the category's, keywords', and any extra scorer's.
  const sectors = new Map<string, Acc>();
  const bump = (name: string, s: number, r: RoutingReason) => {
    const id = sectorByName.get(name);
    if (id) add(sectors, name, { id, name }, s, r);
  };
  (deps.rules.categorySectors[input.category] ?? []).forEach((name, i) =>
    bump(name, i === 0 ? weights.categoryFirst : weights.category, {
      kind: 'category',
      detail: `${concernCategoryLabels[input.category]} → ${name}`,
      why: { code: 'category_sector', args: { category: input.category, sector: name } },
    }),
  );
  const keywords = deps.rules.keywords.filter((k) => where.includes(k.keyword.normalize('NFKC')));
  for (const k of keywords)
    bump(k.sector, weights.keyword, {
      kind: 'keyword',
      detail: `关键词: ${k.keyword}`,
      why: { code: 'keyword', args: { keyword: k.keyword } },
    });
  for (const scorer of deps.extraSectorScores ?? registered)
    for (const [name, x] of await scorer(input.text, input))
      for (const [i, r] of (x.reasons.length ? x.reasons : [{ kind: 'learned' as const }]).entries())
        bump(name, i === 0 ? x.score : 0, r);
  const topSectors = best(sectors);
  const sectorScore = new Map(topSectors.map((s) => [s.id!, s]));

  // The place: a committee below this one named in the place or the text.
  const place = placeOf(deps.committees, input.committeeId, where);
  const placeReason: RoutingReason | undefined = place && {
    kind: 'place',
    detail: `地点在${place.region_name} → ${place.region_name}政协`,
    why: { code: 'place_region', args: { region: place.region_name } },
  };
  const targetId = place?.id ?? input.committeeId;

  // Studios of the target committee (and the one it came through).
  const studioRows = await deps.studios(targetId, input.studioId ?? null);
  const duty = await deps.onDuty(studioRows.map((s) => s.id));
  const studios = new Map<string, Acc>();
  for (const s of studioRows) {
    const init = { id: s.id, name: s.name };
    if (s.id === input.studioId)
      add(studios, s.id, init, weights.source, {
        kind: 'source',
        detail: '通过本工作室的二维码反映',
        why: { code: 'studio_qr' },
      });
    const sec = s.sector_id ? sectorScore.get(s.sector_id) : undefined;
    if (sec)
      add(studios, s.id, init, sec.score, {
        kind: 'sector',
        detail: `界别工作室: ${sec.name}`,
        why: { code: 'sector_studio', args: { sector: sec.name } },
      });
    if (placeReason && s.committee_id === place!.id) add(studios, s.id, init, weights.place, placeReason);
    else if (input.place && s.address && s.address.includes(input.place.trim()))
      add(studios, s.id, init, weights.place, {
        kind: 'place',
        detail: `地址: ${s.address}`,
        why: { code: 'address', args: { address: s.address } },
      });
    for (const k of keywords)
      if (s.services?.includes(k.keyword) || s.name.includes(k.keyword))
        add(studios, s.id, init, weights.studio, {
          kind: 'keyword',
          detail: `服务内容含“${k.keyword}”`,
          why: { code: 'services_keyword', args: { keyword: k.keyword } },
        });
    if (studios.has(s.id) && duty.get(s.id)?.size)
      add(studios, s.id, init, weights.onDuty, { kind: 'on_duty' });
  }
  const topStudios = best(studios);

  // Members: of the top studios, of the top sectors, and the one it came through.
  const inStudio = await deps.studioMembers(topStudios.map((s) => s.id!));
  const candidates = await deps.candidates(
    targetId,
    topSectors.map((s) => s.id!),
    [...new Set([...(input.personId ? [input.personId] : []), ...inStudio.map((r) => r.person_id)])],
  );
  const members = new Map<string, Acc>();
  for (const m of candidates) {
    const init = { id: m.id, name: m.name };
    if (m.id === input.personId)
      add(members, m.id, init, weights.source, {
        kind: 'source',
        detail: '群众点名找这位委员',
        why: { code: 'member_named' },
      });
    const sec = m.sector_id ? sectorScore.get(m.sector_id) : undefined;
    if (sec)
      add(members, m.id, init, sec.score, {
        kind: 'sector',
        detail: sec.name,
        why: { code: 'sector', args: { sector: sec.name } },
      });
    for (const r of inStudio.filter((x) => x.person_id === m.id)) {
      const st = topStudios.find((s) => s.id === r.studio_id)!;
      const inSt = { code: 'studio' as const, args: { studio: st.name } };
      add(members, m.id, init, weights.studio, { kind: 'studio', detail: st.name, why: inSt });
      if (duty.get(r.studio_id)?.has(m.id))
        add(members, m.id, init, weights.onDuty, { kind: 'on_duty', detail: st.name, why: inSt });
    }
    if (placeReason && members.has(m.id)) add(members, m.id, init, 0, placeReason);
    if (members.has(m.id))
      add(members, m.id, init, -weights.load * m.load, {
        kind: 'load',
        detail: `在办 ${m.load} 件`,
        why: { code: 'open_count', args: { n: m.load } },
      });
  }
  return {
    sectors: topSectors,
    studios: topStudios,
    members: best(members),
    sectorAbstained: sectorAbstains(topSectors),
  };
}
