-- Photos citizens attach to a concern. Stored re-encoded (so no EXIF, no GPS position, no
-- payload hidden in the file) with a small thumbnail; kept in the database for now, which
-- keeps backups and both backends whole. Named 0003_concerns_… so it runs right after
-- 0003_concerns.sql.
create table concern_photos (
  id uuid primary key,
  concern_id uuid not null references concerns (id),
  seq int not null,                                 -- 1, 2, … within the concern
  source_type text not null,                        -- sniffed from the bytes, not the header
  width int not null,
  height int not null,
  bytes bytea not null,                             -- JPEG, at most 2048 px on the long side
  thumb bytea not null,                             -- JPEG, 320 px
  size int not null,
  created_at timestamptz not null,
  unique (concern_id, seq)
);
