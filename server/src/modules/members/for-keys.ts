import type { SealedSet } from '../../lib/sealed-set.ts';

// Members' sealed columns, for key rotation (modules/keys): a person's phone and the lookup
// hash that finds the same person again; a roster import's problems and bad-rows file.
export const sealedByMembers: readonly SealedSet[] = [
  {
    name: 'persons.phone',
    table: 'persons',
    keyColumn: 'id',
    sealed: ['phone_enc'],
    lookupHashes: [{ column: 'phone_hash', of: 'phone_enc' }],
  },
  {
    name: 'roster_imports.sealed',
    table: 'roster_imports',
    keyColumn: 'id',
    sealed: ['problems_sealed', 'bad_rows_sealed'],
  },
];
