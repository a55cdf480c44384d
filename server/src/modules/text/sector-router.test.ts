import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSectorRouter, vocabularyVote } from './sector-router.ts';

test('the shipped vocabulary points 医保 and 学校 texts to their sectors', () => {
  assert.equal(
    [...vocabularyVote('村里医保又涨了')].sort((a, b) => b[1] - a[1])[0]?.[0],
    '社会福利和社会保障界',
  );
  assert.ok(vocabularyVote('学校作业太多了').has('教育界'));
});

test('with three examples per sector the router suggests the neighbours’ sector', () => {
  const router = createSectorRouter();
  for (const text of ['路灯坏了晚上很黑', '路灯不亮好几天了', '小区路灯一盏都不亮'])
    router.learn({ text, sector: '中国民主建国会' });
  for (const text of ['工地欠工资不给', '包工头拖欠工钱', '干了半年工资没发'])
    router.learn({ text, sector: '中华全国总工会' });
  const answer = router.suggest({ text: '我们这条街的路灯坏了' });
  assert.equal(answer.suggestions[0]?.sector, '中国民主建国会');
  assert.equal(answer.abstain, false);
});

test('a text nothing speaks for gets no confident suggestion, but its sectors stay ranked', () => {
  const router = createSectorRouter();
  for (const text of ['路灯坏了晚上很黑', '路灯不亮好几天了'])
    router.learn({ text, sector: '中国民主建国会' });
  for (const text of ['工地欠工资不给', '包工头拖欠工钱']) router.learn({ text, sector: '中华全国总工会' });
  const answer = router.suggest({ text: '谢谢领导' });
  assert.equal(answer.abstain, true);
  assert.ok(answer.suggestions.length > 0);
});
