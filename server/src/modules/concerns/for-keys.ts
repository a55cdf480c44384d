import type { SealedSet } from '../../lib/sealed-set.ts';

// Concerns' sealed columns, for key rotation (modules/keys): the citizen's phone and name, and
// the phone's lookup hash (rate limits, "my concerns"), which follows the key.
export const sealedByConcerns: readonly SealedSet[] = [
  {
    name: 'concerns.citizen',
    table: 'concerns',
    keyColumn: 'id',
    sealed: ['citizen_phone_enc', 'citizen_name_enc'],
    lookupHashes: [{ column: 'citizen_phone_hash', of: 'citizen_phone_enc' }],
  },
];
