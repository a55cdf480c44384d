import { sealedByAuth } from '../auth/for-keys.ts';
import { sealedByConcerns } from '../concerns/for-keys.ts';
import { sealedByMembers } from '../members/for-keys.ts';
import { sealedByNotify } from '../notify/for-keys.ts';

export type { SealedSet } from '../../lib/sealed-set.ts';
import type { SealedSet } from '../../lib/sealed-set.ts';

export const sealedSets: readonly SealedSet[] = [
  ...sealedByMembers,
  ...sealedByAuth,
  ...sealedByConcerns,
  ...sealedByNotify,
];
