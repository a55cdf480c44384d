import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { JsonlError, parseJsonl } from './jsonl.ts';

test('lines parse; blank lines and a BOM are skipped; numeric ids become strings', () => {
  const rows = parseJsonl('\uFEFF{"id":1,"text":"路灯"}\n\n{"id":"b","text":"井盖"}\r\n', ['id', 'text']);
  assert.deepEqual(
    rows.map((r) => r.id),
    ['1', 'b'],
  );
});

test('a malformed line is rejected with its number', () => {
  for (const [text, line] of [
    ['{"id":"a","text":"x"}\n{bad', 2],
    ['[1]', 1],
    ['{"id":"a","text":"x"}\n\n{"id":"b"}', 3],
    ['{"id":"a","text":"x","place":7}', 1],
  ] as const) {
    assert.throws(
      () => parseJsonl(text, ['id', 'text']),
      (e: unknown) => e instanceof JsonlError && e.line === line,
    );
  }
});

test('any text either parses or fails with a line number, never anything else', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      try {
        parseJsonl(s, ['id', 'text']);
      } catch (e) {
        return e instanceof JsonlError && e.line >= 1;
      }
      return true;
    }),
  );
});
