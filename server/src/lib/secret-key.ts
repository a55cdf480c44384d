import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseKey } from './crypto.ts';

/** SECRET_KEY from the environment, else DATA_DIR/secret.key, created (0600) on first start. */
export async function loadSecretKey(fromEnv: string | undefined, dataDir: string): Promise<Buffer> {
  if (fromEnv) return parseKey(fromEnv);
  const file = path.resolve(dataDir, 'secret.key');
  if (existsSync(file)) return parseKey(await readFile(file, 'utf8'));
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, key.toString('hex'), { mode: 0o600 });
  return key;
}
