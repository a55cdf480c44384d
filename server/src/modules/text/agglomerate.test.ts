import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agglomerate } from './agglomerate.ts';
import { rebuild } from './rebuild.ts';
import type { SparseVector } from './vocabulary.ts';
import { normalized } from './vocabulary.ts';

const v = (pairs: [number, number][]): SparseVector =>
  normalized({ ids: pairs.map(([id]) => id), weights: pairs.map(([, w]) => w) });

// Four texts whose expanded vectors are alike (neighbours lent them a shared word, term 1),
// while by their own words two are about one problem (term 10) and two about another (term 20).
const expanded = [
  v([
    [1, 1],
    [10, 0.3],
  ]),
  v([
    [1, 1],
    [10, 0.3],
  ]),
  v([
    [1, 1],
    [20, 0.3],
  ]),
  v([
    [1, 1],
    [20, 0.3],
  ]),
];
const own = [v([[10, 1]]), v([[10, 1]]), v([[20, 1]]), v([[20, 1]])];
const sorted = (clusters: number[][]) =>
  clusters.map((c) => [...c].sort()).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

test('without the own-words floor, expansion alone makes the two problems one cluster', () => {
  const clusters = agglomerate(expanded, [[], [], [], []], { threshold: 0.3, placeConflict: 0 });
  assert.deepEqual(sorted(clusters), [[0, 1, 2, 3]]);
});

test('clusters whose own words are not alike on average stay apart', () => {
  const clusters = agglomerate(expanded, [[], [], [], []], {
    threshold: 0.3,
    placeConflict: 0,
    own,
    ownFloor: 0.04,
  });
  assert.deepEqual(sorted(clusters), [
    [0, 1],
    [2, 3],
  ]);
});

test('a rebuild does not join two problems at one estate through the pieces of its name', () => {
  // jieba leaves 和谐 and 小区 of 和谐小区 as words; expansion makes the estate's texts alike, and
  // judged by own words with the name's pieces still in, sewage and rubbish there were one group.
  const place = '邯郸市丛台区光明桥街道和谐小区';
  const sewage = [
    '和谐小区下水道又堵了，污水冒了一院子',
    '和谐小区污水井堵塞外溢，臭气熏天',
    '和谐小区一楼马桶往外冒脏水，主管道堵了',
    '和谐小区污水外溢一个礼拜没人管',
    '和谐小区的下水井老是往外冒污水',
  ];
  const rubbish = [
    '和谐小区垃圾好几天没人清运，堆成了山',
    '和谐小区垃圾桶满了没人拉走，苍蝇乱飞',
    '和谐小区垃圾清运不及时，味道难闻',
    '和谐小区门口垃圾堆积，物业不管',
    '和谐小区的垃圾一周才拉一次',
  ];
  const texts = [
    ...sewage.map((text, i) => ({ id: `s${i}`, text, place })),
    ...rubbish.map((text, i) => ({ id: `r${i}`, text, place })),
  ];
  const index = rebuild(texts, [], { fragment: 0, cohesion: 0 }); // this mechanism alone
  const groupOf = (id: string) => index.concerns.get(id)?.group;
  assert.ok(sewage.every((_, i) => groupOf(`s${i}`) === groupOf('s0')));
  assert.ok(rubbish.every((_, i) => groupOf(`r${i}`) === groupOf('r0')));
  assert.notEqual(groupOf('s0'), groupOf('r0'));
});

// Two pairs of texts, each pair alike by its own words (term 10, term 20) and the two pairs
// a little alike (term 30): enough to pass the absolute own-word floor, far less than inside.
const ownPairs = [
  v([
    [10, 1],
    [30, 0.3],
  ]),
  v([
    [10, 1],
    [30, 0.3],
  ]),
  v([
    [20, 1],
    [30, 0.3],
  ]),
  v([
    [20, 1],
    [30, 0.3],
  ]),
];

const ownFloorOnly = { threshold: 0.3, placeConflict: 0, own: ownPairs, ownFloor: 0.04 };

test('the own-word floor alone lets two cohesive pairs merge through a word they share', () => {
  const clusters = agglomerate(expanded, [[], [], [], []], ownFloorOnly);
  assert.deepEqual(sorted(clusters), [[0, 1, 2, 3]]);
});

test('clusters much less alike across than inside by their own words stay apart', () => {
  const clusters = agglomerate(expanded, [[], [], [], []], {
    ...ownFloorOnly,
    cohesion: 0.7,
    cohesionSize: 2,
  });
  assert.deepEqual(sorted(clusters), [
    [0, 1],
    [2, 3],
  ]);
});
