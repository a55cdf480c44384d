import type { SealedSet } from '../../lib/sealed-set.ts';

// Notify's sealed columns, for key rotation (modules/keys): an SMS's recipient is the sealed
// phone (in-app and email rows name a person or an address, not sealed).
export const sealedByNotify: readonly SealedSet[] = [
  { name: 'outbox.sms', table: 'outbox', keyColumn: 'id', sealed: ['recipient'], where: "channel = 'sms'" },
];
