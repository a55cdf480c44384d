-- A committee that passed a concern up or down the tree keeps following it (issue 11): its
-- list's 本级转出/跟踪中 filter and the workbench's "followed" counter start from the
-- hand-over events it wrote, most of them about concerns now outside its own subtree, so
-- they are found from the event side: by the committee that handed them on.
create index concern_events_handed_from_idx on concern_events (from_committee_id, concern_id)
  where kind in ('escalated', 'assigned');
