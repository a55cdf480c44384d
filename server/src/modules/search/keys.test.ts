import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { excerpt, highlightAll, similarNeedles } from './highlight.ts';
import { fuzzyKeys, gramsText, maskPersonal, parseQuery, phraseQuery, termKeys, wordsQuery } from './keys.ts';

// Unit and property tests of the pure parts: what goes into the index and what a query becomes.

test('bigram stream: Chinese as overlapping pairs, letters and digits whole, traditional made simplified', () => {
  assert.equal(gramsText('路灯不亮'), '路灯 灯不 不亮');
  assert.equal(gramsText('3号楼WiFi差'), '3 号楼 wifi 差');
  assert.equal(gramsText('路燈'), '路灯');
  assert.equal(gramsText('，。！'), '');
});

test('typo keys: homophone key, and one-blank variants for 3–4 characters only', () => {
  assert.deepEqual(termKeys('路灯'), ['~ludeng']);
  assert.deepEqual(termKeys('张丽霜'), ['~zhanglishuang', '_丽霜', '张_霜', '张丽_']);
  assert.deepEqual(termKeys('路'), []);
  assert.deepEqual(termKeys('wifi'), []);
  // A query with a typo shares a key with the right word.
  const doc = new Set(fuzzyKeys(['张丽霜']));
  assert.ok(
    parseQuery('张立霜').fuzzy.some((k) => doc.has(k)),
    'sounds alike',
  );
  assert.ok(
    parseQuery('张丽雪').fuzzy.some((k) => doc.has(k)),
    'one character off',
  );
  assert.ok(!parseQuery('王建国').fuzzy.some((k) => doc.has(k)));
});

test('phone and ID numbers are masked before indexing', () => {
  assert.equal(maskPersonal('电话13912345678，'), '电话139****5678，');
  assert.equal(maskPersonal('130123199001011234'), '130123********1234');
  assert.equal(maskPersonal('编号2024001'), '编号2024001');
});

test('queries: pinyin, surname, words without stray single characters', () => {
  assert.equal(parseQuery('ZLS').pinyin, 'zls');
  assert.equal(parseQuery('王').surname, '王');
  assert.deepEqual(parseQuery('王').words, ['王']);
  assert.ok(parseQuery('路等').words.every((w) => [...w].length > 1));
  assert.equal(phraseQuery([['路灯', '灯不'], ['3']]), "('路灯' <-> '灯不') & ('3')");
  assert.equal(wordsQuery(['路灯', '小区'], 'any'), "'路灯' | '小区'");
});

test('property: any query text parses into quoted lexemes that cannot break out of their quotes', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 100 }), (q) => {
      const p = parseQuery(q);
      for (const l of [...p.words, ...p.chunks.flat()]) assert.ok(!/['\\]/.test(l), l);
    }),
    { numRuns: 300 },
  );
});

test('highlights mark the original characters and never lose or add text', () => {
  const segs = highlightAll('和平路路燈不亮，ＡＢＣ', ['路灯', 'abc']);
  assert.deepEqual(
    segs.filter((s) => s.hit).map((s) => s.text),
    ['路燈', 'ＡＢＣ'],
  );
  fc.assert(
    fc.property(
      fc.string({ maxLength: 200 }),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      (t, ns) => {
        assert.equal(
          highlightAll(t, ns)
            .map((s) => s.text)
            .join(''),
          t,
        );
      },
    ),
    { numRuns: 300 },
  );
});

test('excerpt: a window around the first hit, with ellipses where text was cut', () => {
  const text = `${'前'.repeat(50)}路灯${'后'.repeat(200)}`;
  const segs = excerpt(text, ['路灯']);
  assert.equal(segs[0]!.text, '…');
  assert.equal(segs.at(-1)!.text, '…');
  assert.ok(segs.some((s) => s.hit && s.text === '路灯'));
});

test('similar needles: spelled alike or sounding alike, sharing a character', () => {
  assert.deepEqual(similarNeedles('和平路路灯又坏了', '路等'), ['路灯']);
  assert.deepEqual(similarNeedles('委员张丽霜', '张立霜'), ['张丽霜']);
  assert.deepEqual(similarNeedles('委员王建国', '张立霜'), []);
});
