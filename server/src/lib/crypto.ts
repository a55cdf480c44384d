import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes } from 'node:crypto';

// Personal data at rest (phone numbers, TOTP secrets): AES-256-GCM with a key that never
// sits in the database. A keyed hash lets us find the same phone again without decrypting.
export type Sealer = {
  seal(plain: string): string;
  open(sealed: string): string;
  hash(value: string): string;
};

export function makeSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes');
  // Key objects made once: passing raw Buffers re-imports the key on every call, which made
  // hashing and sealing 4–6× slower and dominated roster imports.
  const aesKey = createSecretKey(key);
  const hmacKey = createSecretKey(createHmac('sha256', key).update('lianxin/lookup-hash').digest());
  return {
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

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length !== 32) throw new Error('SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
  return buf;
}

export const maskPhone = (p: string) => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****');
