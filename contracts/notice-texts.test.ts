import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { noticeText, noticeTexts } from './notice-texts.ts';

const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every notice text has both languages with the same parameters', () => {
  for (const [key, t] of Object.entries(noticeTexts)) {
    assert.ok(t['zh-CN'] && t.en, key);
    assert.deepEqual(names(t.en), names(t['zh-CN']), key);
  }
});

test('a key this version does not know renders nothing (callers fall back to the stored title)', () => {
  assert.equal(noticeText('concern.from_the_future', {}, 'en'), undefined);
  assert.equal(noticeText('toString', {}, 'en'), undefined);
  assert.equal(
    noticeText('concern.escalated', { from: '桃城区政协' }, 'en'),
    '桃城区政协 escalated a concern to this committee; please assign it',
  );
});

test('0018 maps each sentence stored before keys to the key whose Chinese text it is', () => {
  const sql = readFileSync(new URL('../server/migrations/0018_notice_keys.sql', import.meta.url), 'utf8');
  const pairs = [...sql.matchAll(/\('([^']+)', '([\w.]+)'\)/g)];
  assert.ok(pairs.length >= 10);
  for (const [, title, key] of pairs)
    assert.equal(noticeTexts[key as keyof typeof noticeTexts]?.['zh-CN'], title, key);
});
