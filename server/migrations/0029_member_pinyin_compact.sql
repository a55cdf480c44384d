-- Full pinyin typed without spaces (zhangwei, ouyang) found no one in the roster for a name
-- of two syllables or more: persons.name_pinyin keeps a space between syllables ('zhang wei'),
-- and the keyword box matched it with LIKE 'zhangwei%' (issue 11). The roster now matches the
-- pinyin with its spaces removed, through this index (text_pattern_ops: LIKE 'abc%' whatever
-- the collation).
create index persons_pinyin_compact_prefix_idx on persons (replace(name_pinyin, ' ', '') text_pattern_ops);
