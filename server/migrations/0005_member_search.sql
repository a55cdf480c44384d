-- Prefix search on pinyin initials and full pinyin (zls → 张丽霜) uses these indexes;
-- text_pattern_ops makes LIKE 'abc%' indexable whatever the database's collation.
create index persons_initials_prefix_idx on persons (name_initials text_pattern_ops);
create index persons_pinyin_prefix_idx on persons (name_pinyin text_pattern_ops);
-- A one-character query is a surname: prefix match on the name.
create index persons_name_prefix_idx on persons (name text_pattern_ops);
