import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConcernText } from './grouping.ts';
import { createGroupIndex } from './grouping.ts';
import { adoptFragments } from './rebuild.ts';
import type { SparseVector } from './vocabulary.ts';

const lamps = [
  '和平路的路灯坏了好几个月，晚上黑漆漆的',
  '路灯不亮，晚上走路害怕，请尽快修路灯',
  '我们这条街路灯坏了没人修',
  '路灯晚上不亮，老人不敢出门',
  '路灯好久不亮了，希望修一修',
];
const texts: ConcernText[] = [
  ...lamps.map((text, i) => ({ id: `lamp-${i}`, text })),
  { id: 'stray-lamp', text: '晚上路灯都不亮，黑得很' },
  { id: 'bins', text: '垃圾桶满了没人清运，苍蝇乱飞' },
];

function indexWith(groups: Record<string, string[]>) {
  const index = createGroupIndex();
  for (const t of texts) index.vectorOf(t, true);
  const raw = texts.map((t) => index.vectorOf(t, false));
  for (const [group, ids] of Object.entries(groups)) {
    for (const id of ids) {
      const i = texts.findIndex((t) => t.id === id);
      index.addTo(group, texts[i] as ConcernText, raw[i] as SparseVector);
    }
  }
  return { index, raw };
}

test('a fragment member goes where an arrival would go; a fragment unlike any group stays', () => {
  const { index, raw } = indexWith({
    lamps: lamps.map((_, i) => `lamp-${i}`),
    stray: ['stray-lamp'],
    bins: ['bins'],
  });
  adoptFragments(index, texts, raw, 4);
  assert.equal(index.concerns.get('stray-lamp')?.group, 'lamps');
  assert.equal(index.concerns.get('bins')?.group, 'bins');
  assert.equal(index.groups.get('lamps')?.members.length, 6);
});

test('a staff pin keeps a fragment member where it is', () => {
  const { index, raw } = indexWith({ lamps: lamps.map((_, i) => `lamp-${i}`), stray: ['stray-lamp'] });
  index.constraints.pins.set('stray-lamp', 'stray');
  adoptFragments(index, texts, raw, 4);
  assert.equal(index.concerns.get('stray-lamp')?.group, 'stray');
});

test('groups larger than the fragment size are not broken up', () => {
  const { index, raw } = indexWith({ lamps: lamps.map((_, i) => `lamp-${i}`), stray: ['stray-lamp'] });
  adoptFragments(index, texts, raw, 0);
  assert.equal(index.concerns.get('stray-lamp')?.group, 'stray');
});
