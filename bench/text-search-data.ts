// Data of bench/text-search.ts: phrases from the labelled texts, concerns recombined from
// them in SQL, member seats and studios through the app's own indexer.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import type { Db } from '../server/src/db/db.ts';
import { nameKeys } from '../server/src/modules/members/names.ts';
import type { SearchDocument } from '../server/src/modules/search/documents.ts';
import { marks, upsertDocuments } from '../server/src/modules/search/documents.ts';
import { fuzzyKeys, gramsText, maskPersonal, nameTerms } from '../server/src/modules/search/keys.ts';
import { searchTokens } from '../server/src/modules/text/segment.ts';

const dataDir = 'bench/data/text';
// Used only when the labelled texts are missing, so the benchmark still runs.
const fallback = [
  '小区路灯坏了三个月没人修',
  '晚上出行很不方便',
  '老旧小区加装电梯的补贴什么时候发放',
  '学校门口交通拥堵',
  '农村道路破损严重',
  '雨天积水',
  '菜市场噪音扰民',
  '希望委员帮忙反映',
];

function phrasesFromTexts(): string[] {
  const files = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => /^concerns-.*\.jsonl$/.test(f)) : [];
  const out = new Set<string>();
  for (const f of files)
    for (const line of readFileSync(`${dataDir}/${f}`, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { text } = JSON.parse(line) as { text: string };
      for (const c of maskPersonal(text).split(/[，。！？；,.!?;\n]+/)) {
        const t = c.trim();
        if ([...t].length >= 4 && [...t].length <= 60) out.add(t);
      }
    }
  return out.size ? [...out].sort() : fallback;
}

const surnames =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎';
const given = '丽霜建国秀兰志强红梅海燕晓东立新春华玉珍文博宏伟静怡子涵明辉雪芳德胜桂英敏军';

// By characters, not UTF-16 units: never half an emoji.
const cut = (s: string, n: number) => [...s].slice(0, n).join('');

const indexes = [
  `create index search_documents_tokens_idx on search_documents using gin (tokens)`,
  `create index search_documents_grams_idx on search_documents using gin (grams)`,
  `create index search_documents_fuzzy_idx on search_documents using gin (fuzzy)`,
  `create index search_documents_path_idx on search_documents (committee_path text_pattern_ops)`,
  `create index search_documents_recent_idx on search_documents (kind, updated_at desc)`,
];

