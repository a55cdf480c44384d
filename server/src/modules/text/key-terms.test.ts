import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKeyTerm, keyTermsOf } from './key-terms.ts';

test('key terms say what the issue is about: no times, people in general, frame or glued prepositions', () => {
  for (const noise of ['晚上', '孩子', '从县', '在村', '希望', '每天', '3号', '2024'])
    assert.equal(isKeyTerm(noise), false, noise);
  for (const term of ['路灯', '不亮', '暖气', '噪音', '拖欠', '工资', '和平路', '在建工地'])
    assert.equal(isKeyTerm(term), true, term);
  assert.deepEqual(keyTermsOf(['晚上', '路灯', '孩子', '不亮', '从县', '和平路', '维修'], 3), [
    '路灯',
    '不亮',
    '和平路',
  ]);
});
