// npm run key:rotate [-- --new-key FILE] [--algorithm aes-256-gcm|sm4] [--batch 500] [--stop-after N]
// Re-seals every sealed column with a new key, in batches that each commit their progress: an
// interrupted run (a crash, Ctrl-C, --stop-after) is resumed by running the command again.
// Stop every Lianxin instance first; none starts again until the rotation is finished.
//
// The new key: --new-key FILE, else DATA_DIR/secret.key.next (generated on the first run).
// At the end, with the key in DATA_DIR: secret.key becomes secret.key.retired-<fingerprint>
// (backups made before the rotation need it) and secret.key.next becomes secret.key. With
// SECRET_KEY in the environment: set it to the new key before starting.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { keyFingerprint, parseKey, sealAlgorithms } from '../lib/crypto.ts';
import type { SealAlgorithm } from '../lib/crypto.ts';
import { readSecretKey, secretKeyFile } from '../lib/secret-key.ts';
import { recordedKey } from '../modules/keys/fingerprint.ts';
import { RotationError, rotateKey } from '../modules/keys/rotate.ts';
import { openForCommand } from './open-for-command.ts';

const { values } = parseArgs({
  options: {
    'new-key': { type: 'string' },
    algorithm: { type: 'string' },
    batch: { type: 'string', default: '500' },
    'stop-after': { type: 'string' },
  },
});
const fail = (msg: string, code = 1): never => {
  console.error(msg);
  process.exit(code);
};
const algorithm = values.algorithm as SealAlgorithm | undefined;
if (algorithm && !sealAlgorithms.includes(algorithm))
  fail(`--algorithm: one of ${sealAlgorithms.join(', ')}`, 2);
const config = loadConfig();
const old = await readSecretKey(config.SECRET_KEY, config.DATA_DIR);
if (!old)
  fail(`No current key: SECRET_KEY is unset and ${secretKeyFile(config.DATA_DIR)} does not exist.`, 2);
const db = await openForCommand(config, 'Stop it before rotating the key.');
const next = values['new-key'] ? path.resolve(values['new-key']) : `${secretKeyFile(config.DATA_DIR)}.next`;
if (!existsSync(next)) {
  if ((await recordedKey(db))?.rotating_to)
    fail(`A rotation is in progress but its new key ${next} is gone.`, 2);
  await writeFile(next, randomBytes(32).toString('hex'), { mode: 0o600 });
  console.log(`new key generated: ${next}`);
}
const newKey = parseKey(await readFile(next, 'utf8'));
try {
  const recorded = await recordedKey(db);
  // A run that finished in the database but stopped before swapping the key files.
  const already = recorded && !recorded.rotating_to && recorded.fingerprint === keyFingerprint(newKey);
  const r = already
    ? { finished: true, batches: 0, rows: 0, fingerprint: recorded.fingerprint }
    : await rotateKey(db, {
        oldKey: old!.key,
        newKey,
        algorithm,
        batch: Number(values.batch),
        stopAfter: values['stop-after'] === undefined ? undefined : Number(values['stop-after']),
        now: new Date(),
        log: (line) => console.log(`  ${line}`),
      });
  await db.close();
  if (!r.finished) {
    console.log(`stopped after ${r.batches} batches (${r.rows} rows): run the same command again to resume.`);
    process.exit(3);
  }
  console.log(`rotation finished: ${r.rows} rows re-sealed; the key's fingerprint is now ${r.fingerprint}.`);
  if (old!.source === 'SECRET_KEY') {
    console.log(
      `Set SECRET_KEY to the key in ${next} before starting Lianxin; keep the old key for older backups.`,
    );
  } else if (!values['new-key'] || next === `${secretKeyFile(config.DATA_DIR)}.next`) {
    const retired = `${secretKeyFile(config.DATA_DIR)}.retired-${keyFingerprint(old!.key).slice(0, 8)}`;
    await rename(secretKeyFile(config.DATA_DIR), retired);
    await rename(next, secretKeyFile(config.DATA_DIR));
    console.log(`${secretKeyFile(config.DATA_DIR)} is the new key; the old one is ${retired}:`);
    console.log('keep it (apart, like the new one) while backups made before this rotation are kept.');
  } else {
    console.log(
      `Put the key of ${next} where Lianxin reads it (SECRET_KEY or DATA_DIR/secret.key) before starting.`,
    );
  }
} catch (err) {
  await db.close();
  if (err instanceof RotationError) fail(err.message, 2);
  throw err;
}
