import type { Queryable } from '../../db/db.ts';
import { keyFingerprint, makeSealer } from '../../lib/crypto.ts';
import type { SealAlgorithm, Sealer } from '../../lib/crypto.ts';
import { loadSecretKey, readSecretKey, secretKeyFile } from '../../lib/secret-key.ts';
import type { FoundKey } from '../../lib/secret-key.ts';
import { sealedSets } from './sealed-sets.ts';

/** The start cannot go on with this key: the message says what to set. */
export class KeyCheckError extends Error {
  override name = 'KeyCheckError';
}

export type KeySettings = {
  secretKey?: string | undefined;
  dataDir: string;
  /** SEAL_ALGORITHM when set; unset: what the database was installed with. */
  algorithm?: SealAlgorithm | undefined;
};

type KeyRow = { fingerprint: string; algorithm: SealAlgorithm; rotating_to: string | null };

export async function recordedKey(q: Queryable): Promise<KeyRow | undefined> {
  const [row] = await q.query<KeyRow>(
    'select fingerprint, algorithm, rotating_to from sealing_key where id = 1',
  );
  return row;
}

const whereKeyIs = (s: KeySettings) =>
  `SECRET_KEY (unset now) or the file ${secretKeyFile(s.dataDir)} (DATA_DIR=${s.dataDir})`;

/**
 * The sealer for this database, after checking the configured key is the one its personal
 * data is sealed with. A new database records the key's fingerprint (and a key is generated
 * into DATA_DIR when none is set); a database from before fingerprints is checked by opening
 * one of its sealed values, then recorded.
 */
export async function sealerForDatabase(q: Queryable, s: KeySettings, now: Date): Promise<Sealer> {
  const row = await recordedKey(q);
  if (row?.rotating_to)
    throw new KeyCheckError(
      `A key rotation is in progress (from key ${row.fingerprint} to ${row.rotating_to}): ` +
        'finish it with `npm run key:rotate` before starting Lianxin.',
    );
  if (row) {
    const found = await readSecretKey(s.secretKey, s.dataDir);
    if (!found)
      throw new KeyCheckError(
        `No encryption key: SECRET_KEY is unset and ${secretKeyFile(s.dataDir)} does not exist, but this ` +
          `database's personal data is sealed with the key whose fingerprint is ${row.fingerprint}. ` +
          `Set SECRET_KEY, or DATA_DIR to the folder holding that key's secret.key (a new key cannot open the data).`,
      );
    assertSameKey(found, row.fingerprint, s);
    if (s.algorithm && s.algorithm !== row.algorithm)
      throw new KeyCheckError(
        `SEAL_ALGORITHM=${s.algorithm}, but this database's personal data is sealed with ${row.algorithm}. ` +
          `Unset SEAL_ALGORITHM, or move the data with \`npm run key:rotate -- --algorithm ${s.algorithm}\`.`,
      );
    return makeSealer(found.key, row.algorithm);
  }
  const sample = await sealedSample(q);
  let found: FoundKey;
  let algorithm = s.algorithm ?? 'aes-256-gcm';
  if (sample) {
    const f = await readSecretKey(s.secretKey, s.dataDir);
    if (!f)
      throw new KeyCheckError(
        `No encryption key: this database holds sealed personal data but ${whereKeyIs(s)} holds no key. ` +
          'Set SECRET_KEY, or DATA_DIR to the folder holding the secret.key it was sealed with.',
      );
    found = f;
    // Databases from before fingerprints were all sealed with AES-GCM.
    algorithm = sample.startsWith('s1.') ? 'sm4' : 'aes-256-gcm';
    try {
      makeSealer(found.key, algorithm).open(sample);
    } catch {
      throw new KeyCheckError(
        `The key from ${found.source} (fingerprint ${keyFingerprint(found.key)}) does not open this database's ` +
          'sealed personal data: it was sealed with another key. Set SECRET_KEY or DATA_DIR to the key it was sealed with.',
      );
    }
  } else {
    found = await loadSecretKey(s.secretKey, s.dataDir);
  }
  const fingerprint = keyFingerprint(found.key);
  await q.query(
    `insert into sealing_key (id, fingerprint, algorithm, recorded_at) values (1, $1, $2, $3)
     on conflict (id) do nothing`,
    [fingerprint, algorithm, now],
  );
  // Two instances starting together on an empty database: the first one's key wins.
  const stored = (await recordedKey(q))!;
  assertSameKey(found, stored.fingerprint, s);
  return makeSealer(found.key, stored.algorithm);
}

function assertSameKey(found: FoundKey, expected: string, s: KeySettings) {
  const actual = keyFingerprint(found.key);
  if (actual === expected) return;
  throw new KeyCheckError(
    `Wrong encryption key: the key from ${found.source} has fingerprint ${actual}, but this database's ` +
      `personal data is sealed with the key whose fingerprint is ${expected}. Set SECRET_KEY, or DATA_DIR ` +
      `(now ${s.dataDir}) to the folder holding that key's secret.key; starting with another key would make ` +
      'every sealed phone number unreadable.',
  );
}

/** One sealed value from any owner's sealed columns, or undefined when there is none. */
async function sealedSample(q: Queryable): Promise<string | undefined> {
  for (const set of sealedSets)
    for (const col of set.sealed) {
      const where = [`${col} is not null`, ...(set.where ? [set.where] : [])].join(' and ');
      const [r] = await q.query<{ v: string }>(`select ${col} as v from ${set.table} where ${where} limit 1`);
      if (r) return r.v;
    }
  return undefined;
}

/** The sealer of the configured key, checked against the database (the start's one call). */
export const configuredSealer = (
  config: { SECRET_KEY?: string | undefined; DATA_DIR: string; SEAL_ALGORITHM?: KeySettings['algorithm'] },
  q: Queryable,
) =>
  sealerForDatabase(
    q,
    { secretKey: config.SECRET_KEY, dataDir: config.DATA_DIR, algorithm: config.SEAL_ALGORITHM },
    new Date(),
  );
