-- The search index's documents gain two kinds of words (issue 11): a concern's tracking code
-- (查询码), so the code a citizen reads out on the phone finds it, and the short forms of
-- compounds (垃圾中转站 also as 垃圾站, modules/text/segment.ts compoundHeads). Documents
-- written before lack them, so the index is emptied here and rebuilt from the tables at the
-- next start (main.ts: reindexIfEmpty, batch by batch; `npm run search:reindex` does the same
-- by hand). Until it has run, a search finds nothing: nothing else reads this table.
truncate search_documents;
