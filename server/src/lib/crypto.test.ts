import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { keyFingerprint, makeSealer, sealAlgorithms } from './crypto.ts';

test('SM3 in this Node is the standard one (GB/T 32905 test vector "abc")', () => {
  assert.equal(
    createHash('sm3').update('abc').digest('hex'),
    '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  );
});

// The same properties for each algorithm, so 国密 sealing is held to what AES-GCM is.
for (const algorithm of sealAlgorithms) {
  describe(`sealing with ${algorithm}`, () => {
    const key = randomBytes(32);
    const sealer = makeSealer(key, algorithm);

    test('opens what it sealed, for any text', () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => sealer.open(sealer.seal(s)) === s));
    });

    test('the same text seals differently each time, and shows nothing of the text', () => {
      const a = sealer.seal('13900001111');
      const b = sealer.seal('13900001111');
      assert.notEqual(a, b);
      assert.ok(!a.includes('13900001111'));
      assert.match(a, algorithm === 'sm4' ? /^s1\./ : /^v1\./);
    });

    test('another key cannot open it', () => {
      const other = makeSealer(randomBytes(32), algorithm);
      assert.throws(() => other.open(sealer.seal('13900001111')));
    });

    test('a changed byte is refused, not decrypted into other text', () => {
      const parts = sealer.seal('13900001111').split('.');
      const body = Buffer.from(parts[3]!, 'base64');
      body[0] = body[0]! ^ 1;
      parts[3] = body.toString('base64');
      assert.throws(() => sealer.open(parts.join('.')));
    });

    test('the other algorithm’s values are refused', () => {
      const other = makeSealer(key, algorithm === 'sm4' ? 'aes-256-gcm' : 'sm4');
      assert.throws(() => sealer.open(other.seal('x')), /unknown sealed format/);
    });

    test('lookup hashes are stable per key and differ between keys', () => {
      assert.equal(sealer.hash('13900001111'), makeSealer(key, algorithm).hash('13900001111'));
      assert.notEqual(sealer.hash('13900001111'), makeSealer(randomBytes(32), algorithm).hash('13900001111'));
    });
  });
}

test('sm4 and aes lookup hashes differ (HMAC-SM3 vs HMAC-SHA256)', () => {
  const key = randomBytes(32);
  assert.notEqual(makeSealer(key, 'sm4').hash('x'), makeSealer(key, 'aes-256-gcm').hash('x'));
});

test('a key’s fingerprint is stable, differs between keys and is not the key', () => {
  const key = randomBytes(32);
  assert.equal(keyFingerprint(key), keyFingerprint(Buffer.from(key)));
  assert.notEqual(keyFingerprint(key), keyFingerprint(randomBytes(32)));
  assert.ok(!key.toString('hex').includes(keyFingerprint(key)));
});
