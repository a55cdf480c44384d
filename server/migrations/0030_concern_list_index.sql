-- The staff concern list of a city (≈ 140,000 concerns at 1,000,000) took p50 337 ms (issue
-- 11): it read every matching row from the table to sort it by deadline and count it. With the
-- sort keys in the index the page (a top-N sort) and its total (concerns/queries.ts:
-- listConcerns) are index-only scans. Same leading columns as concerns_committee_idx, which it
-- replaces, so every other reader keeps its plan; one index per concern written, as before.
create index concerns_list_idx on concerns (committee_id, status, due_at, submitted_at) include (id);
drop index concerns_committee_idx;
