-- Reply templates (答复模板, issue 11): texts a committee's staff keep for the answers given
-- again and again (a matter referred to 12345, a policy explained); a member or a handling
-- department starts a reply from one and adapts it. A committee's templates serve it and
-- every committee below it.
create table reply_templates (
  id uuid primary key,
  committee_id uuid not null references committees (id),
  title text not null,
  body text not null,
  created_by uuid references accounts (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index reply_templates_committee_idx on reply_templates (committee_id, title);
