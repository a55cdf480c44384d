-- Photos a citizen chose on the no-script H5 form, kept while the form is still being
-- filled: a browser cannot put a file back into a re-shown form, so asking for the SMS code
-- (a second submit button) or fixing a refused field used to lose the photos and make an
-- elderly citizen on a weak network choose and upload them again. Kept under the form's
-- random submit key for a day at most (the notify worker sweeps them), already processed
-- (type checked, EXIF stripped, thumbnail made); taken by the submission that uses them.
-- Unlogged: a draft lost in a crash is chosen again.
create unlogged table concern_photo_drafts (
  submit_key text not null,
  seq int not null,
  source_type text not null,
  width int not null,
  height int not null,
  bytes bytea not null,
  thumb bytea not null,
  created_at timestamptz not null,
  primary key (submit_key, seq)
);
create index concern_photo_drafts_created_idx on concern_photo_drafts (created_at);
