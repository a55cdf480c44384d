import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { passwordStrongEnough } from './auth.ts';

test('password rule: at least 8 characters from 3 of 4 classes', () => {
  assert.equal(passwordStrongEnough('Abcdefg1'), true);
  assert.equal(passwordStrongEnough('abcdefg1!'), true);
  assert.equal(passwordStrongEnough('Abc1!'), false);
  assert.equal(passwordStrongEnough('abcdefgh1'), false);
  assert.equal(passwordStrongEnough('密码密码密码密码'), false);
});

test('password rule agrees with a direct count of classes for any string', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), (pw) => {
      const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
      assert.equal(passwordStrongEnough(pw), pw.length >= 8 && classes >= 3);
    }),
  );
});
