import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rebuild } from './rebuild.ts';
import { createRoutingModel } from './routing-model.ts';
import { sectorScorer } from './sector-scores.ts';

const examples = [
  { id: 'r1', text: '小区路灯坏了晚上太黑', sector: '经济界' },
  { id: 'r2', text: '路灯不亮好几天了没人修', sector: '经济界' },
  { id: 'r3', text: '孩子上学划片太远，学校不让就近入学', sector: '教育界' },
  { id: 'r4', text: '学校课后服务收费太高', sector: '教育界' },
  { id: 'r5', text: '卫生院没有医生，看病要跑到县里', sector: '医药卫生界' },
  { id: 'r6', text: '医院专家号挂不上，看病难', sector: '医药卫生界' },
];

test('learns sectors from examples and ranks the right one first, with its key words', () => {
  const model = createRoutingModel();
  for (const e of examples) model.learn(e);
  const [best, ...rest] = model.predict({ text: '我们村的路灯坏了' }, 3);
  assert.equal(best?.sector, '经济界');
  assert.ok(best.keywords.includes('路灯'), best.keywords.join(','));
  assert.equal(rest.length, 2);
  assert.equal(model.predict({ text: '孩子上学的学校太远' })[0]?.sector, '教育界');
});

test('the model survives JSON and keeps learning; unlearning takes an example back', () => {
  const model = createRoutingModel();
  for (const e of examples) model.learn(e);
  const reloaded = createRoutingModel(JSON.parse(JSON.stringify(model.toJSON())));
  const input = { text: '看病挂号太难了' };
  assert.deepEqual(reloaded.predict(input), model.predict(input));
  // Staff route three lamp concerns to another sector: the model follows them.
  const override = { text: '路灯坏了要修', sector: '社会福利和社会保障界' };
  for (let i = 0; i < 4; i++) reloaded.learn(override);
  assert.equal(reloaded.predict({ text: '路灯坏了' })[0]?.sector, '社会福利和社会保障界');
  for (let i = 0; i < 4; i++) reloaded.unlearn(override);
  assert.equal(reloaded.predict({ text: '路灯坏了' })[0]?.sector, '经济界');
});

test('the scorer hook explains with key words and similar handled concerns', () => {
  const model = createRoutingModel();
  for (const e of examples) model.learn(e);
  const index = rebuild(examples);
  const sectorOf = (id: string) => examples.find((e) => e.id === id)?.sector;
  const scores = sectorScorer(model, { index, sectorOf })('路灯坏了晚上好黑');
  const economy = scores.get('经济界');
  assert.ok(economy && economy.score > 0.5);
  assert.ok(
    economy.reasons.some((r) => r.startsWith('关键词: ') && r.includes('路灯')),
    economy.reasons.join(' | '),
  );
  assert.ok(
    economy.reasons.some((r) => /^类似问题 [12] 件由经济界委员办理$/.test(r)),
    economy.reasons.join(' | '),
  );
});

test('an empty model suggests nothing rather than guessing', () => {
  assert.deepEqual(createRoutingModel().predict({ text: '路灯坏了' }), []);
});
