-- A member's inbox counts (concerns/queries.ts: inboxCounts) read every concern routed to
-- them or to their studios. Through concerns_person_idx / concerns_studio_idx (key, status)
-- each counted row was a heap visit for due_at, and a studio's concerns arrive interleaved
-- with everyone else's, so each sits on its own page: ~2,000 random heap reads per request
-- for a busy member at 1,000,000 concerns (bench:concerns, issue 3). With due_at (and, for
-- the studio side, the person it is routed to) in the index the counts are index-only
-- scans. Same leading columns as the indexes they replace, so every other reader keeps its
-- plan; two indexes per concern written, as before.
create index concerns_person_status_due_idx on concerns (person_id, status, due_at);
create index concerns_studio_status_due_idx on concerns (studio_id, status, due_at) include (person_id);
drop index concerns_person_idx;
drop index concerns_studio_idx;
