import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createGroupIndex } from './grouping.ts';
import { rebuild } from './rebuild.ts';
import { confirm, detach, merge, split } from './staff-actions.ts';
import { summarize } from './summary.ts';

// Street lamps in different words, and other problems at the same estate.
const lamps = [
  { id: 'l1', text: '小区路灯坏了好几天，晚上黑漆漆的', place: '锦绣华府小区', at: '2025-03-01' },
  { id: 'l2', text: '路燈不亮，晚上出门摔了一跤，路灯多久没修了', place: '锦绣华府', at: '2025-03-02' },
  { id: 'l3', text: '楼下路等坏了没人修，晚上太黑', at: '2025-03-02' },
  { id: 'l4', text: '路灯坏了一个月了，黑灯瞎火的，谁来修修路灯', place: '张庄村', at: '2025-03-03' },
];
const others = [
  { id: 'e1', text: '锦绣华府小区电梯天天停运，老人爬楼困难，电梯维保没人管', place: '锦绣华府小区' },
  { id: 'e2', text: '电梯又坏了，关人了，物业不管电梯', place: '锦绣华府' },
  { id: 'e3', text: '锦绣华府小区的电梯老是停，物业说没钱修电梯', place: '锦绣华府小区' },
];
const all = [...lamps, ...others];

function groupOf(index: ReturnType<typeof createGroupIndex>, id: string): string {
  return index.concerns.get(id)?.group ?? '';
}

test('rebuild groups the same problem in different words, not the same place', () => {
  const index = rebuild(all);
  const lamp = groupOf(index, 'l1');
  for (const l of lamps) assert.equal(groupOf(index, l.id), lamp, l.id);
  for (const e of others) assert.notEqual(groupOf(index, e.id), lamp, e.id);
  assert.equal(rebuild(all).concerns.get('l3')?.group, lamp, 'the same input gives the same group ids');
});

test('a small batch keeps an unrelated concern out of a group its neighbours pulled it into', () => {
  const texts = [
    '建设路上的路灯坏了好几天了，晚上黑漆漆的，走路都看不清',
    '建设路路灯不亮，夜里出门很不安全，请尽快维修路灯',
    '俺家门口建设路那段路灯全瞎了，黑灯瞎火的，咋没人管管',
    '建設路的路燈壞了一個多星期，晚上很黑，請儘快修理路燈',
    '晚上建设路一片漆黑，路灯一盏都不亮，孩子放学回家害怕',
    '反映建设路路灯长期不亮的问题，希望有关部门派人修一修',
    '幸福小区门口的垃圾桶好几天没人清理，臭气熏天，苍蝇乱飞',
  ];
  const index = rebuild(texts.map((text, i) => ({ id: `s${i}`, text })));
  const lamp = index.concerns.get('s0')?.group;
  for (let i = 1; i < 6; i++) assert.equal(index.concerns.get(`s${i}`)?.group, lamp, texts[i]);
  assert.notEqual(index.concerns.get('s6')?.group, lamp);
});

test('incremental placement joins the closest group or opens one', () => {
  const index = createGroupIndex();
  for (const c of all) index.place(c);
  assert.equal(groupOf(index, 'l2'), groupOf(index, 'l1'));
  assert.equal(groupOf(index, 'e3'), groupOf(index, 'e1'));
  assert.notEqual(groupOf(index, 'e1'), groupOf(index, 'l1'));
  const g = index.place({ id: 'n1', text: '这条街的路灯晚上都不亮' });
  assert.equal(g, groupOf(index, 'l1'));
});

test('a detached concern is never pulled back, by placement or by a rebuild replaying decisions', () => {
  const index = rebuild(all);
  const lamp = groupOf(index, 'l1');
  const d = detach(index, 'l2');
  assert.notEqual(groupOf(index, 'l2'), lamp);
  assert.ok(!index.groups.get(lamp)?.members.includes('l2'));
  const again = rebuild(all, [JSON.parse(JSON.stringify(d))]);
  assert.notEqual(again.concerns.get('l2')?.group, again.concerns.get('l1')?.group);
  assert.equal(again.concerns.get('l3')?.group, again.concerns.get('l1')?.group, 'the rest stay together');
});

test('merge, split and confirm hold in later rebuilds', () => {
  const index = rebuild(all);
  const lamp = groupOf(index, 'l1');
  const lift = groupOf(index, 'e1');
  const decisions = [merge(index, lamp, lift)];
  assert.equal(groupOf(index, 'e2'), lamp);
  decisions.push(split(index, lamp, ['e1', 'e2', 'e3']));
  const splitId = groupOf(index, 'e1');
  assert.notEqual(splitId, lamp);
  decisions.push(confirm(index, lamp));
  const again = rebuild(all, decisions);
  assert.equal(again.concerns.get('l4')?.group, lamp);
  assert.equal(again.concerns.get('e2')?.group, splitId);
  assert.ok(summarize(again, lamp).confirmed);
});

test('a summary carries title, key terms, representatives and counts by place and day', () => {
  const index = rebuild(all);
  const s = summarize(index, groupOf(index, 'l1'));
  assert.ok(s.keyTerms.includes('路灯'), s.keyTerms.join(','));
  assert.equal(s.size, 4);
  assert.ok(s.representatives.length >= 1 && s.representatives.length <= 2);
  assert.ok(s.title.length > 0 && s.title.length <= 30);
  assert.equal(s.byDay['2025-03-02'], 2);
  assert.equal(s.byPlace['锦绣华府'], 2);
});

test('one worksite, two problems: night noise and unpaid wages stay two issues', () => {
  const texts = [
    '锦绣华府工地半夜还在打桩，吵得睡不着',
    '锦绣华府二期工地夜里施工噪音太大',
    '华府工地晚上电锯声不停，扰民',
    '锦绣华府工地拖欠工资，包工头跑了',
    '在锦绣华府工地干了半年，工钱一分没给',
    '华府二期工地欠薪，农民工讨不到血汗钱',
  ];
  const index = rebuild(texts.map((text, i) => ({ id: `w${i}`, text, place: '邢台市宁晋县' })));
  const noise = index.concerns.get('w0')?.group;
  const wages = index.concerns.get('w3')?.group;
  assert.notEqual(noise, wages);
  for (const i of [1, 2]) assert.notEqual(index.concerns.get(`w${i}`)?.group, wages, texts[i]);
  for (const i of [4, 5]) assert.notEqual(index.concerns.get(`w${i}`)?.group, noise, texts[i]);
});