export async function loadSearchCorpus(db: Db, url: string, n: number, log: (s: string) => void) {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const phrases = phrasesFromTexts();
  const rows = phrases.map((body, id) => ({
    id,
    body,
    words: searchTokens(body).join(' '),
    grams: gramsText(body),
    fuzzy: fuzzyKeys(searchTokens(body)),
  }));
  await db.exec(
    'create table bench_phrases (id int primary key, body text, words text, grams text, fuzzy text[])',
  );
  for (let i = 0; i < rows.length; i += 2000)
    await db.query(
      `insert into bench_phrases select * from jsonb_to_recordset($1::jsonb)
         as x(id int, body text, words text, grams text, fuzzy text[])`,
      [JSON.stringify(rows.slice(i, i + 2000))],
    );
  log(`${phrases.length} phrases segmented`);
  // Bulk load without the GIN indexes, which are built once afterwards (far faster).
  for (const ix of indexes) await db.exec(`drop index ${ix.split(' ')[2]}`);
  await db.exec(`create table bench_committees as
    select row_number() over (partition by level order by path)::int - 1 as i, level, id, path from committees`);
  const [{ counties, cities }] = (await db.query<{ counties: number; cities: number }>(
    `select count(*) filter (where level = 'county')::int as counties, count(*) filter (where level = 'city')::int as cities
       from bench_committees`,
  )) as [{ counties: number; cities: number }];
  const np = phrases.length;
  const pick = (k: number) => `(hashint4(g * 4 + ${k})::bigint & 2147483647) % ${np}`;
  const batch = 100_000;
  const load = async (from: number, to: number) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`insert into search_documents (kind, ref_id, committee_id, committee_path, title, body, tokens,
          grams, fuzzy, updated_at)
        select 'concern', md5(g::text)::uuid, c.id, c.path, left(x.body, 40), x.body,
               setweight(to_tsvector('simple', x.words), 'B') || ${marks}, to_tsvector('simple', x.grams) || ${marks},
               x.fuzzy,
               timestamptz '2026-11-01 00:00+08' - ((${n} - g) * 63.072) * interval '1 second'
          from (select g, 'concern' as kind,
                  p1.body || '，' || p2.body || '，' || p3.body || case when g % 2 = 0 then '。' || p4.body else '' end as body,
                  p1.words || ' ' || p2.words || ' ' || p3.words || case when g % 2 = 0 then ' ' || p4.words else '' end as words,
                  p1.grams || ' ' || p2.grams || ' ' || p3.grams || case when g % 2 = 0 then ' ' || p4.grams else '' end as grams,
                  p1.fuzzy || p2.fuzzy || p3.fuzzy as fuzzy,
                  case when g % 100 < 85 then 'county' when g % 100 < 97 then 'city' else 'province' end as level,
                  (hashint4(g)::bigint & 2147483647) as h
                  from generate_series(${from}, ${to}) g
                  join bench_phrases p1 on p1.id = ${pick(1)}
                  join bench_phrases p2 on p2.id = ${pick(2)}
                  join bench_phrases p3 on p3.id = ${pick(3)}
                  join bench_phrases p4 on p4.id = ${pick(4)}) x
          join bench_committees c on c.level = x.level
           and c.i = x.h % (case x.level when 'county' then ${counties} when 'city' then ${cities} else 1 end)`);
    } finally {
      await c.end();
    }
  };
  const t1 = performance.now();
  const ranges: [number, number][] = [];
  for (let from = 1; from <= n; from += batch) ranges.push([from, Math.min(n, from + batch - 1)]);
  // Two loaders: the machine's two cores.
  const next = async () => {
    for (let r = ranges.shift(); r; r = ranges.shift()) {
      await load(r[0], r[1]);
      log(`concerns ${r[1].toLocaleString('en')}`);
    }
  };
  await Promise.all([next(), next()]);
  timings.concernsSeconds = Math.round((performance.now() - t1) / 1000);

  const memberNames = await loadMembersAndStudios(db, phrases);
  const t2 = performance.now();
  await db.exec(`set maintenance_work_mem = '512MB'`);
  for (const ix of indexes) {
    await db.exec(ix);
    log(ix.split(' ')[2]!);
  }
  await db.exec('vacuum analyze search_documents');
  timings.indexSeconds = Math.round((performance.now() - t2) / 1000);
  timings.totalSeconds = Math.round((performance.now() - t0) / 1000);
  const [sizes] = await db.query<Record<string, string>>(
    `select pg_size_pretty(pg_table_size('search_documents')) as table,
            pg_size_pretty(pg_relation_size('search_documents_tokens_idx')) as tokens_gin,
            pg_size_pretty(pg_relation_size('search_documents_grams_idx')) as grams_gin,
            pg_size_pretty(pg_relation_size('search_documents_fuzzy_idx')) as fuzzy_gin`,
  );
  return { phrases, memberNames, timings, sizes: sizes! };
}

/** 20,000 member seats and 1,000 studios, indexed by the app's own code. */
async function loadMembersAndStudios(db: Db, phrases: string[]): Promise<string[]> {
  const committees = await db.query<{ id: string }>(`select id from committees order by path`);
  const docs: SearchDocument[] = [];
  const names: string[] = [];
  const at = (i: number, s: string) => [...s][i % [...s].length]!;
  for (let i = 0; i < 20_000; i++) {
    const name = at(i * 7, surnames) + at(i * 13, given) + (i % 3 ? at(i * 29, given) : '');
    names.push(name);
    const keys = nameKeys(name);
    docs.push({
      kind: 'member',
      refId: crypto.randomUUID(),
      committeeId: committees[i % committees.length]!.id,
      personId: crypto.randomUUID(),
      title: name,
      body: cut(phrases[i % phrases.length]!, 20),
      extra: nameTerms(name).join(' '),
      terms: nameTerms(name),
      namePinyin: keys.pinyin.replace(/\s+/g, ''),
      nameInitials: keys.initials,
      updatedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    });
  }
  for (let i = 0; i < 1_000; i++)
    docs.push({
      kind: 'studio',
      refId: crypto.randomUUID(),
      committeeId: committees[i % committees.length]!.id,
      title: `${cut(phrases[(i * 17) % phrases.length]!, 6)}委员工作室`,
      body: phrases[(i * 31) % phrases.length]!,
      extra: '',
      terms: [],
      updatedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    });
  for (let i = 0; i < docs.length; i += 1000) await upsertDocuments(db, docs.slice(i, i + 1000));
  return names;
}
