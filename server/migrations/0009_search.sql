-- One search index over everything staff look for (concerns, studios, members; later
-- reports and proposals), kept in step by the services inside their own write transactions
-- and rebuilt from the tables by `npm run search:reindex`.
--
-- Text is segmented in the app (jieba, modules/text/segment.ts) and stored as space-joined
-- words, so PostgreSQL's 'simple' configuration only splits on spaces and lower-cases:
-- PGlite and a PostgreSQL server build the same lexemes whatever their locale.
--
-- Words alone miss short queries: jieba cuts 路灯不亮 as 路/灯不亮 on its own but 路灯/不亮
-- inside a sentence. So `grams` also keeps the text as a stream of character bigrams
-- (路灯 灯不 不亮), and a query phrase matches as a substring would (路灯 <-> 灯不 <-> 不亮).
--
-- Typo tolerance does not use pg_trgm on the Chinese text: under a plain C locale pg_trgm
-- drops every CJK character, and even where it keeps them a one-character typo in a
-- three-character name scores 0.14, far below any useful threshold. Instead `fuzzy` holds
-- keys computed in the app for each short term: '~' + its toneless pinyin (homophones, the
-- typo an input method makes: 张立霜 for 张丽霜, 路等 for 路灯) and, for 3–4 character
-- terms, the term with one character blanked (张_霜). A query's keys are made the same way
-- and matched by plain text equality (GIN array overlap): no locale involved.
create table search_documents (
  kind text not null check (kind in ('concern', 'studio', 'member', 'report', 'proposal')),
  ref_id uuid not null,                     -- id of the concern / studio / membership …
  committee_id uuid not null references committees (id),
  committee_path text not null,             -- scope: copied from committees.path
  person_id uuid,                           -- concern: member it is routed to; member: the person
  studio_id uuid,                           -- concern: the studio it came through
  title text not null,
  body text not null default '',            -- shown as the excerpt; phone and ID numbers masked
  tokens tsvector not null,                 -- words: title weight A, body B, extra terms C
  grams tsvector not null,                  -- character bigrams of title and body, in order
  fuzzy text[] not null default '{}',
  name_pinyin text,                         -- member: zhanglishuang (no spaces)
  name_initials text,                       -- member: zls
  updated_at timestamptz not null,
  primary key (kind, ref_id)
);
create index search_documents_tokens_idx on search_documents using gin (tokens);
create index search_documents_grams_idx on search_documents using gin (grams);
create index search_documents_fuzzy_idx on search_documents using gin (fuzzy);
create index search_documents_path_idx on search_documents (committee_path text_pattern_ops);
create index search_documents_recent_idx on search_documents (kind, updated_at desc);
create index search_documents_pinyin_idx on search_documents (name_pinyin text_pattern_ops)
  where kind = 'member';
create index search_documents_initials_idx on search_documents (name_initials text_pattern_ops)
  where kind = 'member';
-- One character is a surname: 王 finds 王芳.
create index search_documents_member_name_idx on search_documents (title text_pattern_ops)
  where kind = 'member';
-- A member account finds only the concerns of its inbox: routed to it or to its studios.
create index search_documents_person_idx on search_documents (person_id) where kind = 'concern';
create index search_documents_studio_idx on search_documents (studio_id) where kind = 'concern';
