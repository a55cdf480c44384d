/**
 * Columns of one table that hold sealed values, as their owning module declares them (its
 * for-keys.ts): key rotation re-seals them, and the start check tries one of them when the
 * database predates the key's fingerprint. Each owner knows its table; this module only
 * walks what they publish.
 */
export type SealedSet = {
  /** Stable name: rotation records its progress under it. */
  name: string;
  table: string;
  /** A unique, ordered column (uuid or integer): rotation walks the rows in its order. */
  keyColumn: string;
  sealed: readonly string[];
  /** Only the rows this condition admits hold sealed values (outbox: sms rows only). */
  where?: string;
  /** Lookup hashes that must follow the key: `column` holds sealer.hash() of `of`'s plain text. */
  lookupHashes?: readonly { column: string; of: string }[];
};
