import type { SealedSet } from '../../lib/sealed-set.ts';

// Auth's sealed columns, for key rotation (modules/keys): staff's second-factor secrets.
export const sealedByAuth: readonly SealedSet[] = [
  { name: 'accounts.totp', table: 'accounts', keyColumn: 'id', sealed: ['totp_secret_enc'] },
];
