import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formFields, parseUrlencoded } from './form-body.ts';

// The strict urlencoded parser reads what browsers send exactly as URLSearchParams does, and
// names the fields whose bytes are not UTF-8 instead of replacing them.

test('well-formed fields read as URLSearchParams reads them, with no problem', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string({ unit: 'grapheme' })), (d) => {
      const body = new URLSearchParams(d).toString();
      const { fields, problems } = parseUrlencoded(Buffer.from(body));
      assert.deepEqual(problems, []);
      assert.deepEqual({ ...fields }, Object.fromEntries(new URLSearchParams(body)));
    }),
  );
});

test('bytes that are not UTF-8, or a lone surrogate, name their field; the rest is kept', () => {
  const r = parseUrlencoded(Buffer.from('a=%E8%B7%AF&text=%E8%B7%AF%ED%A0%80&place=%FF&b=x+y&c=%zz'));
  assert.deepEqual(
    r.problems.map((p) => `${p.field}:${p.problem}`),
    ['text:ill_formed', 'place:ill_formed'],
  );
  assert.equal(r.fields.a, '路');
  assert.match(r.fields.text!, /^路\uFFFD+$/);
  assert.equal(r.fields.b, 'x y');
  assert.equal(r.fields.c, '%zz');
  assert.deepEqual(parseUrlencoded(Buffer.from('%FF=1')).problems, [
    { field: '\uFFFD', problem: 'ill_formed' },
  ]);
});

test('JSON posted to a form: its string fields, a lone surrogate named, other types left out', () => {
  const r = formFields({ phone: 13800138000, text: '路灯\ud800', place: ['x'], k: 'abc' });
  assert.deepEqual({ ...r.fields }, { text: '路灯\ud800', k: 'abc' });
  assert.deepEqual(r.problems, [{ field: 'text', problem: 'ill_formed' }]);
  for (const body of [null, undefined, 'text', 5, ['a']]) {
    const empty = formFields(body);
    assert.deepEqual([Object.keys(empty.fields), empty.problems], [[], []]);
  }
});
