import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize, searchTokens, segment } from './segment.ts';

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
