-- The surname prefix index of 0005_member_search.sql was added to that file after it had
-- landed, so databases that applied its first text lack it; newer ones have it already.
create index if not exists persons_name_prefix_idx on persons (name text_pattern_ops);
