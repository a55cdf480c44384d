import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sheetText, textOfSheet } from './sheet-text.ts';

test('text a spreadsheet would evaluate gets a leading apostrophe', () => {
  for (const s of [
    '=1+1',
    '+8613800000000',
    '-2+3',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    '=HYPERLINK("http://x","点我")',
  ])
    assert.equal(sheetText(s), `'${s}`, JSON.stringify(s));
  for (const s of ['张丽霜', '1975-06', "'quoted", 'a=b', ''])
    assert.equal(sheetText(s), s, JSON.stringify(s));
});

test('never starts with a formula character; reads back as written', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const out = sheetText(s);
      assert.doesNotMatch(out, /^[=+\-@\t\r]/);
      assert.equal(textOfSheet(out), s);
    }),
  );
});
