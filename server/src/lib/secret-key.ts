import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseKey } from './crypto.ts';

export type FoundKey = {
  key: Buffer;
  /** Where it came from, for messages: never the key itself. */ source: string;
};

export const secretKeyFile = (dataDir: string) => path.resolve(dataDir, 'secret.key');

/** SECRET_KEY from the environment, else DATA_DIR/secret.key; undefined when neither is there. */
export async function readSecretKey(
  fromEnv: string | undefined,
  dataDir: string,
): Promise<FoundKey | undefined> {
  if (fromEnv) return { key: parseKey(fromEnv), source: 'SECRET_KEY' };
  const file = secretKeyFile(dataDir);
  if (existsSync(file)) return { key: parseKey(await readFile(file, 'utf8')), source: file };
  return undefined;
}

/** As readSecretKey, and a new key in DATA_DIR/secret.key (0600) when there is none. */
export async function loadSecretKey(fromEnv: string | undefined, dataDir: string): Promise<FoundKey> {
  const found = await readSecretKey(fromEnv, dataDir);
  if (found) return found;
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  const file = secretKeyFile(dataDir);
  await writeFile(file, key.toString('hex'), { mode: 0o600 });
  return { key, source: file };
}
