import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compoundHeads, normalize, searchTokens, segment } from './segment.ts';

test('traditional characters, full-width forms and case are normalized before cutting', () => {
  assert.equal(normalize('ＡＢＣ１２３　路燈壞了'), 'abc123 路灯坏了');
  assert.deepEqual(segment('路燈壞了'), segment('路灯坏了'));
});

test('domain words stay whole; stopwords and punctuation are dropped', () => {
  const words = segment('尊敬的委员您好，俺家楼下的路灯坏了，委员工作室能帮办实事吗？');
  assert.ok(words.includes('委员工作室'), words.join('/'));
  assert.ok(words.includes('帮办实事'), words.join('/'));
  assert.ok(words.includes('路灯'), words.join('/'));
  for (const gone of ['的', '，', '？', '您好', '吗']) assert.ok(!words.includes(gone), gone);
});

test('search tokens include the shorter words inside long ones', () => {
  const tokens = searchTokens('老旧小区加装电梯');
  for (const w of ['老旧小区', '小区', '加装电梯', '电梯']) assert.ok(tokens.includes(w), w);
});

test('search tokens carry the short form of a compound: 垃圾中转站 also as 垃圾站', () => {
  const tokens = searchTokens('幸福小区的垃圾中转站异味严重');
  for (const w of ['垃圾', '中转站', '垃圾站']) assert.ok(tokens.includes(w), `${w} in ${tokens.join('/')}`);
  // Only a word followed by a compound of three characters or more: no 幸福区 from 幸福/小区.
  assert.ok(!tokens.includes('幸福区'), tokens.join('/'));
  const n = (word: string) => ({ word, tag: 'n' });
  assert.deepEqual(compoundHeads([n('垃圾'), n('中转站')]), ['垃圾站']);
  assert.deepEqual(compoundHeads([n('垃圾'), n('站')]), [], 'a one-character word is no compound');
  assert.deepEqual(compoundHeads([n('wifi'), n('中转站')]), []);
  assert.deepEqual(compoundHeads([{ word: '门口', tag: 's' }, n('交通拥堵')]), [], 'nouns only');
  assert.deepEqual(compoundHeads([n('路灯'), n('红绿灯')]), [], 'no 路灯灯');
});
