import type { Queryable } from '../../db/db.ts';
import type { Sealer } from '../../lib/crypto.ts';
import { maskPhone } from '../../lib/crypto.ts';
import { nameKeys } from './names.ts';
import { personsByPhoneHash } from './queries.ts';

// The one write path for people and their seats, used by the form (one row) and the roster
// import (thousands): set-based SQL, so an import is a handful of statements, not one per row.
export type PersonInput = {
  name: string;
  gender: 'male' | 'female';
  ethnicity?: string | null;
  birthMonth?: string | null;
  party?: string | null;
  phone?: string | null;
};
export type SeatInput = {
  committeeId: string;
  sectorId?: string | null;
  specialCommitteeId?: string | null;
  workUnitPost: string;
  position: string;
  joinedOn?: string | null;
};

/** Existing persons for these phones, by phone hash: the same phone is the same person. */
export async function findPersonsByPhone(q: Queryable, sealer: Sealer, phones: string[]) {
  const rows = await personsByPhoneHash(
    q,
    phones.map((p) => sealer.hash(p)),
  );
  return new Map(rows.map((r) => [r.phone_hash!, r]));
}

export async function upsertPersons(
  q: Queryable,
  sealer: Sealer,
  now: Date,
  persons: (PersonInput & { id: string })[],
): Promise<void> {
  if (!persons.length) return;
  const rows = persons.map((p) => {
    const keys = nameKeys(p.name);
    return {
      id: p.id,
      name: p.name,
      name_pinyin: keys.pinyin,
      name_initials: keys.initials,
      gender: p.gender,
      ethnicity: p.ethnicity ?? null,
      birth_month: p.birthMonth ?? null,
      party: p.party ?? null,
      phone_enc: p.phone ? sealer.seal(p.phone) : null,
      phone_hash: p.phone ? sealer.hash(p.phone) : null,
      phone_masked: p.phone ? maskPhone(p.phone) : null,
    };
  });
  await q.query(
    `insert into persons (id, name, name_pinyin, name_initials, gender, ethnicity, birth_month, party,
                          phone_enc, phone_hash, phone_masked, created_at, updated_at)
     select x.id, x.name, x.name_pinyin, x.name_initials, x.gender, x.ethnicity, x.birth_month, x.party,
            x.phone_enc, x.phone_hash, x.phone_masked, $2, $2
       from jsonb_to_recordset($1::jsonb) as x(id uuid, name text, name_pinyin text, name_initials text, gender text,
            ethnicity text, birth_month text, party text, phone_enc text, phone_hash text, phone_masked text)
     on conflict (id) do update set name = excluded.name, name_pinyin = excluded.name_pinyin,
       name_initials = excluded.name_initials, gender = excluded.gender,
       ethnicity = coalesce(excluded.ethnicity, persons.ethnicity),
       birth_month = coalesce(excluded.birth_month, persons.birth_month),
       party = coalesce(excluded.party, persons.party),
       phone_enc = coalesce(excluded.phone_enc, persons.phone_enc),
       phone_hash = coalesce(excluded.phone_hash, persons.phone_hash),
       phone_masked = coalesce(excluded.phone_masked, persons.phone_masked),
       updated_at = excluded.updated_at`,
    [JSON.stringify(rows), now],
  );
}

/** Inserts seats, or refreshes (and reactivates) the seat a person already has there. */
export async function upsertSeats(
  q: Queryable,
  now: Date,
  seats: (SeatInput & { id: string; personId: string })[],
): Promise<{ added: number; updated: number; ids: Map<string, string> }> {
  if (!seats.length) return { added: 0, updated: 0, ids: new Map() };
  const rows = seats.map((s) => ({
    id: s.id,
    person_id: s.personId,
    committee_id: s.committeeId,
    sector_id: s.sectorId ?? null,
    special_committee_id: s.specialCommitteeId ?? null,
    work_unit_post: s.workUnitPost,
    position: s.position,
    joined_on: s.joinedOn ?? null,
  }));
  const out = await q.query<{ id: string; person_id: string; committee_id: string; inserted: boolean }>(
    `insert into memberships (id, person_id, committee_id, sector_id, special_committee_id, work_unit_post,
                              position, joined_on, status, created_at, updated_at)
     select x.id, x.person_id, x.committee_id, x.sector_id, x.special_committee_id, x.work_unit_post,
            x.position, x.joined_on, 'active', $2, $2
       from jsonb_to_recordset($1::jsonb) as x(id uuid, person_id uuid, committee_id uuid, sector_id uuid,
            special_committee_id uuid, work_unit_post text, position text, joined_on date)
     on conflict (person_id, committee_id) do update set sector_id = excluded.sector_id,
       special_committee_id = excluded.special_committee_id, work_unit_post = excluded.work_unit_post,
       position = excluded.position, joined_on = coalesce(excluded.joined_on, memberships.joined_on),
       status = 'active', retired_on = null, retire_reason = null, updated_at = excluded.updated_at
     returning id, person_id, committee_id, (xmax = 0) as inserted`,
    [JSON.stringify(rows), now],
  );
  const added = out.filter((r) => r.inserted).length;
  return {
    added,
    updated: out.length - added,
    ids: new Map(out.map((r) => [`${r.person_id}/${r.committee_id}`, r.id])),
  };
}
