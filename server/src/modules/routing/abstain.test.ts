import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sectorAbstains } from './suggest.ts';

test('a sector is suggested only with a clear lead; otherwise the suggestion abstains', () => {
  assert.equal(sectorAbstains([]), true);
  assert.equal(sectorAbstains([{ score: 0 }]), true);
  assert.equal(sectorAbstains([{ score: 5 }]), false);
  assert.equal(sectorAbstains([{ score: 5 }, { score: 2 }]), false);
  assert.equal(sectorAbstains([{ score: 5 }, { score: 4.8 }]), true);
});
