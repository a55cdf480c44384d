import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';

// Personal data at rest (phone numbers, TOTP secrets): sealed with a key that never sits in
// the database. A keyed hash lets us find the same phone again without decrypting.
//
// Two algorithms, chosen at install (SEAL_ALGORITHM) and recorded with the key's fingerprint:
// - aes-256-gcm (default): sealed values start with 'v1'.
// - sm4 (国密, GB/T 39786): SM4-CTR encrypts, HMAC-SM3 authenticates (encrypt-then-MAC), and
//   lookup hashes are HMAC-SM3; sealed values start with 's1'. Both are in Node's OpenSSL.
export type SealAlgorithm = 'aes-256-gcm' | 'sm4';
export const sealAlgorithms: readonly SealAlgorithm[] = ['aes-256-gcm', 'sm4'];

export type Sealer = {
  readonly algorithm: SealAlgorithm;
  seal(plain: string): string;
  open(sealed: string): string;
  hash(value: string): string;
};

export function makeSealer(key: Buffer, algorithm: SealAlgorithm = 'aes-256-gcm'): Sealer {
  if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes');
  return algorithm === 'sm4' ? sm4Sealer(key) : aesSealer(key);
}

function aesSealer(key: Buffer): Sealer {
  // Key objects made once: passing raw Buffers re-imports the key on every call, which made
  // hashing and sealing 4–6× slower and dominated roster imports.
  const aesKey = createSecretKey(key);
  const hmacKey = createSecretKey(createHmac('sha256', key).update('lianxin/lookup-hash').digest());
  return {
    algorithm: 'aes-256-gcm',
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', aesKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join(
        '.',
      );
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed format');
      const d = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(iv, 'base64'));
      d.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
    },
    hash(value) {
      return createHmac('sha256', hmacKey).update(value).digest('base64url');
    },
  };
}

function sm4Sealer(key: Buffer): Sealer {
  // Separate keys for encryption, authentication and lookup, each derived from the one
  // secret, so no key serves two purposes.
  const derive = (label: string) => createHmac('sm3', key).update(label).digest();
  const encKey = createSecretKey(derive('lianxin/sm4-enc').subarray(0, 16));
  const macKey = createSecretKey(derive('lianxin/sm4-mac'));
  const hashKey = createSecretKey(derive('lianxin/lookup-hash'));
  const macOf = (k: KeyObject, iv: Buffer, body: Buffer) =>
    createHmac('sm3', k).update('s1').update(iv).update(body).digest();
  return {
    algorithm: 'sm4',
    seal(plain) {
      const iv = randomBytes(16);
      const c = createCipheriv('sm4-ctr', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return [
        's1',
        iv.toString('base64'),
        macOf(macKey, iv, body).toString('base64'),
        body.toString('base64'),
      ].join('.');
    },
    open(sealed) {
      const [v, ivText, macText, bodyText] = sealed.split('.');
      if (v !== 's1' || !ivText || !macText || bodyText === undefined)
        throw new Error('unknown sealed format');
      const iv = Buffer.from(ivText, 'base64');
      const body = Buffer.from(bodyText, 'base64');
      const mac = Buffer.from(macText, 'base64');
      const expected = macOf(macKey, iv, body);
      // Checked before decrypting: CTR alone would turn a tampered value into other text.
      if (mac.length !== expected.length || !timingSafeEqual(mac, expected))
        throw new Error('unable to authenticate data');
      const d = createDecipheriv('sm4-ctr', encKey, iv);
      return Buffer.concat([d.update(body), d.final()]).toString('utf8');
    },
    hash(value) {
      return createHmac('sm3', hashKey).update(value).digest('base64url');
    },
  };
}

/**
 * What the database keeps to recognise the key without holding it: a keyed hash of a fixed
 * label, which reveals nothing about the key and cannot be turned back into it.
 */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('lianxin/key-fingerprint').digest('hex').slice(0, 32);
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length !== 32) throw new Error('SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
  return buf;
}

export const maskPhone = (p: string) => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****');
